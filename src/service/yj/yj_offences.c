/*
 * yj_offences.c - rules for offences.
 */
#include "service/yj/yj_offences.h"

#include "service/policy.h"
#include "service/yj/yj_outcomes.h"
#include "store/yj/yj_offences.h"

/* A child under 10 on the offence date cannot commit an offence in law,
 * so nothing is recorded as one. */
static int
check_age(struct ctx *ctx, const json_t *rec, struct err *e)
{
	int ok = 1;
	int rc = yj_age_ok(
	    ctx, yj_person_of(rec),
	    json_string_value(json_object_get(rec, "offence_date")), &ok, e);
	if (rc == 0 && !ok)
		rc = err_set(e, SPIRE_EINVAL, "offence_date",
		             "The child was under 10 on the offence date. A "
		             "child under 10 cannot be recorded as committing "
		             "an offence");
	return rc;
}

/*
 * Every rule of an offence, gathered with the field errors (struct
 * resource's gathers): a rule whose field is in error is skipped.
 */
static int
check_offence(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"offence_date", "arrest_date",
	                                    NULL};
	struct err one;
	int case_ok = old != NULL;
	if (!old && !err_names(e, "case_id") &&
	    json_is_integer(json_object_get(rec, "case_id"))) {
		err_clear(&one);
		case_ok = yj_open_case(ctx, rec, &one) == 0;
		err_gather(e, &one);
	}
	yj_not_future(&YJ_OFFENCES, rec, dates, e);
	if (case_ok && !err_names(e, "offence_date")) {
		err_clear(&one);
		check_age(ctx, rec, &one);
		err_gather(e, &one);
	}
	return yj_not_before(&YJ_OFFENCES, rec, "arrest_date", "offence_date",
	                     e);
}

/* The offence's outcomes and, for youth justice roles only, its
 * victims (read apart from the record: store_yj_offence_victims). */
static int
decorate_offence(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	if (!db)
		db = ctx_db(ctx);
	int64_t id = json_integer_value(json_object_get(rec, "id"));
	json_t *ids = NULL, *victims = NULL;
	int rc = store_yj_offence_outcome_ids(db, id, &ids, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "outcome_ids", ids))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct err ignore;
	err_clear(&ignore);
	if (policy_victims(ctx, &ignore) != 0)
		victims = json_array();
	else if ((rc = store_yj_offence_victims(db, id, &victims, e)) != 0)
		return rc;
	if (json_object_set_new(rec, "victims", victims))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_OFFENCES_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

/* A caution or sentence keeps at least one open offence: the last open
 * offence of one is not closed (checked in the closing transaction, so no
 * change of the outcome slips in between). */
static int
refuse_last_offence(struct db *db, struct record_job *j, struct err *e)
{
	json_t *rows = NULL;
	int rc = store_yj_offence_sole_outcomes(db, j->id, &rows, e);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (rc || !yj_outcome_is_conviction(json_string_value(
		              json_object_get(row, "outcome_type"))))
			continue;
		rc = err_set(e, SPIRE_ECONFLICT, "outcome_ids",
		             "An outcome was given for this offence only. "
		             "Change the outcome's offences or close the "
		             "outcome first, then close the offence");
	}
	json_decref(rows);
	return rc;
}

/* A case's or a child's offences (struct resource's list). */
static int
list(struct ctx *ctx, const struct resource *res, const struct records_query *q,
     json_t **out, struct err *e)
{
	return yj_list(ctx, res, store_yj_offences_list, q, "person_id", out,
	               e);
}

const struct resource YJ_OFFENCES = {
    .name = "offence",
    .plural = "offences",
    .label = "Offence",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_YJ,
    .close_verb = "close",
    .list_keys = YJ_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = YJ_LIST_PROMPT,
    .list = list,
    .ops = &YJ_RECORD_OPS,
    .after_close = refuse_last_offence,
    .open_rules = YJ_OFFENCES_OPEN_RULES,
    .table = &YJ_OFFENCES_TABLE,
    .kind = RK_OFFENCE,
    .check = check_offence,
    .person_of = yj_person_of,
    .decorate = decorate_offence,
    .gathers = 1,
};
