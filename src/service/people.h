/*
 * people.h - person records: anyone a case touches (children, parents,
 * carers, grandparents, wider network, victims).
 */
#ifndef SPIRE_SERVICE_PEOPLE_H
#define SPIRE_SERVICE_PEOPLE_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource PEOPLE;

/*
 * Read person id (audited): the person's page as JSON text appended to out
 * (their row, "ethnic_group", "families" with their members, "cases"),
 * byte for byte as the record decorate_person makes would be written
 * (core/json_text.h). Every person it shows is audited (the read, each
 * family member as listed), so it may be sent unwalked. 0, or
 * SPIRE_ENOTFOUND, SPIRE_EDB, SPIRE_ENOMEM (out's failure included).
 */
struct buf;
int people_get(struct ctx *ctx, int64_t id, struct buf *out, struct err *e);

/*
 * Create a person. Unless body has "allow_duplicate": true, possible
 * duplicates (same name and date of birth, or the same identifier) stop
 * the create with SPIRE_ECONFLICT and are returned in *duplicates
 * (caller owns) for the user to review. An optional "family_id" (the
 * family the person is being added to) marks the matches already in it,
 * as people_duplicates does; it is not stored.
 */
int people_create(struct ctx *ctx, const json_t *body, json_t **out,
                  json_t **duplicates, struct err *e);

int people_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                  struct err *e);

/* Close (e.g. entered in error); body {version, reason}. */
/* Reopen a closed person record; body {version, reason} (records_reopen). */
int people_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                  struct err *e);
int people_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                 struct err *e);

struct people_search {
	const char *q, *date_of_birth, *identifier;
	int include_closed;
	int64_t limit, offset;
};

/*
 * Search by name words (each a prefix, accents and case ignored), date of
 * birth and identifier. Results inside the user's scope carry
 * "in_scope": true. Search is not a directory of everyone: people outside
 * the user's scope are shown only for a specific query (an identifier, or
 * at least two name words with the date of birth), at most 20 of them,
 * with only name and date of birth so that a practitioner can spot an
 * existing record (opening it needs break glass); victims outside the
 * user's scope are never shown. "refine_search": true says that matches
 * were held back and a more specific query would show them. Each result
 * shown is audited as a search hit. *out is a page object.
 */
int people_search(struct ctx *ctx, const struct people_search *q, json_t **out,
                  struct err *e);

/*
 * Possible duplicates for a would-be person (body as for create). With
 * "family_id" naming a family the user may read by their own relation,
 * each match gets "family_memberships": its open memberships of that family
 * ([] for none); any other family is ignored, saying nothing of it.
 */
int people_duplicates(struct ctx *ctx, const json_t *body, json_t **out,
                      struct err *e);

/* The five reporting groups for a census code: "white", "black", "asian",
 * "mixed", "other", or NULL when not given. */
const char *people_ethnic_group(const char *code);

#endif
