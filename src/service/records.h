/*
 * records.h - resource descriptors and the service operations every
 * editable record shares: get (audited read), create, update (optimistic
 * concurrency), close, reopen, and a list by one reference field. Each
 * resource is described once by a struct resource (below) whose store half
 * (store/record.h's struct record_table) its SQL is derived from; a
 * subject service (people.c, cases.c...) adds its own rules through the
 * hooks, and a resource described by data alone has none and works
 * through the same functions. service/resources.h lists them all.
 */
#ifndef SPIRE_RECORDS_H
#define SPIRE_RECORDS_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/roles.h"
#include "store/open.h"
#include "store/record.h"
#include "store/scope.h"

struct record_job;
struct resource;

/*
 * A rule of the form "this record only while the record its `field` names
 * is open" (a case for an open person, a contact on an open case). The
 * service checks it when it validates; records.c checks it again on the
 * writer's connection inside the write's transaction (on create, and on a
 * change that gives the field), so that a concurrent close cannot slip in
 * between: SPIRE_ECONFLICT naming field then.
 */
struct open_rule {
	const char *field;
	const struct record_kind *kind;
};

/*
 * A reference field a list may be filtered by: the list of a person's
 * consents is GET /api/v1/consents?person_id=N, allowed when the user may
 * read person N (policy_reference on kind).
 */
struct list_key {
	const char *field;              /* "person_id"; one of table->list_by */
	const struct record_kind *kind; /* what it names: RK_PERSON */
};

/*
 * What a request for a list asks, read from the query parameters the
 * descriptor declares (struct resource's list_keys and list_flags): the
 * list key given (exactly one of list_keys, or NULL for a list without
 * keys) and its value, the date range, whether closed records are
 * listed, and the page.
 */
struct records_query {
	const char *field; /* the list key given; NULL when none */
	int64_t value;     /* its value, a positive id */
	/* RES_LIST_DATES: ?from= and ?to= as given (unchecked text), NULL
	 * when absent. */
	const char *from, *to;
	int include_closed;
	int64_t limit, offset;
};

/* struct resource's list_flags. */
#define RES_LIST_CLOSED 1u /* ?include_closed= (else closed ones listed) */
#define RES_LIST_DATES 2u  /* ?from=&to=, read by the list hook */

/*
 * The service operations of a resource whose domain wraps records_* with
 * rules of its own (who may record at all, parts of the body that are not
 * the record's fields, a probable duplicate): the generic handlers call
 * them instead of the records_* function of the same name. Each optional
 * (NULL: the records_* one). *out is the stored record as a get presents
 * it (caller frees). A create or update that finds probable duplicates
 * returns SPIRE_ECONFLICT with *duplicates (caller frees) the ids of the
 * records it may duplicate; otherwise *duplicates is NULL.
 */
struct resource_ops {
	int (*create)(struct ctx *ctx, const struct resource *res,
	              const json_t *body, json_t **out, json_t **duplicates,
	              struct err *e);
	int (*update)(struct ctx *ctx, const struct resource *res, int64_t id,
	              const json_t *body, json_t **out, json_t **duplicates,
	              struct err *e);
	int (*close)(struct ctx *ctx, const struct resource *res, int64_t id,
	             const json_t *body, json_t **out, struct err *e);
	int (*reopen)(struct ctx *ctx, const struct resource *res, int64_t id,
	              const json_t *body, json_t **out, struct err *e);
};

/*
 * THE descriptor of a resource: everything Spire knows about one kind of
 * record, from which its SQL (through table), its routes and screens (the
 * HTTP and web layers read name, plural, label, roles, close_verb, the
 * list keys and flags, and the fields) and its generic service operations
 * (records_*) are derived. Unless routes are written by hand for its path,
 * the rows of /api/v1/<plural> are derived from it (http/api_resources.c):
 * GET ?<list keys>&<list flags' parameters>&limit&offset (with list_keys
 * or a list hook), POST, GET /{id}, PATCH /{id}, POST /{id}/<close_verb>,
 * and POST /{id}/reopen with RT_REOPEN; reads need read_roles, writes
 * write_roles, and {id} names kind. A resource described by data alone
 * has no hooks and works through the same records_* functions; a domain
 * that wraps them gives list and ops. Every pointer is static (or owned by the
 * loader of a data-file descriptor for the life of the server); nothing
 * here is written after start-up except table->sql (record.h).
 */
