/*
 * vocab.h - the vocabularies: every closed list of codes Spire records
 * (sex, ethnicity, outcome types, lawful bases...), each code with the
 * words people see for it, in the order the screens offer them.
 *
 * They are written once, here, as data every layer may read: field tables
 * point at them (core/fields.h), the store derives its CHECK lists from
 * them (vocab_check_sql), the API serves them (GET /api/v1/vocabularies)
 * and the web UI takes its labels from that answer. One file per domain
 * (vocab_casework.c, vocab_yj.c, ...) defines its vocabularies and its
 * list of them; vocab.c gathers the lists in one table.
 *
 * Not for access control (roles live in service/roles.c) nor for form
 * definitions' answer options (the form files).
 */
#ifndef SPIRE_VOCAB_H
#define SPIRE_VOCAB_H

#include <jansson.h>
#include <stddef.h>

struct vocab_term {
	const char *code;  /* what is stored and sent: [a-z0-9_-]+ */
	const char *label; /* the words people see */
	const char *hint;  /* a line of help under the choice, or NULL */
	/* A code grouping terms (an outcome's kind: pre_court, court or
	 * custody; a board agency's "statutory"), or NULL. */
	const char *group;
	/* Space-separated words that sort terms into sets the rules use
	 * ("substantive": a caution or conviction), or NULL. */
	const char *tags;
	/* No longer offered or accepted as a new value; records that hold
	 * it stay readable and may keep it. */
	int retired;
};

struct vocab {
	const char *name;  /* [a-z_]+, unique: the API's ?name= */
	const char *label; /* what the list is, as a heading */
	const struct vocab_term *terms;
	size_t n;
};

/* One domain's vocabularies, registered in vocab.c's table. */
struct vocab_domain {
	const char *name;
	const struct vocab *const *vocabs;
	size_t n;
};

#define VOCAB_TERMS(name_, label_, terms_)                                     \
	{                                                                      \
		name_, label_, terms_, sizeof(terms_) / sizeof((terms_)[0])    \
	}

/* The domains, NULL-ended. */
extern const struct vocab_domain *const VOCAB_DOMAINS[];

/* The vocabulary called name, or NULL when there is none. */
const struct vocab *vocab_find(const char *name);

/* The term of v whose code is code (retired ones too), or NULL. */
const struct vocab_term *vocab_term(const struct vocab *v, const char *code);

/*
 * 1 when code may be recorded as a new value: a term of v that is not
 * retired. NULL v or code: 0.
 */
int vocab_accepts(const struct vocab *v, const char *code);

/* The label of code in v, or NULL when v has no such term. */
const char *vocab_label(const struct vocab *v, const char *code);

/* 1 when the term carries the word tag in its tags. */
int vocab_term_has(const struct vocab_term *t, const char *tag);

/*
 * The SQL text "CHECK (col IN ('a', 'b', ...))" for v (retired terms
 * included, so old rows stay valid) into out (outlen bytes). Returns 0, or
 * -1 when it does not fit (out then holds "").
 */
int vocab_check_sql(const struct vocab *v, const char *col, char *out,
                    size_t outlen);

/*
 * The labels of v's current terms as a sentence for a message ("Low,
 * medium, high or very high"), lower-cased after the first unless the
 * first word has capitals inside ("SEN", "AssetPlus"), into out (outlen bytes;
 * truncated with "..." when long).
 */
void vocab_choices(const struct vocab *v, char *out, size_t outlen);

/* Lower-case the first letter of s, as mid-sentence, unless its first
 * word has capitals inside (an acronym or a name such as "AssetPlus"). */
void vocab_lower_first(char *s);

/*
 * v as JSON {"name", "label", "terms": [{"code", "label", "hint"?,
 * "group"?, "retired"}]}, new reference, or NULL when out of memory.
 */
json_t *vocab_json(const struct vocab *v);

/* Every vocabulary, in domain order, as a JSON array (new reference). */
json_t *vocab_all_json(void);

#endif
