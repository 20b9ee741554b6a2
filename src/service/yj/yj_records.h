/*
 * yj_records.h - what the youth justice records (offences, outcomes,
 * assessments, KPI snapshots, victims) share: each hangs off an open case
 * the user may change and is about that case's child; they are read,
 * written and listed through records.c, scoped by their case.
 */
#ifndef SPIRE_SERVICE_YJ_RECORDS_H
#define SPIRE_SERVICE_YJ_RECORDS_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"
#include "store/yj/yj_list.h"

/*
 * Only youth justice roles record youth justice records (policy.h,
 * policy_youth_justice): 0, or SPIRE_EFORBIDDEN.
 */
int yj_may_record(struct ctx *ctx, struct err *e);

/*
 * A new record names case_id: the user must be allowed to change that
 * case, it must be open and held by the youth justice service; sets rec's
 * person_id to the case's child.
 */
int yj_open_case(struct ctx *ctx, json_t *rec, struct err *e);

/*
 * rec names outcome `field` (optional unless required): it must exist, be
 * open and be about rec's person_id (the same child). *ref receives it
 * (zeroed when absent). SPIRE_EINVAL naming field otherwise.
 */
int yj_child_outcome(struct ctx *ctx, const json_t *rec, const char *field,
                     int required, struct yj_ref *ref, struct err *e);

/* The age of criminal responsibility in England and Wales. */
#define YJ_MIN_AGE 10

/* Room for a YYYY-MM-DD date of any year an int holds, as
 * -Wformat-truncation counts. */
#define YJ_DATE_SIZE 48

/*
 * The YJ_MIN_AGE birthday of someone born on dob (YYYY-MM-DD; 29 February
 * gives 1 March in a common year) into out. 0, or -1 when dob is unknown.
 */
int yj_tenth_birthday(const char *dob, char out[YJ_DATE_SIZE]);

/*
 * *ok = 1 when person_id was at least YJ_MIN_AGE on date (a date of birth
 * on 29 February has its birthday on 1 March in a common year), or when
 * either date is unknown; 0 when the child was younger.
 */
int yj_age_ok(struct ctx *ctx, int64_t person_id, const char *date, int *ok,
              struct err *e);

/* None of the NULL-ended date fields of rec (a record of res) lies in the
 * future; gathered into e (records_none_future). */
int yj_not_future(const struct resource *res, const json_t *rec,
                  const char *const *fields, struct err *e);

/* later must not be before earlier (when both are set and neither is in
 * error in e): a validation error naming later, gathered into e
 * (err_rule), its message built from the fields' descriptors in res
 * (their `label`, fields_label_in): "End date must be the same as or
 * after the date of the outcome". Returns e->code. */
int yj_not_before(const struct resource *res, const json_t *rec,
                  const char *later, const char *earlier, struct err *e);

/* 1 when rec's boolean key is true. */
int yj_true(const json_t *rec, const char *key);

/* The person a record is about: its "person_id". */
int64_t yj_person_of(const json_t *rec);

/*
 * Create, update and close through records.c after yj_may_record, then
 * present the record with res->decorate as a get does. extra goes to
 * after_write.
 */
int yj_create(struct ctx *ctx, const struct resource *res, const json_t *body,
              void *extra, json_t **out, struct err *e);
int yj_update(struct ctx *ctx, const struct resource *res, int64_t id,
              const json_t *body, void *extra, json_t **out, struct err *e);
int yj_close(struct ctx *ctx, const struct resource *res, int64_t id,
             const json_t *body, json_t **out, struct err *e);
/* As yj_update, with pre as in records_update_pre. */
int yj_update_pre(struct ctx *ctx, const struct resource *res, int64_t id,
                  const json_t *body, const struct err *pre, void *extra,
                  json_t **out, struct err *e);
/* Reopen a record closed before (records_reopen). */
int yj_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
              const json_t *body, json_t **out, struct err *e);

/*
 * The service operations of a youth justice record whose body is its
 * fields alone (struct resource's ops): yj_create, yj_update, yj_close
 * and yj_reopen.
 */
extern const struct resource_ops YJ_RECORD_OPS;

typedef int (*yj_list_fn)(struct db *db, const struct yj_list_query *q,
                          json_t **out, struct err *e);

/*
 * The list keys of a youth justice record: a case (policy-checked as a
 * read of the case) or a child (the child policy-checked, then only
 * records on cases the user may open without breaking glass, or all when
 * they broke glass for the child), exactly one.
 */
extern const struct list_key YJ_LIST_KEYS[];

/* The prompt of a youth justice list given neither or both keys. */
#define YJ_LIST_PROMPT "Choose a case or a child (one of them)"

/*
 * A case's or a child's records (q->field "case_id" or "person_id", as
 * YJ_LIST_KEYS), listed by fn. Each row is presented as res->decorate
 * does and audited as a "list" of res's type about the row's audit_key
 * ("person_id", or "victim_id"). *out is a page object.
 */
int yj_list(struct ctx *ctx, const struct resource *res, yj_list_fn fn,
            const struct records_query *q, const char *audit_key, json_t **out,
            struct err *e);

#endif