struct resource {
	/* Singular name, lower case, as in the API's vocabulary and the
	 * audit trail ("consent", "kpi_snapshot"). */
	const char *name;
	/* The path segment under /api/v1/ ("consents", "kpi-snapshots"). */
	const char *plural;
	/* What people read: the singular label ("Consent"). */
	const char *label;
	/* ROLE_* bits (service/roles.h) that may read and that may write the
	 * resource; the router checks them before any handler runs. */
	unsigned read_roles, write_roles;
	/* What a role the resource's routes do not admit is told: why, and
	 * who to ask. NULL: "Your role (...) cannot do this". */
	const char *role_refused;
	/*
	 * What closing is called, as the route's last segment ("withdraw":
	 * POST /api/v1/consents/{id}/withdraw; "cancel", "close"), or NULL
	 * when a record is never closed through its own route. What closing
	 * sets is table->close_set.
	 */
	const char *close_verb;
	/*
	 * The reference fields a list is filtered by, ended by {NULL}: the
	 * list's request gives exactly one of them (GET .../offences?case_id=
	 * or ?person_id=). NULL when the list has no key (only with a list
	 * hook) or there is no list. Each field must be in table->list_by
	 * unless the list hook reads it; the order is table->list_order.
	 */
	const struct list_key *list_keys;
	/* RES_LIST_* bits: the list's further query parameters. */
	unsigned list_flags;
	/*
	 * What a list request that gives none (or more than one) of the
	 * list keys is told, naming the first key ("Choose a case or a child
	 * (one of them)"). NULL: "Choose whose <plural> to show".
	 */
	const char *list_prompt;
	/*
	 * The list, when it is not records_list's (a domain's own scoping,
	 * store query or date range): q as read from the request. *out is a
	 * page {items, limit, offset, has_more} (caller frees), each item
	 * audited. Optional.
	 */
	int (*list)(struct ctx *ctx, const struct resource *res,
	            const struct records_query *q, json_t **out, struct err *e);
	/* The domain's service operations (above). Optional. */
	const struct resource_ops *ops;
	/* The record kind {id} names in its routes (policy and audit). */
	const struct record_kind *kind;
	/* The store half: table, fields (table->fields, table->n_fields),
	 * read-only columns, close, guards, reopen, list order. */
	struct record_table *table;
	/*
	 * Domain rules on the merged record before it is written; may set
	 * server-owned fields. old is NULL on create. Optional.
	 */
	int (*check)(struct ctx *ctx, json_t *rec, const json_t *old,
	             struct err *e);
	/* The person the record is about, for the audit trail. Optional:
	 * without it the record's "person_id" (0 when none). */
	int64_t (*person_of)(const json_t *rec);
	/* Add related data to a record being returned. Optional. */
	int (*decorate)(struct ctx *ctx, struct db *db, json_t *rec,
	                struct err *e);
	/* Finish one row of a list (records_list) after the fields are
	 * presented: lighter than decorate. Optional. */
	int (*list_row)(struct ctx *ctx, json_t *row, struct err *e);
	/*
	 * Take out of rec what ctx's user may not see of it (a trimmed or
	 * withheld view). Applied by records.c to every answer that gives
	 * the record: a read (after decorate), each row of records_list
	 * (after list_row), and the record a create, change, close or
	 * reopen answers with, so that a write never tells more than a
	 * read by the same user would (session 27). Must be idempotent.
	 * Optional.
	 */
	int (*withhold)(struct ctx *ctx, json_t *rec, struct err *e);
	/* A rule checked again inside an insert's transaction, before the
	 * row is written (one writer at a time: two requests checked at once
	 * before it cannot both pass). 0 or a SPIRE_E* code (nothing stored).
	 * Optional. */
	int (*insert_check)(struct db *db, struct record_job *job,
	                    struct err *e);
	/* Extra writes in the same transaction after insert/update. Optional.
	 */
	int (*after_write)(struct db *db, struct record_job *job,
	                   struct err *e);
	/*
	 * For a change whose fields are those stored already, in the
	 * write's transaction: 1 when what job->extra asks the hooks to write
	 * (a contact's attendees, an outcome's offences) is also what is
	 * there, so that the change stores nothing (records_update). Without
	 * it a change that carries an extra is always written. Optional.
	 */
	int (*extra_same)(struct db *db, const struct record_job *job);
	/* Extra writes in the same transaction after a close (job->reason,
	 * job->at, job->user_id are set). Optional. */
	int (*after_close)(struct db *db, struct record_job *job,
	                   struct err *e);
	/* Extra writes in the same transaction after a reopen (job->at,
	 * job->user_id, job->closed_at: when the record had been closed).
	 * Optional. */
	int (*after_reopen)(struct db *db, struct record_job *job,
	                    struct err *e);
	/* What must still be open when the record is written, ended by
	 * {NULL}. Optional. */
	const struct open_rule *open_rules;
	/*
	 * 1 when check gathers its errors with the field errors (err_rule,
	 * err_gather, never err_set on e) and so also runs when fields are
	 * invalid: it then skips every rule that reads a field err_names()
	 * names, and reads no field without checking it is there. 0: check
	 * runs only on valid fields and stops at its first error.
	 */
	unsigned gathers;
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
	char closed_at[40]; /* reopen: when the record had been closed */
	json_t *out;        /* the stored record, read back; caller owns */
	void *extra;        /* for hooks */
	/* The request's arena: a hook in the writer's transaction may
	 * allocate from it (records_job_audit), the request's own thread
	 * waiting for the write meanwhile. */
	struct arena *arena;
};

