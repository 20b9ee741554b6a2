/*
 * records.c - generic get/create/update/close over struct resource.
 */
#include "service/records.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/validate.h"
#include "service/policy.h"
#include "store/cases.h"

static const char *const IGNORE_VERSION[] = {"version", NULL};

void
records_present(const struct resource *res, json_t *rec)
{
	fields_present(res->table->fields, res->table->n_fields, rec);
}

static int64_t
person_for(const struct resource *res, const json_t *rec, int64_t id)
{
	if (res->kind == RK_PERSON)
		return id;
	if (res->person_of)
		return res->person_of(rec);
	/* A resource described by data alone: its person_id field, if any. */
	json_t *p = json_object_get(rec, "person_id");
	return json_is_integer(p) ? json_integer_value(p) : 0;
}

int
records_get(struct ctx *ctx, const struct resource *res, int64_t id,
            json_t **out, struct err *e)
{
	struct db *db = ctx_db(ctx);
	int rc = record_get(db, res->table, id, out, e);
	if (rc)
		return rc;
	records_present(res, *out);
	if ((res->decorate && (rc = res->decorate(ctx, db, *out, e)) != 0) ||
	    (res->withhold && (rc = res->withhold(ctx, *out, e)) != 0)) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	if (!ctx_audit(ctx, "read", res->table->type, id,
	               person_for(res, *out, id))) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* Read back the stored record on the writer's connection. */
static int
read_back(struct db *db, struct record_job *j, struct err *e)
{
	int rc = record_get(db, j->res->table, j->id, &j->out, e);
	if (rc == 0)
		records_present(j->res, j->out);
	return rc;
}

/* The resource's open rules, on the writer's connection: on create every
 * rule, on a change those whose field the body gives. */
static int
still_open(struct db *db, const struct record_job *j, struct err *e)
{
	const struct open_rule *r = j->res->open_rules;
	for (; r && r->field; r++) {
		if (j->version && !json_object_get(j->body, r->field))
			continue;
		json_t *v = json_object_get(j->rec, r->field);
		if (!json_is_integer(v))
			continue;
		int open = 0;
		int rc =
		    store_is_open(db, r->kind, json_integer_value(v), &open, e);
		if (rc)
			return rc;
		if (!open)
			return err_set(
			    e, SPIRE_ECONFLICT, r->field,
			    "The %s this belongs to was closed while "
			    "you were working: nothing more can be "
			    "recorded against it",
			    store_open_kind_name(r->kind));
	}
	return 0;
}

static int
do_insert(struct db *db, void *arg, struct err *e)
{
	struct record_job *j = arg;
	int rc = still_open(db, j, e);
	if (rc == 0 && j->res->insert_check)
		rc = j->res->insert_check(db, j, e);
	if (rc)
		return rc;
	rc = record_insert(db, j->res->table, j->rec, j->at, j->user_id, &j->id,
	                   e);
	if (rc)
		return rc;
	j->audit->record_id = j->id;
	if (j->res->kind == RK_PERSON)
		j->audit->person_id = j->id;
	if (j->res->after_write && (rc = j->res->after_write(db, j, e)) != 0)
		return rc;
	return read_back(db, j, e);
}

/*
 * 1 when the change would store what is there already: the record is at
 * the version sent, still open, every field equal, the body names nothing
 * but the fields and its version, and what the extra asks the hooks to
 * write is there too (res->extra_same; a change with an extra and no such
 * hook is always written). For every resource: a PATCH of {"version"}
 * alone, or of the values a record holds, is not a change.
 */
static int
unchanged(struct db *db, const struct record_job *j)
{
	const struct record_table *t = j->res->table;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)j->body, key, v)
	{
		size_t i = 0;
		while (i < t->n_fields && strcmp(t->fields[i].name, key) != 0)
			i++;
		if (strcmp(key, "version") != 0 && i == t->n_fields)
			return 0;
	}
	json_t *now = NULL;
	struct err ignore;
	err_clear(&ignore);
	if (record_get(db, j->res->table, j->id, &now, &ignore) != 0)
		return 0;
	/* Stored as the change's record was made: presented. */
	records_present(j->res, now);
	int same =
	    json_integer_value(json_object_get(now, "version")) == j->version &&
	    json_is_null(json_object_get(now, "closed_at"));
	for (size_t i = 0; same && i < t->n_fields; i++) {
		const json_t *a = json_object_get(now, t->fields[i].name);
		const json_t *b = json_object_get(j->rec, t->fields[i].name);
		same = (!a || json_is_null(a)) ? (!b || json_is_null(b))
		                               : b && json_equal(a, b);
	}
	json_decref(now);
	if (same && j->extra)
		same = j->res->extra_same && j->res->extra_same(db, j);
	return same;
}

