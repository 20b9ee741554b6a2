/*
 * vocab.c - the table of vocabulary domains, and lookups, SQL CHECK text,
 * messages and JSON derived from them (see vocab.h). The vocabularies
 * themselves are in one file per domain (vocab_casework.c, vocab_yj.c,
 * vocab_forms.c).
 */
#include "core/vocab.h"

#include <stdio.h>
#include <string.h>

#include "core/vocab_casework.h"
#include "core/forms/vocab_forms.h"
#include "core/parenting/vocab_parenting.h"
#include "core/parenting/vocab_peer.h"
#include "core/yj/vocab_yj.h"

/* One line a domain. */
const struct vocab_domain *const VOCAB_DOMAINS[] = {
    &VOCAB_DOMAIN_CASEWORK,  &VOCAB_DOMAIN_YJ,   &VOCAB_DOMAIN_FORMS,
    &VOCAB_DOMAIN_PARENTING, &VOCAB_DOMAIN_PEER, NULL,
};

const struct vocab *
vocab_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t d = 0; VOCAB_DOMAINS[d]; d++)
		for (size_t i = 0; i < VOCAB_DOMAINS[d]->n; i++)
			if (strcmp(VOCAB_DOMAINS[d]->vocabs[i]->name, name) ==
			    0)
				return VOCAB_DOMAINS[d]->vocabs[i];
	return NULL;
}

const struct vocab_term *
vocab_term(const struct vocab *v, const char *code)
{
	if (!v || !code)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->terms[i].code, code) == 0)
			return &v->terms[i];
	return NULL;
}

int
vocab_accepts(const struct vocab *v, const char *code)
{
	const struct vocab_term *t = vocab_term(v, code);
	return t && !t->retired;
}

const char *
vocab_label(const struct vocab *v, const char *code)
{
	const struct vocab_term *t = vocab_term(v, code);
	return t ? t->label : NULL;
}

int
vocab_term_has(const struct vocab_term *t, const char *tag)
{
	size_t n = tag ? strlen(tag) : 0;
	if (!t || !t->tags || n == 0)
		return 0;
	for (const char *p = t->tags; *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && strncmp(p, tag, n) == 0)
			return 1;
		p += w;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* Append s to out at *o; 0, or -1 when it does not fit. */
static int
put(char *out, size_t outlen, size_t *o, const char *s)
{
	size_t n = strlen(s);
	if (n >= outlen - *o)
		return -1;
	memcpy(out + *o, s, n + 1);
	*o += n;
	return 0;
}

int
vocab_check_sql(const struct vocab *v, const char *col, char *out,
                size_t outlen)
{
	size_t o = 0;
	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if (put(out, outlen, &o, "CHECK (") || put(out, outlen, &o, col) ||
	    put(out, outlen, &o, " IN ("))
		goto fail;
	for (size_t i = 0; i < v->n; i++) {
		/* Codes are [a-z0-9_-]: nothing to quote inside them. */
		if ((i && put(out, outlen, &o, ", ")) ||
		    put(out, outlen, &o, "'") ||
		    put(out, outlen, &o, v->terms[i].code) ||
		    put(out, outlen, &o, "'"))
			goto fail;
	}
	if (put(out, outlen, &o, "))"))
		goto fail;
	return 0;
fail:
	out[0] = '\0';
	return -1;
}

/* 1 when the label's first word keeps its case mid-sentence: an acronym
 * ("SEN support", "EHCP") or a name with capitals inside ("AssetPlus"). */
static int
keeps_case(const char *s)
{
	size_t w = strcspn(s, " :,()");
	for (size_t i = 1; i < w; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 1;
	return 0;
}

void
vocab_lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && !keeps_case(s))
		s[0] = (char)(s[0] - 'A' + 'a');
}

void
vocab_choices(const struct vocab *v, char *out, size_t outlen)
{
	size_t o = 0, shown = 0, total = 0;
	if (outlen == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < v->n; i++)
		total += !v->terms[i].retired;
	for (size_t i = 0; i < v->n; i++) {
		const struct vocab_term *t = &v->terms[i];
		if (t->retired)
			continue;
		const char *sep = shown == 0           ? ""
		                  : shown + 1 == total ? " or "
		                                       : ", ";
		int n = snprintf(out + o, outlen - o, "%s%s", sep, t->label);
		if (n < 0 || (size_t)n >= outlen - o) {
			/* Too long: end with an ellipsis that fits. */
			if (outlen > 4) {
				size_t at = o < outlen - 4 ? o : outlen - 4;
				memcpy(out + at, "...", 4);
			}
			return;
		}
		if (shown > 0)
			vocab_lower_first(out + o + strlen(sep));
		o += (size_t)n;
		shown++;
	}
}

json_t *
vocab_json(const struct vocab *v)
{
	json_t *terms = json_array();
	json_t *out = json_pack("{s:s, s:s, s:o}", "name", v->name, "label",
	                        v->label, "terms", terms);
	if (!out)
		return NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct vocab_term *t = &v->terms[i];
		json_t *j = json_pack("{s:s, s:s, s:b}", "code", t->code,
		                      "label", t->label, "retired", t->retired);
		if (!j || json_array_append_new(terms, j))
			goto fail;
		if (t->hint &&
		    json_object_set_new(j, "hint", json_string(t->hint)))
			goto fail;
		if (t->group &&
		    json_object_set_new(j, "group", json_string(t->group)))
			goto fail;
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

json_t *
vocab_all_json(void)
{
	json_t *all = json_array();
	if (!all)
		return NULL;
	for (size_t d = 0; VOCAB_DOMAINS[d]; d++)
		for (size_t i = 0; i < VOCAB_DOMAINS[d]->n; i++) {
			json_t *j = vocab_json(VOCAB_DOMAINS[d]->vocabs[i]);
			if (!j || json_array_append_new(all, j)) {
				json_decref(all);
				return NULL;
			}
		}
	return all;
}