/*
 * For a hook running in the write's transaction: one more audit row like
 * the job's own (same user, address, reason), about record type/id and
 * person_id, written in the same transaction right after the rows queued
 * before it: what a write does to other records is in the trail too (the
 * memberships a family's closing ends). Arena-owned; NULL when out of
 * memory.
 */
struct audit_entry *records_job_audit(struct record_job *j, const char *action,
                                      const char *type, int64_t id,
                                      int64_t person_id);

/* Read and audit record id (access already checked by the router). */
int records_get(struct ctx *ctx, const struct resource *res, int64_t id,
                json_t **out, struct err *e);

/* Validate body, run the checks, insert; *out is the stored record. */
int records_create(struct ctx *ctx, const struct resource *res,
                   const json_t *body, json_t **out, struct err *e);

/* Body must carry "version"; the other keys are fields to change. */
int records_update(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, json_t **out, struct err *e);

/*
 * As records_create / records_update, with `extra` (owned by the caller,
 * valid until return) handed to the after_write hook as job->extra: for
 * services that validated more than the record's own fields (a contact's
 * attendees and follow-up tasks) and write it in the same transaction.
 */
int records_create_ex(struct ctx *ctx, const struct resource *res,
                      const json_t *body, void *extra, json_t **out,
                      struct err *e);
int records_update_ex(struct ctx *ctx, const struct resource *res, int64_t id,
                      const json_t *body, void *extra, json_t **out,
                      struct err *e);

/*
 * As records_create_ex, with pre (never NULL) holding the errors the
 * caller found in parts of the body that are not the record's fields (a
 * new case's service): they come first in the answer, gathered with the
 * field errors and the resource's rules (err_gather).
 */
int records_create_pre(struct ctx *ctx, const struct resource *res,
                       const json_t *body, const struct err *pre, void *extra,
                       json_t **out, struct err *e);

/* As records_update_ex, with pre as in records_create_pre. */
int records_update_pre(struct ctx *ctx, const struct resource *res, int64_t id,
                       const json_t *body, const struct err *pre, void *extra,
                       json_t **out, struct err *e);

/* Body {"version", "reason"}: close (or mark entered in error). */
int records_close(struct ctx *ctx, const struct resource *res, int64_t id,
                  const json_t *body, json_t **out, struct err *e);

/*
 * Body {"version", "reason"}: reopen record id, closed before (closed_at
 * back to NULL, the reason for reopening kept as its change reason),
 * audited as "reopen". SPIRE_ECONFLICT when the record is not closed, or
 * when a record it belongs to (res->open_rules) is still closed, naming
 * that field. The resource's after_reopen hook runs in the same
 * transaction. *out is the stored record (caller frees).
 */
int records_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, json_t **out, struct err *e);

/*
 * The records of res whose list key `field` (one of res->list_keys) is
 * value, after checking the user may read what value names: a page
 * {items, limit, offset, has_more} in *out (caller frees), each item
 * presented and audited as a "list" of res->name. Closed records are
 * listed too when include_closed.
 */
int records_list(struct ctx *ctx, const struct resource *res, const char *field,
                 int64_t value, int include_closed, int64_t limit,
                 int64_t offset, json_t **out, struct err *e);

/*
 * Create the table of a resource described by data alone when it is
 * absent (portable DDL derived from res->table: id, version, the fields,
 * created_*, updated_*, closed_*), on db (a writable connection, at
 * start-up); 0 when it exists already. Its history goes to the shared
 * history table like every record's.
 */
