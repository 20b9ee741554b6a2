/*
 * yj_offences.c - rules for offences.
 */
#include "service/yj_offences.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "service/policy.h"
#include "store/people.h"
#include "store/yj_offences.h"

/* The age of criminal responsibility in England and Wales. */
#define YJ_MIN_AGE 10

static int
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The child must have been at least 10 on the offence date: a child under
 * 10 cannot commit an offence in law, so nothing is recorded as one. */
static int
check_age(struct ctx *ctx, const json_t *rec, struct err *e)
{
	const char *when =
	    json_string_value(json_object_get(rec, "offence_date"));
	json_t *person = NULL;
	if (!when)
		return 0;
	int rc =
	    record_get(ctx_db(ctx), &PEOPLE_SQL, yj_person_of(rec), &person, e);
	if (rc)
		return rc;
	const char *dob =
	    json_string_value(json_object_get(person, "date_of_birth"));
	int y, m, d;
	char tenth[16];
	if (dob && date_parse_ymd(dob, &y, &m, &d) == 0) {
		/* Born on 29 February: the birthday is 1 March in a common
		 * year, as in law. */
		if (m == 2 && d == 29 && !leap_year(y + YJ_MIN_AGE)) {
			m = 3;
			d = 1;
		}
		snprintf(tenth, sizeof(tenth), "%04d-%02d-%02d", y + YJ_MIN_AGE,
		         m, d);
		if (strcmp(when, tenth) < 0)
			rc = err_set(e, SPIRE_EINVAL, "offence_date",
			             "The child was under 10 on the offence "
			             "date. A child under 10 cannot be "
			             "recorded as committing an offence");
	}
	json_decref(person);
	return rc;
}

static int
check_offence(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"offence_date", "arrest_date",
	                                    NULL};
	int rc = old ? 0 : yj_open_case(ctx, rec, e);
	if (rc == 0)
		rc = yj_not_future(rec, dates, e);
	if (rc == 0)
		rc = check_age(ctx, rec, e);
	if (rc == 0)
		rc = yj_not_before(rec, "arrest_date", "offence_date", e);
	return rc;
}

static int
decorate_offence(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	static const char *const lists[] = {"victims", "outcome_ids", NULL};
	(void)db;
	yj_present_json(rec, lists);
	/* Victims are shown to youth justice roles only. */
	struct err ignore;
	err_clear(&ignore);
	if (policy_youth_justice(ctx, "see victims", &ignore) != 0 &&
	    json_object_set_new(rec, "victims", json_array()))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_OFFENCES_OPEN_RULES[] = {
    {"case_id", OPEN_CASE},
    {NULL, OPEN_PERSON},
};

const struct resource YJ_OFFENCES = {
    .open_rules = YJ_OFFENCES_OPEN_RULES,
    .sql = &YJ_OFFENCES_SQL,
    .kind = RK_OFFENCE,
    .check = check_offence,
    .person_of = yj_person_of,
    .decorate = decorate_offence,
};

int
yj_offences_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
                 struct err *e)
{
	return yj_list(ctx, &YJ_OFFENCES, store_yj_offences_list, a,
	               "person_id", out, e);
}
