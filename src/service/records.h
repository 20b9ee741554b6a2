/*
 * records.h - the service operations every editable record shares: get
 * (audited read), create, update (optimistic concurrency), close. Each
 * subject service (people.c, cases.c...) describes itself with a struct
 * resource and adds its own rules through the hooks.
 */
#ifndef SPIRE_RECORDS_H
#define SPIRE_RECORDS_H

#include <jansson.h>

#include "service/ctx.h"
#include "store/record.h"
#include "store/scope.h"

struct record_job;

struct resource {
	const struct record_sql *sql;
	enum record_kind kind;
	/*
	 * Domain rules on the merged record before it is written; may set
	 * server-owned fields. old is NULL on create. Optional.
	 */
	int (*check)(struct ctx *ctx, json_t *rec, const json_t *old,
		     struct err *e);
	/* The person the record is about, for the audit trail. */
	int64_t (*person_of)(const json_t *rec);
	/* Add related data to a record being returned. Optional. */
	int (*decorate)(struct ctx *ctx, struct db *db, json_t *rec,
			struct err *e);
	/* Extra writes in the same transaction after insert/update. Optional. */
	int (*after_write)(struct db *db, struct record_job *job,
			   struct err *e);
};

/* What a writer job carries; hooks may read it. */
struct record_job {
	const struct resource *res;
	json_t *rec;        /* the values to write */
	const json_t *body; /* the request body */
	int64_t id;         /* set by insert */
	int64_t version;
	const char *reason;
	int64_t user_id;
	const char *at;
	struct audit_entry *audit;
	json_t *out; /* the stored record, read back; caller owns */
	void *extra; /* for hooks */
};

/* Read and audit record id (access already checked by the router). */
int records_get(struct ctx *ctx, const struct resource *res, int64_t id,
		json_t **out, struct err *e);

/* Validate body, run the checks, insert; *out is the stored record. */
int records_create(struct ctx *ctx, const struct resource *res,
		   const json_t *body, json_t **out, struct err *e);

/* Body must carry "version"; the other keys are fields to change. */
int records_update(struct ctx *ctx, const struct resource *res, int64_t id,
		   const json_t *body, json_t **out, struct err *e);

/* Body {"version", "reason"}: close (or mark entered in error). */
int records_close(struct ctx *ctx, const struct resource *res, int64_t id,
		  const json_t *body, json_t **out, struct err *e);

/* Present a stored row for reply (booleans, lists) via the field table. */
void records_present(const struct resource *res, json_t *rec);

/* Read "version" from body: a positive integer, else SPIRE_EINVAL. */
int records_version(const json_t *body, int64_t *version, struct err *e);

/* Standard paging from query values; defaults 50, max 200. */
int records_paging(const char *limit, const char *offset, int64_t *lim,
		   int64_t *off, struct err *e);

/* Parse a positive id from text (query values); SPIRE_EINVAL naming field. */
int records_parse_id(const char *text, const char *field, int64_t *id,
		     struct err *e);

/* Wrap items for a list reply: {items, limit, offset, has_more}. Steals
 * items; drops the extra row fetched to detect has_more. */
json_t *records_page(json_t *items, int64_t limit, int64_t offset);

#endif