int records_create_table(struct db *db, const struct resource *res,
                         struct err *e);

/* Present a stored row for reply (booleans, lists) via the field table. */
void records_present(const struct resource *res, json_t *rec);

/*
 * On reopening rec: every record it belongs to (open rules r) must not be
 * closed as entered in error, read in the write's transaction (db). A
 * record on an ended case can be reopened, as it could be closed.
 * SPIRE_ECONFLICT naming the field, 0, or a store error.
 */
int records_parents_kept(struct db *db, const json_t *rec,
                         const struct open_rule *r, struct err *e);

/* Read "version" from body: a positive integer, else SPIRE_EINVAL. */
int records_version(const json_t *body, int64_t *version, struct err *e);

/* Standard paging from query values; defaults 50, max 200. */
int records_paging(const char *limit, const char *offset, int64_t *lim,
                   int64_t *off, struct err *e);

/*
 * A date or date-time field value must not lie in the future: its UK
 * civil date (Europe/London; a date-time with Z or an offset seen in
 * London) may be at most today's (clock_today). Otherwise a validation
 * error naming field is gathered into e (err_rule), its message built
 * from the field's descriptor in res (its `label`, fields_label_in):
 * "Date of birth must be today or in the past". A field e already names
 * is not looked at. Returns e->code.
 */
int records_not_future(const struct resource *res, const json_t *rec,
                       const char *field, struct err *e);

/* As records_not_future for each of the NULL-ended fields. */
int records_none_future(const struct resource *res, const json_t *rec,
                        const char *const *fields, struct err *e);

/*
 * A record's date must fall inside the life of the case it is on (the
 * case named by rec's case_field): its UK civil date on or after the
 * case's start date, else a validation error naming date_field is
 * gathered into e: "Date of the session must be the same as or after the
 * date the support started" (a parenting case is the parent's support),
 * "... the date the case started" otherwise. Looked at on create (old
 * NULL) and when a change moves the date or the case; a field e already
 * names, a null date or case, or a case that does not exist (named by
 * the caller's own checks) is not. Returns e->code, or the store's error.
 */
int records_in_case_life(struct ctx *ctx, const struct resource *res,
                         const json_t *rec, const json_t *old,
                         const char *case_field, const char *date_field,
                         struct err *e);

/* Parse a positive id from text (query values); SPIRE_EINVAL naming field. */
int records_parse_id(const char *text, const char *field, int64_t *id,
                     struct err *e);

/*
 * Audit each record of a list reply as (action, type, its "id") about
 * person_id, or when person_id is 0 about each item's own "person_id".
 */
int records_audit_each(struct ctx *ctx, const json_t *items, const char *action,
                       const char *type, int64_t person_id, struct err *e);

/*
 * Wrap rows (stolen, fetched with limit + 1) as a page in *out and audit
 * each item shown as a "list" of type, as records_audit_each does.
 */
int records_list_page(struct ctx *ctx, json_t *rows, int64_t limit,
                      int64_t offset, const char *type, int64_t person_id,
                      json_t **out, struct err *e);

/*
 * The rows of one page of a list that leaves out rows the user may not
 * see, as a new array in *out (caller owns) of at most limit + 1 rows, for
 * records_page: fetch(ctx, arg, n, raw_offset, &rows, e) reads n rows of
 * the unfiltered list from raw_offset; keep(ctx, arg, row, &keep, e) says
 * whether the user sees a row. offset and limit count the rows kept, so
 * that has_more and the next page are right however many are left out
 * (issue 9): the unfiltered list is read in batches from its start until
 * offset + limit + 1 rows are kept or it ends. keep NULL: one read of
 * limit + 1 rows at offset. 0 or the first error of fetch or keep.
 */
typedef int (*records_fetch_fn)(struct ctx *ctx, void *arg, int64_t n,
                                int64_t raw_offset, json_t **rows,
                                struct err *e);
typedef int (*records_keep_fn)(struct ctx *ctx, void *arg, json_t *row,
                               int *keep, struct err *e);
int records_collect(struct ctx *ctx, records_fetch_fn fetch,
                    records_keep_fn keep, void *arg, int64_t limit,
                    int64_t offset, json_t **out, struct err *e);

/* Wrap items for a list reply: {items, limit, offset, has_more}. Steals
 * items; drops the extra row fetched to detect has_more. */
json_t *records_page(json_t *items, int64_t limit, int64_t offset);

#endif