static int
do_update(struct db *db, void *arg, struct err *e)
{
	struct record_job *j = arg;
	int rc = still_open(db, j, e);
	if (rc)
		return rc;
	/* Saving without a change stores nothing: no new version, no
	 * history; the trail records that the record was read. */
	if (unchanged(db, j)) {
		j->audit->action = "read";
		return read_back(db, j, e);
	}
	rc = record_update(db, j->res->table, j->id, j->version, j->rec, j->at,
	                   j->user_id, e);
	if (rc)
		return rc;
	if (j->res->after_write && (rc = j->res->after_write(db, j, e)) != 0)
		return rc;
	return read_back(db, j, e);
}

static int
do_close(struct db *db, void *arg, struct err *e)
{
	struct record_job *j = arg;
	int rc = record_close(db, j->res->table, j->id, j->version, j->reason,
	                      j->at, j->user_id, e);
	if (rc)
		return rc;
	if (j->res->after_close && (rc = j->res->after_close(db, j, e)) != 0)
		return rc;
	return read_back(db, j, e);
}

int
records_parents_kept(struct db *db, const json_t *rec,
                     const struct open_rule *r, struct err *e)
{
	for (; r && r->field; r++) {
		json_t *v = json_object_get(rec, r->field);
		if (!json_is_integer(v))
			continue;
		int open = 0;
		int rc =
		    store_is_kept(db, r->kind, json_integer_value(v), &open, e);
		if (rc)
			return rc;
		if (!open)
			return err_set(e, SPIRE_ECONFLICT, r->field,
			               "The %s this belongs to was closed as "
			               "entered in error. Reopen the %s first",
			               store_open_kind_name(r->kind),
			               store_open_kind_name(r->kind));
	}
	return 0;
}

static int
do_reopen(struct db *db, void *arg, struct err *e)
{
	struct record_job *j = arg;
	json_t *now = NULL;
	int rc = record_get(db, j->res->table, j->id, &now, e);
	if (rc)
		return rc;
	const char *closed =
	    json_string_value(json_object_get(now, "closed_at"));
	snprintf(j->closed_at, sizeof(j->closed_at), "%s",
	         closed ? closed : "");
	/* Not closed, or changed meanwhile: record_reopen says which. */
	if (closed &&
	    json_integer_value(json_object_get(now, "version")) == j->version)
		rc = records_parents_kept(db, now, j->res->open_rules, e);
	json_decref(now);
	if (rc == 0)
		rc = record_reopen(db, j->res->table, j->id, j->version, j->at,
		                   j->user_id, e);
	if (rc == 0 && j->res->after_reopen)
		rc = j->res->after_reopen(db, j, e);
	return rc ? rc : read_back(db, j, e);
}

struct audit_entry *
records_job_audit(struct record_job *j, const char *action, const char *type,
                  int64_t id, int64_t person_id)
{
	struct audit_entry *a = arena_calloc(j->arena, 1, sizeof(*a));
	if (!a)
		return NULL;
	*a = *j->audit;
	a->action = action;
	a->record_type = type;
	a->record_id = id;
	a->person_id = person_id;
	a->detail = NULL;
	a->next = NULL;
	struct audit_entry *last = j->audit;
	while (last->next)
		last = last->next;
	last->next = a;
	return a;
}

