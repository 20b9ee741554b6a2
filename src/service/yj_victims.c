/*
 * yj_victims.c - rules for victim records.
 */
#include "service/yj_victims.h"

#include "service/policy.h"
#include "store/contacts.h"
#include "store/yj_offences.h"
#include "store/yj_victims.h"

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

/* The offence a new victim record names, and the victim themselves. */
static int
check_new(struct ctx *ctx, json_t *rec, struct err *e)
{
	int64_t offence_id = id_of(rec, "offence_id");
	int64_t victim_id = victim_of(rec);
	int64_t person_id = 0;
	struct yj_ref ref = {0};
	int rc = policy_reference(ctx, RK_OFFENCE, offence_id, 1, "offence_id",
	                          &person_id, e);
	if (rc == 0)
		rc = store_yj_offence_ref(ctx_db(ctx), offence_id, &ref, e);
	if (rc == 0 && ref.closed)
		rc = err_set(e, SPIRE_EINVAL, "offence_id",
		             "offence %lld was closed", (long long)offence_id);
	if (rc == 0 && victim_id == ref.person_id)
		rc = err_set(e, SPIRE_EINVAL, "victim_id",
		             "the victim cannot be the child who offended");
	int64_t victim_person = 0;
	if (rc == 0)
		rc = policy_reference(ctx, RK_PERSON, victim_id, 1, "victim_id",
		                      &victim_person, e);
	enum attendee_state state = ATTENDEE_OK;
	if (rc == 0)
		rc = store_contacts_person_state(ctx_db(ctx), victim_id, &state,
		                                 e);
	if (rc == 0 && state != ATTENDEE_OK)
		rc = err_set(e, SPIRE_EINVAL, "victim_id",
		             "person %lld's record is closed",
		             (long long)victim_id);
	int64_t other = 0;
	if (rc == 0)
		rc = store_yj_victims_find(ctx_db(ctx), offence_id, victim_id,
		                           0, &other, e);
	if (rc == 0 && other)
		rc = err_set(e, SPIRE_EINVAL, "victim_id",
		             "this victim is already linked to the offence "
		             "(victim record %lld)",
		             (long long)other);
	if (rc == 0 &&
	    (json_object_set_new(rec, "case_id", json_integer(ref.case_id)) ||
	     json_object_set_new(rec, "person_id",
	                         json_integer(ref.person_id))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

static int
check_victim(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"contacted_on", NULL};
	int rc = old ? 0 : check_new(ctx, rec, e);
	struct yj_ref ref;
	if (rc == 0)
		rc = yj_child_outcome(ctx, rec, "outcome_id", 0, &ref, e);
	if (rc == 0 && yj_true(rec, "rj_taken_part") &&
	    !yj_true(rec, "rj_offered"))
		rc = err_set(e, SPIRE_EINVAL, "rj_taken_part",
		             "rj_taken_part needs rj_offered to be true");
	if (rc == 0)
		rc = yj_not_future(rec, dates, e);
	return rc;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule YJ_VICTIMS_OPEN_RULES[] = {
    {"case_id", OPEN_CASE},     {"offence_id", OPEN_OFFENCE},
    {"victim_id", OPEN_PERSON}, {"outcome_id", OPEN_OUTCOME},
    {NULL, OPEN_PERSON},
};

const struct resource YJ_VICTIMS = {
    .open_rules = YJ_VICTIMS_OPEN_RULES,
    .sql = &YJ_VICTIMS_SQL,
    .kind = RK_VICTIM,
    .check = check_victim,
    .person_of = victim_of,
    .reopen = &YJ_VICTIMS_REOPEN,
};

int
yj_victims_list(struct ctx *ctx, const struct yj_list_args *a, json_t **out,
                struct err *e)
{
	*out = NULL;
	int rc = policy_youth_justice(ctx, "see victims", e);
	if (rc)
		return rc;
	return yj_list(ctx, &YJ_VICTIMS, store_yj_victims_list, a, "victim_id",
	               out, e);
}
