/*
 * alerts.c - rules for alerts on a person: whoever may change the
 * person's record adds or ends one; nothing new on a closed record; the
 * start date is not in the future and a review date not before it.
 */
#include "service/alerts.h"

#include <string.h>

#include "service/families.h"
#include "service/policy.h"
#include "store/team/team_week.h"

static int64_t
alert_person(const json_t *rec)
{
	return json_integer_value(json_object_get(rec, "person_id"));
}

/* Gathered with the field errors (struct resource's gathers). */
static int
check_alert(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (!old && alert_person(rec) && !err_names(e, "person_id")) {
		struct err one;
		err_clear(&one);
		/* A person the user may change, open; one they may not is
		 * answered as one that does not exist (families_person_ref). */
		families_person_ref(ctx, alert_person(rec), "person_id", 1,
		                    NULL, &one);
		err_gather(e, &one);
	}
	const char *start =
	    json_string_value(json_object_get(rec, "start_date"));
	const char *review =
	    json_string_value(json_object_get(rec, "review_date"));
	if (start && review && !err_names(e, "start_date") &&
	    !err_names(e, "review_date") && strcmp(review, start) < 0)
		err_add(e, SPIRE_EINVAL, "review_date",
		        "The review date must be the same as or after the date "
		        "the alert started");
	return records_not_future(&ALERTS, rec, "start_date", e);
}

static const struct open_rule ALERTS_OPEN_RULES[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_PERSON},
};

static const struct list_key ALERTS_LIST_KEYS[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};

const struct resource ALERTS = {
    .name = "alert",
    .plural = "alerts",
    .label = "Alert",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "end",
    .list_keys = ALERTS_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose whose alerts to show",
    .open_rules = ALERTS_OPEN_RULES,
    .table = &ALERTS_TABLE,
    .kind = RK_ALERT,
    .check = check_alert,
    .gathers = 1,
    .person_of = alert_person,
};