static int
submit(struct ctx *ctx, struct record_job *j, write_fn fn, const char *action,
       int64_t person_id, json_t **out, struct err *e)
{
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	j->at = at;
	j->user_id = ctx->user ? ctx->user->id : 0;
	j->arena = ctx->arena;
	j->audit =
	    ctx_audit(ctx, action, j->res->table->type, j->id, person_id);
	if (!j->audit)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Why it was closed or reopened is in the trail with the change. */
	if (j->reason && !j->audit->break_glass)
		j->audit->reason = j->reason;
	int rc = ctx_commit(ctx, fn, j, e);
	/* A write that lost a race to the record's own uniqueness rule (one
	 * open plan a family, one support a parent and child...) names the
	 * field that rule is about, as the check before it would have. */
	if (rc == SPIRE_ECONFLICT && !e->field[0] &&
	    j->res->table->unique_field) {
		char msg[sizeof(e->message)];
		snprintf(msg, sizeof(msg), "%s", e->message);
		err_set(e, SPIRE_ECONFLICT, j->res->table->unique_field, "%s",
		        msg);
	}
	/* The answer tells no more than a read of the record would. */
	if (rc == 0 && j->res->withhold)
		rc = j->res->withhold(ctx, j->out, e);
	if (rc) {
		json_decref(j->out);
		return rc;
	}
	*out = j->out;
	return 0;
}

int
records_create(struct ctx *ctx, const struct resource *res, const json_t *body,
               json_t **out, struct err *e)
{
	return records_create_ex(ctx, res, body, NULL, out, e);
}

int
records_create_ex(struct ctx *ctx, const struct resource *res,
                  const json_t *body, void *extra, json_t **out, struct err *e)
{
	struct err none;
	err_clear(&none);
	return records_create_pre(ctx, res, body, &none, extra, out, e);
}

