/*
 * yj_records.c - rules shared by the youth justice records.
 */
#include "service/yj/yj_records.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "service/policy.h"
#include "service/tasks.h"
#include "store/people.h"
#include "store/yj/yj_outcomes.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

int64_t
yj_person_of(const json_t *rec)
{
	return id_of(rec, "person_id");
}

int
yj_true(const json_t *rec, const char *key)
{
	return json_is_true(json_object_get(rec, key));
}

int
yj_may_record(struct ctx *ctx, struct err *e)
{
	return policy_youth_justice(
	    ctx, "record offences, outcomes and other youth justice records",
	    e);
}

int
yj_open_case(struct ctx *ctx, json_t *rec, struct err *e)
{
	struct case_ref c;
	int rc = tasks_open_case(ctx, id_of(rec, "case_id"), &c, e);
	if (rc == 0 && !c.youth_justice)
		rc = err_set(e, SPIRE_EINVAL, "case_id",
		             "Select a youth justice case: offences and "
		             "outcomes are recorded on youth justice cases "
		             "only");
	if (rc == 0 &&
	    json_object_set_new(rec, "person_id", json_integer(c.person_id)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

int
yj_child_outcome(struct ctx *ctx, const json_t *rec, const char *field,
                 int required, struct yj_ref *ref, struct err *e)
{
	memset(ref, 0, sizeof(*ref));
	int64_t id = id_of(rec, field);
	if (!id)
		return required ? err_set(e, SPIRE_EINVAL, field,
		                          "Select the outcome")
		                : 0;
	static const char missing[] = "Select an outcome from the list: this "
	                              "outcome does not exist";
	/* One the user may not read is answered as one that does not exist
	 * (policy_reference_hidden), before anything else is said of it. */
	int rc =
	    policy_reference_hidden(ctx, RK_OUTCOME, id, 0, field, missing, e);
	if (rc == 0)
		rc = store_yj_outcome_ref(ctx_db(ctx), id, ref, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, field, "%s", missing);
	if (rc)
		return rc;
	if (ref->person_id != yj_person_of(rec))
		return err_set(e, SPIRE_EINVAL, field,
		               "Select an outcome of this child");
	if (ref->closed)
		return err_set(e, SPIRE_EINVAL, field,
		               "This outcome has been closed. Select an open "
		               "outcome");
	return 0;
}

static int
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
yj_age_ok(struct ctx *ctx, int64_t person_id, const char *date, int *ok,
          struct err *e)
{
	*ok = 1;
	if (!date)
		return 0;
	json_t *person = NULL;
	int rc = record_get(ctx_db(ctx), &PEOPLE_TABLE, person_id, &person, e);
	if (rc)
		return rc;
	const char *dob =
	    json_string_value(json_object_get(person, "date_of_birth"));
	char birthday[YJ_DATE_SIZE];
	if (yj_tenth_birthday(dob, birthday) == 0)
		*ok = strncmp(date, birthday, 10) >= 0;
	json_decref(person);
	return 0;
}

int
yj_tenth_birthday(const char *dob, char out[YJ_DATE_SIZE])
{
	int y, m, d;
	if (!dob || date_parse_ymd(dob, &y, &m, &d) != 0)
		return -1;
	if (m == 2 && d == 29 && !leap_year(y + YJ_MIN_AGE)) {
		m = 3;
		d = 1;
	}
	snprintf(out, YJ_DATE_SIZE, "%04d-%02d-%02d", y + YJ_MIN_AGE, m, d);
	return 0;
}

int
yj_not_future(const struct resource *res, const json_t *rec,
              const char *const *fields, struct err *e)
{
	return records_none_future(res, rec, fields, e);
}

int
yj_not_before(const struct resource *res, const json_t *rec, const char *later,
              const char *earlier, struct err *e)
{
	if (err_names(e, later) || err_names(e, earlier))
		return e->code;
	const char *l = json_string_value(json_object_get(rec, later));
	const char *r = json_string_value(json_object_get(rec, earlier));
	if (l && r && strcmp(l, r) < 0) {
		const struct field *f = res->table->fields;
		size_t n = res->table->n_fields;
		char a[160], b[160];
		fields_label_in(f, n, later, 1, a, sizeof(a));
		fields_label_in(f, n, earlier, 0, b, sizeof(b));
		return err_rule(e, later,
		                "%s must be the same as or after the %s", a, b);
	}
	return e->code;
}

/* Present a written record as a get would. */
static int
finish(struct ctx *ctx, const struct resource *res, int rc, json_t **out,
       struct err *e)
{
	if (rc == 0 && res->decorate &&
	    (rc = res->decorate(ctx, ctx_db(ctx), *out, e)) != 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
yj_create(struct ctx *ctx, const struct resource *res, const json_t *body,
          void *extra, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = yj_may_record(ctx, e);
	if (rc == 0)
		rc = records_create_ex(ctx, res, body, extra, out, e);
	return finish(ctx, res, rc, out, e);
}

int
yj_update(struct ctx *ctx, const struct resource *res, int64_t id,
          const json_t *body, void *extra, json_t **out, struct err *e)
{
	struct err none;
	err_clear(&none);
	return yj_update_pre(ctx, res, id, body, &none, extra, out, e);
}

int
yj_update_pre(struct ctx *ctx, const struct resource *res, int64_t id,
              const json_t *body, const struct err *pre, void *extra,
              json_t **out, struct err *e)
{
	*out = NULL;
	int rc = yj_may_record(ctx, e);
	if (rc == 0)
		rc = records_update_pre(ctx, res, id, body, pre, extra, out, e);
	return finish(ctx, res, rc, out, e);
}

int
yj_close(struct ctx *ctx, const struct resource *res, int64_t id,
         const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = yj_may_record(ctx, e);
	if (rc == 0)
		rc = records_close(ctx, res, id, body, out, e);
	return finish(ctx, res, rc, out, e);
}

int
yj_reopen(struct ctx *ctx, const struct resource *res, int64_t id,
          const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = yj_may_record(ctx, e);
	if (rc == 0)
		rc = records_reopen(ctx, res, id, body, out, e);
	return finish(ctx, res, rc, out, e);
}

/* The youth justice records' operations through records.c, for the
 * generic handlers; no duplicates are looked for. */
static int
op_create(struct ctx *ctx, const struct resource *res, const json_t *body,
          json_t **out, json_t **duplicates, struct err *e)
{
	*duplicates = NULL;
	return yj_create(ctx, res, body, NULL, out, e);
}

static int
op_update(struct ctx *ctx, const struct resource *res, int64_t id,
          const json_t *body, json_t **out, json_t **duplicates, struct err *e)
{
	*duplicates = NULL;
	return yj_update(ctx, res, id, body, NULL, out, e);
}

const struct resource_ops YJ_RECORD_OPS = {
    .create = op_create,
    .update = op_update,
    .close = yj_close,
    .reopen = yj_reopen,
};

const struct list_key YJ_LIST_KEYS[] = {
    {"case_id", RK_CASE},
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};

int
yj_list(struct ctx *ctx, const struct resource *res, yj_list_fn fn,
        const struct records_query *a, const char *audit_key, json_t **out,
        struct err *e)
{
	*out = NULL;
	struct scope_subject subject = policy_subject(ctx);
	int by_case = a->field && strcmp(a->field, "case_id") == 0;
	struct yj_list_query q = {
	    .case_id = by_case ? a->value : 0,
	    .person_id = by_case ? 0 : a->value,
	    .include_closed = a->include_closed,
	    .user_id = subject.user_id,
	    .team_id = subject.team_id,
	    .service_id = subject.service_id,
	    .limit = a->limit + 1,
	    .offset = a->offset,
	};
	int64_t person_id = 0;
	int rc;
	if (by_case) {
		rc = policy_reference(ctx, RK_CASE, q.case_id, 0, "case_id",
		                      &person_id, e);
	} else {
		rc = policy_reference(ctx, RK_PERSON, q.person_id, 0,
		                      "person_id", &person_id, e);
		q.min_relation = ctx->break_glass
		                     ? 0
		                     : policy_needed_relation(ctx->user->role);
	}
	json_t *rows = NULL;
	if (rc == 0)
		rc = fn(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	json_t *page = records_page(rows, a->limit, a->offset);
	if (!page)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(page, "items"), i, row)
	{
		records_present(res, row);
		if (rc == 0 && res->decorate)
			rc = res->decorate(ctx, ctx_db(ctx), row, e);
		if (rc == 0 &&
		    !ctx_audit(ctx, "list", res->table->type, id_of(row, "id"),
		               id_of(row, audit_key)))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}
