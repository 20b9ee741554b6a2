/*
 * yj_victims.c - rules for victim records.
 */
#include "service/yj/yj_victims.h"

#include "service/families.h"
#include "service/policy.h"
#include "store/yj/yj_offences.h"
#include "store/yj/yj_victims.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

static int64_t
victim_of(const json_t *rec)
{
	return id_of(rec, "victim_id");
}

/* The offence a new victim record names, and the victim themselves;
 * gathered into e, a rule whose field is in error skipped. */
static void
check_new(struct ctx *ctx, json_t *rec, struct err *e)
{
	int64_t offence_id = id_of(rec, "offence_id");
	int64_t victim_id = victim_of(rec);
	int64_t person_id = 0;
	struct yj_ref ref = {0};
	struct err one;
	int rc, offence_ok = 0;
	if (offence_id && !err_names(e, "offence_id")) {
		err_clear(&one);
		rc = policy_reference(ctx, RK_OFFENCE, offence_id, 1,
		                      "offence_id", &person_id, &one);
		if (rc == 0)
			rc = store_yj_offence_ref(ctx_db(ctx), offence_id, &ref,
			                          &one);
		if (rc == 0 && ref.closed)
			rc = err_set(
			    &one, SPIRE_EINVAL, "offence_id",
			    "This offence has been closed. Nothing more "
			    "can be recorded on it");
		if (rc == 0 &&
		    (json_object_set_new(rec, "case_id",
		                         json_integer(ref.case_id)) ||
		     json_object_set_new(rec, "person_id",
		                         json_integer(ref.person_id))))
			rc = err_set(&one, SPIRE_ENOMEM, NULL, "out of memory");
		offence_ok = rc == 0;
		err_gather(e, &one);
	}
	if (!victim_id || err_names(e, "victim_id"))
		return;
	if (offence_ok && victim_id == ref.person_id) {
		err_rule(e, "victim_id",
		         "Select someone other than the child who offended");
		return;
	}
	err_clear(&one);
	/* A person the user may not use is answered as one who does not
	 * exist, audited as denied about them, before their record is said
	 * to be closed (families_person_ref). */
	rc = families_person_ref(ctx, victim_id, "victim_id", 1, NULL, &one);
	int64_t other = 0;
	if (rc == 0 && offence_ok)
		rc = store_yj_victims_find(ctx_db(ctx), offence_id, victim_id,
		                           0, &other, &one);
	if (rc == 0 && other)
		err_set(&one, SPIRE_EINVAL, "victim_id",
		        "This person is already recorded as a victim of this "
		        "offence");
	err_gather(e, &one);
}

/*
 * Every rule of a victim record, gathered with the field errors (struct
 * resource's gathers).
 */
static int
check_victim(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"contacted_on", NULL};
	if (!old)
		check_new(ctx, rec, e);
	/* The outcome must be the child's: known once the offence is. */
	if (!err_names(e, "outcome_id") &&
	    json_is_integer(json_object_get(rec, "person_id"))) {
		struct yj_ref ref;
		struct err one;
		err_clear(&one);
		yj_child_outcome(ctx, rec, "outcome_id", 0, &ref, &one);
		err_gather(e, &one);
	}
	if (!err_names(e, "rj_taken_part") && !err_names(e, "rj_offered") &&
	    yj_true(rec, "rj_taken_part") && !yj_true(rec, "rj_offered"))
		err_rule(e, "rj_taken_part",
		         "Select yes for restorative justice offered: the "
		         "victim cannot take part unless it was offered");
	return yj_not_future(&YJ_VICTIMS, rec, dates, e);
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_VICTIMS_OPEN_RULES[] = {
    {"case_id", RK_CASE},     {"offence_id", RK_OFFENCE},
    {"victim_id", RK_PERSON}, {"outcome_id", RK_OUTCOME},
    {NULL, RK_PERSON},
};

/* A case's or a child's victims (struct resource's list). */
static int
list(struct ctx *ctx, const struct resource *res, const struct records_query *q,
     json_t **out, struct err *e)
{
	*out = NULL;
	int rc = policy_victims(ctx, e);
	if (rc)
		return rc;
	return yj_list(ctx, res, store_yj_victims_list, q, "victim_id", out, e);
}

const struct resource YJ_VICTIMS = {
    .name = "victim",
    .plural = "victims",
    .label = "Victim",
    .read_roles = ROLES_YJ,
    .write_roles = ROLES_YJ,
    .role_refused = POLICY_VICTIMS_REFUSED,
    .close_verb = "close",
    .list_keys = YJ_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = YJ_LIST_PROMPT,
    .list = list,
    .ops = &YJ_RECORD_OPS,
    .open_rules = YJ_VICTIMS_OPEN_RULES,
    .table = &YJ_VICTIMS_TABLE,
    .kind = RK_VICTIM,
    .check = check_victim,
    .person_of = victim_of,
    .gathers = 1,
};
