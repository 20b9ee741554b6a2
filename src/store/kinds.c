/*
 * kinds.c - the registry of record kinds: each domain's compiled-in table,
 * and the kinds registered at start-up with their derived SQL. What a kind
 * is and how its relation is measured is in store/scope.h and scope.c.
 */
#include "store/kinds.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/parenting/family_plan.h"

/* Every domain's table of kinds, in the order kinds_at() walks them. */
static const struct record_kind *const *const DOMAINS[] = {
    SCOPE_CASEWORK_KINDS,  SCOPE_YJ_KINDS,   SCOPE_FORMS_KINDS,
    SCOPE_PARENTING_KINDS, SCOPE_PEER_KINDS, SCOPE_FAMILY_PLAN_KINDS,
};

#define DOMAIN_COUNT (sizeof(DOMAINS) / sizeof(DOMAINS[0]))

/* A kind registered at start-up, with the text it points into. */
struct kind_added {
	struct record_kind kind;
	char name[KINDS_IDENT_MAX + 1];
	char table[KINDS_IDENT_MAX + 1];
	char via[KINDS_IDENT_MAX + 1];
	char about[KINDS_IDENT_MAX + 1];
	char *sql;      /* the relation statement, owned */
	char *open_sql; /* open and kept statement, owned */
};

void
kinds_init(struct kinds *k)
{
	k->added = NULL;
	k->n_added = 0;
}

void
kinds_release(struct kinds *k)
{
	for (size_t i = 0; i < k->n_added; i++) {
		free(k->added[i]->sql);
		free(k->added[i]->open_sql);
		free(k->added[i]);
	}
	free(k->added);
	kinds_init(k);
}

static size_t
compiled_count(void)
{
	size_t n = 0;
	for (size_t d = 0; d < DOMAIN_COUNT; d++)
		for (size_t i = 0; DOMAINS[d][i]; i++)
			n++;
	return n;
}

size_t
kinds_count(const struct kinds *k)
{
	return compiled_count() + (k ? k->n_added : 0);
}

const struct record_kind *
kinds_at(const struct kinds *k, size_t i)
{
	for (size_t d = 0; d < DOMAIN_COUNT; d++)
		for (size_t j = 0; DOMAINS[d][j]; j++)
			if (i-- == 0)
				return DOMAINS[d][j];
	if (k && i < k->n_added)
		return &k->added[i]->kind;
	return NULL;
}

const struct record_kind *
kinds_find(const struct kinds *k, const char *name)
{
	if (!name)
		return NULL;
	const struct record_kind *kind;
	for (size_t i = 0; (kind = kinds_at(k, i)) != NULL; i++)
		if (strcmp(kind->name, name) == 0)
			return kind;
	return NULL;
}

/* Copy identifier s into out (KINDS_IDENT_MAX + 1 bytes): a lower-case
 * letter, then lower-case letters, digits and '_'. SPIRE_EINVAL naming
 * field otherwise. */
static int
copy_ident(char *out, const char *s, const char *field, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	int ok = n > 0 && n <= KINDS_IDENT_MAX && s[0] >= 'a' && s[0] <= 'z';
	for (size_t i = 1; ok && i < n; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') ||
		     (s[i] >= '0' && s[i] <= '9') || s[i] == '_';
	if (!ok)
		return err_set(e, SPIRE_EINVAL, field,
		               "Use a lower-case name of letters, digits and "
		               "underscores, at most %d characters",
		               KINDS_IDENT_MAX);
	memcpy(out, s, n + 1);
	return 0;
}

/* A new string: the format filled in, or NULL when out of memory. */
static char *derive(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
derive(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* The statement measuring a's relation, from its declaration (the same
 * texts the compiled-in kinds are made of, store/scope.h). */
static int
derive_sql(struct kind_added *a, struct err *e)
{
	const struct record_kind *of = a->kind.of;
	char person[KINDS_IDENT_MAX + 3];
	if (a->about[0])
		snprintf(person, sizeof(person), "k.%s", a->about);
	if (of->level) {
		a->sql =
		    derive(SCOPE_VIA_JOIN_SQL("%s", "%s", "%s", "%s", "%s"),
		           a->about[0] ? person : of->person, of->level,
		           a->table, of->table, a->via);
	} else {
		a->sql = derive(SCOPE_VIA_ID_SQL("%s", "%s", "%s"), a->via,
		                a->about[0] ? person : "NULL", a->table);
		a->kind.relation = scope_via_relation;
	}
	/* Open and kept are the same for a record without a status. */
	a->open_sql = derive(SCOPE_OPEN_SQL("%s", ""), a->table);
	if (!a->sql || !a->open_sql)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	a->kind.sql = a->sql;
	a->kind.open_sql = a->open_sql;
	a->kind.kept_sql = a->open_sql;
	return 0;
}

const struct record_kind *
kinds_add_via(struct kinds *k, const char *name, const char *table,
              const char *via, const char *of, const char *about,
              unsigned flags, struct err *e)
{
	if (k->n_added >= KINDS_ADDED_MAX) {
		err_set(e, SPIRE_EINVAL, "name", "Spire holds at most %d kinds",
		        KINDS_ADDED_MAX);
		return NULL;
	}
	if (name && kinds_find(k, name)) {
		err_set(e, SPIRE_EINVAL, "name",
		        "There is already a kind of record called %s", name);
		return NULL;
	}
	const struct record_kind *target = kinds_find(k, of);
	if (!target || (!target->sql && !target->relation)) {
		err_set(e, SPIRE_EINVAL, "of",
		        "Name a kind of record Spire knows");
		return NULL;
	}
	struct kind_added *a = calloc(1, sizeof(*a));
	struct kind_added **grown =
	    a ? realloc(k->added,
	                (k->n_added + 1) * sizeof(struct kind_added *))
	      : NULL;
	if (!grown) {
		free(a);
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	k->added = grown;
	if (copy_ident(a->name, name, "name", e) ||
	    copy_ident(a->table, table, "table", e) ||
	    copy_ident(a->via, via, "via", e) ||
	    (about && copy_ident(a->about, about, "about", e)))
		goto fail;
	a->kind.name = a->name;
	a->kind.table = a->table;
	a->kind.via = a->via;
	a->kind.of = target;
	a->kind.about = about ? a->about : NULL;
	a->kind.flags = flags;
	if (derive_sql(a, e))
		goto fail;
	k->added[k->n_added++] = a;
	return &a->kind;
fail:
	free(a->sql);
	free(a->open_sql);
	free(a);
	return NULL;
}