int
records_create_pre(struct ctx *ctx, const struct resource *res,
                   const json_t *body, const struct err *pre, void *extra,
                   json_t **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	json_t *rec = json_object();
	if (!rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = fields_apply(res->table->fields, res->table->n_fields, body,
	                      rec, 1, NULL, e);
	if (pre->code) {
		/* The caller's errors first, then the fields'. */
		struct err all = *pre;
		err_gather(&all, e);
		*e = all;
		rc = e->code;
	}
	/* The fields that belong only with some values of another, named
	 * with the other wrong fields. */
	if (res->table->when && (rc == 0 || rc == SPIRE_EINVAL))
		rc = fields_when_check(res->table->fields, res->table->n_fields,
		                       res->table->when, rec, e);
	if (res->check && (rc == 0 || (res->gathers && (rc == SPIRE_EINVAL ||
	                                                err_is_refusal(rc)))))
		rc = res->check(ctx, rec, NULL, e);
	/* What a gathering check found is in e, whatever it returned. */
	if (rc == 0)
		rc = e->code;
	if (rc) {
		json_decref(rec);
		return rc;
	}
	struct record_job j = {
	    .res = res, .rec = rec, .body = body, .extra = extra};
	rc = submit(ctx, &j, do_insert, "create", person_for(res, rec, 0), out,
	            e);
	json_decref(rec);
	return rc;
}

int
records_version(const json_t *body, int64_t *version, struct err *e)
{
	json_t *v = json_object_get(body, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return err_set(e, SPIRE_EINVAL, "version",
		               "Spire could not tell which version of the "
		               "record you were changing. Reload the page and "
		               "try again");
	*version = json_integer_value(v);
	return 0;
}

int
records_update(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, struct err *e)
{
	return records_update_ex(ctx, res, id, body, NULL, out, e);
}

int
records_update_ex(struct ctx *ctx, const struct resource *res, int64_t id,
                  const json_t *body, void *extra, json_t **out, struct err *e)
{
	struct err none;
	err_clear(&none);
	return records_update_pre(ctx, res, id, body, &none, extra, out, e);
}

int
records_update_pre(struct ctx *ctx, const struct resource *res, int64_t id,
                   const json_t *body, const struct err *pre, void *extra,
                   json_t **out, struct err *e)
{
	*out = NULL;
	int64_t version = 0;
	err_clear(e);
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	struct err ver;
	err_clear(&ver);
	records_version(body, &version, &ver);
	json_t *old = NULL;
	int rc = record_get(ctx_db(ctx), res->table, id, &old, e);
	if (rc)
		return rc;
	json_t *rec = json_deep_copy(old);
	if (!rec) {
		json_decref(old);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	records_present(res, rec);
	rc = fields_apply(res->table->fields, res->table->n_fields, body, rec,
	                  0, IGNORE_VERSION, e);
	/* A missing version, and the caller's errors, are named with the
	 * field errors. */
	if (ver.code || pre->code) {
		struct err all = *pre;
		err_gather(&all, &ver);
		err_gather(&all, e);
		*e = all;
		rc = e->code;
	}
	if (res->table->when && (rc == 0 || rc == SPIRE_EINVAL))
		rc = fields_when_check(res->table->fields, res->table->n_fields,
		                       res->table->when, rec, e);
	if (res->check && (rc == 0 || (res->gathers && (rc == SPIRE_EINVAL ||
	                                                err_is_refusal(rc)))))
		rc = res->check(ctx, rec, old, e);
	/* What a gathering check found is in e, whatever it returned. */
	if (rc == 0)
		rc = e->code;
	if (rc == 0) {
		struct record_job j = {.res = res,
		                       .rec = rec,
		                       .body = body,
		                       .id = id,
		                       .version = version,
		                       .extra = extra};
		rc = submit(ctx, &j, do_update, "update",
		            person_for(res, old, id), out, e);
	}
	json_decref(old);
	json_decref(rec);
	return rc;
}

/*
 * What a close or a reopen of res is called in messages, into out (size
 * n): the action's -ing form and the record's label, in lower case unless
 * it starts with an abbreviation ("closing the case", "withdrawing the
 * consent", "ending the alert", "reopening the KPI snapshot"); a person's
 * is their record ("closing the person's record"). verb is the route's
 * (res->close_verb, or "reopen").
 */
static void
action_words(const struct resource *res, const char *verb, char *out, size_t n)
{
	char ing[40];
	size_t len = strlen(verb);
	if (strcmp(verb, "cancel") == 0)
		snprintf(ing, sizeof(ing), "cancelling");
	else if (len > 1 && len < 30 && verb[len - 1] == 'e' &&
	         verb[len - 2] != 'e')
		snprintf(ing, sizeof(ing), "%.*sing", (int)(len - 1), verb);
	else
		snprintf(ing, sizeof(ing), "%.30sing", verb);
	const char *label = res->label ? res->label : "record";
	int lower = label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' &&
	            label[1] <= 'z';
	snprintf(out, n, "%s the %c%s%s", ing,
	         lower ? (char)(label[0] + ('a' - 'A')) : label[0], label + 1,
	         strcmp(label, "Person") == 0 ? "’s record" : "");
}

/*
 * Read the body of a close or a reopen, {"version", "reason"}, every error
 * together; what names the action and the record in messages
 * (action_words).
 */
static int
reason_body(const json_t *body, const char *what, int64_t *version,
            const char **reason, struct err *e)
{
	err_clear(e);
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	struct err one;
	err_clear(&one);
	if (records_version(body, version, &one))
		err_gather(e, &one);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (strcmp(key, "version") != 0 && strcmp(key, "reason") != 0)
			err_rule(e, key, "Only a reason can be given when %s",
			         what);
	}
	json_t *r = json_object_get(body, "reason");
	*reason = json_string_value(r);
	int problem = *reason ? text_problem(*reason, 500, 0) : 0;
	const char *p = *reason;
	while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (r && !json_is_null(r) && !*reason)
		err_rule(e, "reason", "The reason must be text");
	else if (!p || !*p)
		err_rule(e, "reason", "Enter the reason for %s", what);
	else if (problem == TEXT_TOO_LONG)
		err_rule(e, "reason",
		         "The reason must be 500 characters or fewer");
	else if (problem)
		err_rule(
		    e, "reason",
		    "The reason must not include hidden control characters");
	return e->code;
}

/*
 * Closes or reopens (fn, action, with "closing"/"reopening" in messages) the
 * record id of res, with the version and reason in body; the reason is
 * kept in the audit trail. *out is the record as it now stands.
 */
static int
close_or_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
                const json_t *body, write_fn fn, const char *action,
                const char *verb, json_t **out, struct err *e)
{
	*out = NULL;
	int64_t version = 0;
	const char *reason = NULL;
	char doing[120];
	action_words(res, verb, doing, sizeof(doing));
	int rc = reason_body(body, doing, &version, &reason, e);
	if (rc)
		return rc;
	json_t *old = NULL;
	rc = record_get(ctx_db(ctx), res->table, id, &old, e);
	if (rc)
		return rc;
	struct record_job j = {.res = res,
	                       .body = body,
	                       .id = id,
	                       .version = version,
	                       .reason = reason};
	rc = submit(ctx, &j, fn, action, person_for(res, old, id), out, e);
	json_decref(old);
	return rc;
}

int
records_close(struct ctx *ctx, const struct resource *res, int64_t id,
              const json_t *body, json_t **out, struct err *e)
{
	return close_or_reopen(ctx, res, id, body, do_close, "close",
	                       res->close_verb ? res->close_verb : "close", out,
	                       e);
}

int
records_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	if (!(res->table->flags & RT_REOPEN))
		return err_set(e, SPIRE_ENOTFOUND, NULL,
		               "This record cannot be reopened");
	return close_or_reopen(ctx, res, id, body, do_reopen, "reopen",
	                       "reopen", out, e);
}

