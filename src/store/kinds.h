/*
 * kinds.h - the registry of record kinds: the kinds each domain compiles in
 * (its table in store/scope*.c), and the kinds registered at start-up for
 * resources described by data alone, whose relation is that of the record
 * one of their columns names. Lookup by name, and a walk over all.
 *
 * Register at start-up, before any request: the registry is read-only
 * while the server runs. It owns what it registers (the connections'
 * statement caches key by the SQL text itself and keep their own copy,
 * db.h, so releasing it while connections are open is safe).
 */
#ifndef SPIRE_KINDS_H
#define SPIRE_KINDS_H

#include <stddef.h>

#include "core/err.h"
#include "store/scope.h"

#define KINDS_ADDED_MAX 256 /* kinds registered at start-up, at most */
#define KINDS_IDENT_MAX 63  /* longest name, table or column */

struct kind_added;

struct kinds {
	struct kind_added **added; /* registered at start-up, owned */
	size_t n_added;
};

/* An empty registry holding the compiled-in kinds only. */
void kinds_init(struct kinds *k);

/* Free every kind registered in k; k is then as after kinds_init(). */
void kinds_release(struct kinds *k);

/*
 * The kind called name: a compiled-in kind or one registered in k (k may
 * be NULL: compiled-in kinds only). NULL when there is none.
 */
const struct record_kind *kinds_find(const struct kinds *k, const char *name);

/* How many kinds k knows (compiled-in and registered); k may be NULL. */
size_t kinds_count(const struct kinds *k);

/* The i-th kind of k (compiled-in first), or NULL past the end. */
const struct record_kind *kinds_at(const struct kinds *k, size_t i);

/*
 * Register kind `name`, the records of `table`, whose relation to a user
 * is that of the record of kind `of` (a kind's name: "case", "person",
 * "family", "team" or any other known kind) that its column `via` names;
 * `about` is the column holding the person the record is about, or NULL
 * for that record's person. Its SQL is derived here and held by k: one
 * joined statement when `of` is a kind others join to (case, family,
 * team), else the id in `via` first and then `of`'s own relation
 * (scope_via_relation). flags are KIND_* bits.
 *
 * Returns the new kind (owned by k), or NULL with e set: SPIRE_EINVAL
 * naming the argument ("name", "table", "via", "of", "about") that is not
 * a lower-case SQL identifier of at most KINDS_IDENT_MAX characters, a
 * name already taken, an unknown `of`, or "name" past KINDS_ADDED_MAX;
 * SPIRE_ENOMEM.
 */
const struct record_kind *kinds_add_via(struct kinds *k, const char *name,
                                        const char *table, const char *via,
                                        const char *of, const char *about,
                                        unsigned flags, struct err *e);

#endif
