/*
 * yj_offences.c - rules for offences.
 */
#include "service/yj_offences.h"

#include "store/yj_offences.h"

static int
check_offence(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"offence_date", "arrest_date",
	                                    NULL};
	int rc = old ? 0 : yj_open_case(ctx, rec, e);
	if (rc == 0)
		rc = yj_not_future(rec, dates, e);
	if (rc == 0)
		rc = yj_not_before(rec, "arrest_date", "offence_date", e);
	return rc;
}

static int
decorate_offence(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	static const char *const lists[] = {"victims", "outcome_ids", NULL};
	(void)ctx;
	(void)db;
	(void)e;
	yj_present_json(rec, lists);
	return 0;
}

const struct resource YJ_OFFENCES = {
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