/* Two decimal digits at s as a number, or -1. */
static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The UK civil date of a stored date or date-time value into out: a date,
 * or a local date-time, is its own date part; a date-time with Z or an
 * offset is the instant it names, seen in Europe/London.
 */
static void
uk_date_of(const char *v, char out[CLOCK_ISO_LEN])
{
	snprintf(out, CLOCK_ISO_LEN, "%.10s", v);
	size_t n = strlen(v);
	int64_t days;
	if (n < 16 || v[10] != 'T' || date_parse(v, &days) != 0)
		return;
	int h = two_digits(v + 11), m = two_digits(v + 14), sec = 0;
	const char *z = v + 16;
	if (*z == ':') {
		sec = two_digits(z + 1);
		z += 3;
		while (*z == '.' || (*z >= '0' && *z <= '9'))
			z++;
	}
	int offset;
	if (*z == 'Z')
		offset = 0;
	else if ((*z == '+' || *z == '-') && two_digits(z + 1) >= 0 &&
	         two_digits(z + 4) >= 0)
		offset = (*z == '-' ? -60 : 60) *
		         (two_digits(z + 1) * 60 + two_digits(z + 4));
	else
		return; /* local time: already a UK date */
	if (h < 0 || m < 0 || sec < 0)
		return;
	clock_uk_date(days * 86400 + (int64_t)h * 3600 + (int64_t)m * 60 + sec -
	                  offset,
	              out);
}

/* 1 when the date or date-time field of rec lies after today (UK). */
static int
in_future(const json_t *rec, const char *field, const char *today)
{
	const char *v = json_string_value(json_object_get(rec, field));
	if (!v)
		return 0;
	char date[CLOCK_ISO_LEN];
	uk_date_of(v, date);
	return strcmp(date, today) > 0;
}

/* Gather the error for a date in the future, naming the field by its
 * descriptor's label in res (fields_label_in), unless the field is already
 * in error. */
static void
future_error(const struct resource *res, const json_t *rec, const char *field,
             const char *today, struct err *e)
{
	if (err_names(e, field) || !in_future(rec, field, today))
		return;
	char label[160];
	fields_label_in(res->table->fields, res->table->n_fields, field, 1,
	                label, sizeof(label));
	err_rule(e, field, "%s must be today or in the past", label);
}

int
records_not_future(const struct resource *res, const json_t *rec,
                   const char *field, struct err *e)
{
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	future_error(res, rec, field, today, e);
	return e->code;
}

int
records_none_future(const struct resource *res, const json_t *rec,
                    const char *const *fields, struct err *e)
{
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	for (; *fields; fields++)
		future_error(res, rec, *fields, today, e);
	return e->code;
}

int
records_in_case_life(struct ctx *ctx, const struct resource *res,
                     const json_t *rec, const json_t *old,
                     const char *case_field, const char *date_field,
                     struct err *e)
{
	if (err_names(e, date_field) || err_names(e, case_field))
		return e->code;
	const json_t *date = json_object_get(rec, date_field);
	int64_t case_id = json_integer_value(json_object_get(rec, case_field));
	if (!json_is_string(date) || case_id < 1)
		return e->code;
	if (old && json_equal(date, json_object_get(old, date_field)) &&
	    case_id == json_integer_value(json_object_get(old, case_field)))
		return e->code;
	json_t *span = NULL;
	struct err se;
	err_clear(&se);
	int rc = store_cases_span(ctx_db(ctx), case_id, &span, &se);
	if (rc == SPIRE_ENOTFOUND)
		return e->code;
	if (rc) {
		*e = se;
		return rc;
	}
	const char *start =
	    json_string_value(json_object_get(span, "start_date"));
	const char *service =
	    json_string_value(json_object_get(span, "service_code"));
	char day[CLOCK_ISO_LEN];
	uk_date_of(json_string_value(date), day);
	if (start && strcmp(day, start) < 0) {
		char label[160];
		fields_label_in(res->table->fields, res->table->n_fields,
		                date_field, 1, label, sizeof(label));
		err_rule(e, date_field,
		         "%s must be the same as or after the date the %s "
		         "started",
		         label,
		         service && strcmp(service, "parenting") == 0
		             ? "support"
		             : "case");
	}
	json_decref(span);
	return e->code;
}

int
records_parse_id(const char *text, const char *field, int64_t *id,
                 struct err *e)
{
	char *end = NULL;
	errno = 0;
	long long v = text ? strtoll(text, &end, 10) : 0;
	if (!text || errno || !end || end == text || *end || v < 1) {
		char label[80];
		fields_label(field, label, sizeof(label));
		return err_set(e, SPIRE_EINVAL, field,
		               "Select the %s from the list", label);
	}
	*id = v;
	return 0;
}

int
records_paging(const char *limit, const char *offset, int64_t *lim,
               int64_t *off, struct err *e)
{
	*lim = 50;
	*off = 0;
	int bad = 0;
	char *end = NULL;
	if (limit) {
		errno = 0;
		long long v = strtoll(limit, &end, 10);
		if (errno || !end || end == limit || *end || v < 1 || v > 200) {
			err_add(e, SPIRE_EINVAL, "limit",
			        "Choose from 1 to 200 items a page");
			bad = 1;
		} else {
			*lim = v;
		}
	}
	if (offset) {
		errno = 0;
		long long v = strtoll(offset, &end, 10);
		if (errno || !end || end == offset || *end || v < 0 ||
		    v > 1000000000) {
			err_add(e, SPIRE_EINVAL, "offset",
			        "Choose a page position of 0 or more");
			bad = 1;
		} else {
			*off = v;
		}
	}
	return bad ? SPIRE_EINVAL : 0;
}

int
records_audit_each(struct ctx *ctx, const json_t *items, const char *action,
                   const char *type, int64_t person_id, struct err *e)
{
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		int64_t id = json_integer_value(json_object_get(item, "id"));
		int64_t pid = person_id ? person_id
		                        : json_integer_value(json_object_get(
		                              item, "person_id"));
		if (!ctx_audit(ctx, action, type, id, pid))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

int
records_collect(struct ctx *ctx, records_fetch_fn fetch, records_keep_fn keep,
                void *arg, int64_t limit, int64_t offset, json_t **out,
                struct err *e)
{
	*out = NULL;
	if (!keep)
		return fetch(ctx, arg, limit + 1, offset, out, e);
	json_t *items = json_array();
	if (!items)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int64_t want = offset + limit + 1, kept = 0, raw = 0;
	int64_t batch = limit + 1 < 100 ? 100 : limit + 1;
	int rc = 0;
	for (;;) {
		json_t *rows = NULL;
		rc = fetch(ctx, arg, batch, raw, &rows, e);
		if (rc)
			break;
		size_t n = json_array_size(rows);
		for (size_t i = 0; i < n && kept < want && rc == 0; i++) {
			json_t *row = json_array_get(rows, i);
			int k = 0;
			rc = keep(ctx, arg, row, &k, e);
			if (rc == 0 && k && kept++ >= offset &&
			    json_array_append(items, row))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
		}
		json_decref(rows);
		if (rc || kept >= want || (int64_t)n < batch)
			break;
		raw += batch;
	}
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = items;
	return 0;
}

/* One list of records_list: the resource, the key and its value. */
struct list_read {
	const struct resource *res;
	const char *field;
	int64_t value;
	int include_closed;
};

static int
list_fetch(struct ctx *ctx, void *arg, int64_t n, int64_t raw_offset,
           json_t **rows, struct err *e)
{
	const struct list_read *l = arg;
	/* A list: from the read replica when there is one (the access
	 * checks, policy_reference and list_keep, read the primary). */
	struct db *db = ctx_report_db(ctx);
	int rc = record_list(db, l->res->table, l->field, l->value,
	                     l->include_closed, n, raw_offset, rows, e);
	if (rc && ctx_report_failed(ctx, db, rc)) {
		err_clear(e);
		rc = record_list(ctx_db(ctx), l->res->table, l->field, l->value,
		                 l->include_closed, n, raw_offset, rows, e);
	}
	return rc;
}

/*
 * A row listed by a key that is not what the row's own access hangs from
 * (a person's or a family's rows, a support row by its child's case) is
 * shown only when the user may read the row itself, by its own relation
 * (policy_record: a break-glass reason opens what it may open, never a
 * sealed or victim's record). A refusal hides the row; it is not an error.
 */
static int
list_keep(struct ctx *ctx, void *arg, json_t *row, int *keep, struct err *e)
{
	const struct list_read *l = arg;
	struct err one;
	err_clear(&one);
	int64_t person = 0;
	int rc = policy_record(ctx, l->res->kind,
	                       json_integer_value(json_object_get(row, "id")),
	                       0, &person, &one);
	*keep = rc == 0;
	if (rc == SPIRE_EFORBIDDEN || rc == SPIRE_ENOTFOUND ||
	    rc == SPIRE_EAUTH)
		return 0;
	if (rc)
		*e = one;
	return rc;
}

/* Does a row's own access hang from the record its list key names? */
static int
key_is_access(const struct resource *res, const struct list_key *key)
{
	const struct record_kind *k = res->kind;
	return k && k->via && k->of == key->kind &&
	       strcmp(k->via, key->field) == 0;
}

int
records_list(struct ctx *ctx, const struct resource *res, const char *field,
             int64_t value, int include_closed, int64_t limit, int64_t offset,
             json_t **out, struct err *e)
{
	*out = NULL;
	const struct list_key *key = res->list_keys;
	while (key && key->field && strcmp(key->field, field) != 0)
		key++;
	if (!key || !key->field)
		return err_set(e, SPIRE_EINVAL, field,
		               "These records cannot be listed this way");
	int64_t person_id = 0;
	int rc =
	    policy_reference(ctx, key->kind, value, 0, field, &person_id, e);
	/* A reason that opened the person does not open their sealed
	 * records (a parent's preferences). */
	if (rc == 0)
		rc = policy_glass_sealed(ctx, res->kind, person_id, field, e);
	struct list_read l = {res, field, value, include_closed};
	json_t *rows = NULL;
	if (rc == 0)
		rc = records_collect(
		    ctx, list_fetch,
		    res->kind && !key_is_access(res, key) ? list_keep : NULL,
		    &l, limit, offset, &rows, e);
	if (rc)
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		records_present(res, row);
		if ((res->list_row && (rc = res->list_row(ctx, row, e)) != 0) ||
		    (res->withhold && (rc = res->withhold(ctx, row, e)) != 0)) {
			json_decref(rows);
			return rc;
		}
	}
	return records_list_page(ctx, rows, limit, offset, res->table->type,
	                         person_id, out, e);
}

int
records_create_table(struct db *db, const struct resource *res, struct err *e)
{
	return record_table_create(db, res->table, e);
}

int
records_list_page(struct ctx *ctx, json_t *rows, int64_t limit, int64_t offset,
                  const char *type, int64_t person_id, json_t **out,
                  struct err *e)
{
	*out = NULL;
	json_t *page = records_page(rows, limit, offset);
	if (!page)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = records_audit_each(ctx, json_object_get(page, "items"), "list",
	                            type, person_id, e);
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

json_t *
records_page(json_t *items, int64_t limit, int64_t offset)
{
	int more = (int64_t)json_array_size(items) > limit;
	if (more)
		json_array_remove(items, json_array_size(items) - 1);
	return json_pack("{s:o, s:I, s:I, s:b}", "items", items, "limit",
	                 (json_int_t)limit, "offset", (json_int_t)offset,
	                 "has_more", more);
}
