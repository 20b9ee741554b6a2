/*
 * peer_records.c - the descriptors of peer support and referrals out and
 * their rules: who may record a group, a mentor or a register line, a
 * parent's preferences (one open set a parent), and a referral out (only
 * from a parent support case, only with the parent's consent, its status
 * moving forward with the date of each change). Not for the matching
 * view (peer_matching.c).
 */
#include "service/parenting/peer_records.h"

#include <string.h>

#include "core/clock.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/tasks.h"
#include "store/parenting/peer_tables.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

static const char *
str_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static int64_t
person_of(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/* 1 when rec's field is a valid value that old (NULL on create) did not
 * hold: a rule about it runs. */
static int
changed(const json_t *rec, const json_t *old, const char *field,
        const struct err *e)
{
	if (err_names(e, field))
		return 0;
	json_t *now = json_object_get(rec, field);
	if (!now || json_is_null(now))
		return 0;
	return !old || !json_equal(now, json_object_get(old, field));
}

int
peer_parent_ref(struct ctx *ctx, int64_t id, const char *field, struct err *e)
{
	int rc = families_person_ref(ctx, id, field, 1, NULL, e);
	if (rc)
		return rc;
	struct scope_subject subject = policy_subject(ctx);
	int victim = 0;
	enum relation own = REL_NONE;
	rc = scope_victim(ctx_db(ctx), &subject, id, &victim, &own, e);
	if (rc || !victim)
		return rc;
	/* Answered as anyone the user may not use (families_person_ref),
	 * so that the answer does not tell who is a victim. */
	if (!ctx_audit(ctx, "denied", "person", id, id))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return err_set(e, SPIRE_EINVAL, field, "%s", FAMILIES_PERSON_MISSING);
}

/* A new group or mentor is held by a team the user may hold work in. */
static void
check_team(struct ctx *ctx, const json_t *rec, const json_t *old, struct err *e)
{
	if (old || !json_is_integer(json_object_get(rec, "team_id")) ||
	    err_names(e, "team_id"))
		return;
	struct err one;
	err_clear(&one);
	policy_team(ctx, id_of(rec, "team_id"), "team_id", &one);
	err_gather(e, &one);
}

static int
check_group(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	check_team(ctx, rec, old, e);
	return e->code;
}

/* Languages as written, each with some words in it. */
static void
check_languages(const json_t *rec, struct err *e)
{
	const json_t *list = json_object_get(rec, "languages");
	if (err_names(e, "languages") || !json_is_array(list))
		return;
	size_t i;
	const json_t *item;
	json_array_foreach(list, i, item)
	{
		const char *s = json_string_value(item);
		if (s && strspn(s, " ") == strlen(s)) {
			err_rule(
			    e, "languages",
			    "Enter each language, or remove the empty one");
			return;
		}
	}
}

static int
check_mentor(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	check_team(ctx, rec, old, e);
	check_languages(rec, e);
	return e->code;
}

/* A session of a group the user may change and that is still running. */
static int
check_session(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (old || !json_is_integer(json_object_get(rec, "group_id")) ||
	    err_names(e, "group_id"))
		return e->code;
	struct err one;
	err_clear(&one);
	int64_t none = 0;
	struct peer_ref g = {0, 0, 0};
	int rc = policy_reference(ctx, RK_PEER_GROUP, id_of(rec, "group_id"), 1,
	                          "group_id", &none, &one);
	if (rc == 0)
		rc = store_peer_group_ref(ctx_db(ctx), id_of(rec, "group_id"),
		                          &g, &one);
	if (rc == 0 && g.closed)
		err_set(&one, SPIRE_EINVAL, "group_id",
		        "This group has been closed. Nothing more can be "
		        "recorded on it");
	err_gather(e, &one);
	return e->code;
}

/*
 * A line of a session's register: the session the user may change, a
 * parent who may be on the pathway, once a session; attended only once the
 * session's day has come.
 */
static int
check_attendance(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct err one;
	struct peer_session_ref ses = {{0}, 0};
	int have_session = 0;
	int64_t session_id = id_of(rec, "session_id");
	if (session_id && !err_names(e, "session_id")) {
		err_clear(&one);
		int64_t none = 0;
		int rc = old ? 0
		             : policy_reference(ctx, RK_PEER_GROUP_SESSION,
		                                session_id, 1, "session_id",
		                                &none, &one);
		if (rc == 0)
			rc = store_peer_session_ref(ctx_db(ctx), session_id,
			                            &ses, &one);
		if (rc == 0 && ses.closed && !old)
			rc = err_set(&one, SPIRE_EINVAL, "session_id",
			             "This session has been closed. Nothing "
			             "more can be recorded on it");
		have_session = rc == 0;
		err_gather(e, &one);
	}
	if (!old && person_of(rec) && !err_names(e, "person_id")) {
		err_clear(&one);
		int rc =
		    peer_parent_ref(ctx, person_of(rec), "person_id", &one);
		int64_t other = 0;
		if (rc == 0 && have_session)
			rc = store_peer_attendance_find(ctx_db(ctx), session_id,
			                                person_of(rec), 0,
			                                &other, &one);
		if (rc == 0 && other)
			err_set(&one, SPIRE_EINVAL, "person_id",
			        "This parent is already on this session's "
			        "register: change their line instead");
		err_gather(e, &one);
	}
	if (have_session && json_is_true(json_object_get(rec, "attended")) &&
	    !err_names(e, "attended")) {
		char today[CLOCK_ISO_LEN];
		clock_today(today);
		if (strcmp(ses.date, today) > 0)
			err_rule(
			    e, "attended",
			    "This session has not happened yet: record who "
			    "attended on the day or after");
	}
	return e->code;
}

/* One open set of preferences a parent, about a parent who may be on the
 * pathway. */
static int
check_preferences(struct ctx *ctx, json_t *rec, const json_t *old,
                  struct err *e)
{
	check_languages(rec, e);
	if (old || !person_of(rec) || err_names(e, "person_id"))
		return e->code;
	struct err one;
	err_clear(&one);
	int rc = peer_parent_ref(ctx, person_of(rec), "person_id", &one);
	int64_t other = 0;
	if (rc == 0)
		rc = store_peer_preferences_find(ctx_db(ctx), person_of(rec), 0,
		                                 &other, &one);
	if (rc == 0 && other)
		err_set(&one, SPIRE_EINVAL, "person_id",
		        "This parent's preferences are already recorded: "
		        "change them instead");
	err_gather(e, &one);
	return e->code;
}

/* The order a referral moves in; declined ends it from sent or accepted.
 * -1 for an unknown code. */
static int
status_rank(const char *s)
{
	static const char *const order[] = {"sent", "accepted", "started",
	                                    "completed", NULL};
	for (int i = 0; s && order[i]; i++)
		if (strcmp(order[i], s) == 0)
			return i;
	return s && strcmp(s, "declined") == 0 ? 10 : -1;
}

/* 1 when a referral may move from status `from` to `to`. */
static int
status_may_move(const char *from, const char *to)
{
	int f = status_rank(from), t = status_rank(to);
	if (f < 0 || t < 0)
		return 1; /* the vocabulary check names it */
	if (f == 10 || f == 3)
		return 0; /* declined and completed are where it ends */
	if (t == 10)
		return f <= 1;
	return t > f;
}

/* The parent support case a new referral is made from: one the user may
 * change, open, of the parenting service; the referral is about its
 * parent, who may be on the pathway. */
static void
check_referral_case(struct ctx *ctx, json_t *rec, struct err *e)
{
	if (!id_of(rec, "case_id") || err_names(e, "case_id"))
		return;
	struct err one;
	err_clear(&one);
	struct case_ref c;
	int parenting = 0;
	int rc = tasks_open_case(ctx, id_of(rec, "case_id"), &c, &one);
	if (rc == 0)
		rc = store_peer_case_parenting(ctx_db(ctx), c.id, &parenting,
		                               &one);
	if (rc == 0 && !parenting)
		rc = err_set(&one, SPIRE_EINVAL, "case_id",
		             "Select the parent's parent support case: "
		             "referrals out are made from a parenting case");
	if (rc == 0)
		rc = peer_parent_ref(ctx, c.person_id, "case_id", &one);
	if (rc == 0 &&
	    json_object_set_new(rec, "person_id", json_integer(c.person_id)))
		rc = err_set(&one, SPIRE_ENOMEM, NULL, "out of memory");
	err_gather(e, &one);
}

/* The mentor or group a referral names: readable, open, a mentor
 * available; only for a referral to a mentor or to a group. */
static void
check_referral_target(struct ctx *ctx, const json_t *rec, const json_t *old,
                      const char *field, const char *destination, struct err *e)
{
	const char *dest = str_of(rec, "destination");
	int is_mentor = strcmp(field, "mentor_id") == 0;
	if (!changed(rec, old, field, e) &&
	    !changed(rec, old, "destination", e))
		return;
	if (!id_of(rec, field))
		return;
	if (dest && !err_names(e, "destination") &&
	    strcmp(dest, destination) != 0) {
		err_rule(e, field,
		         is_mentor
		             ? "Only name a mentor for a referral to a "
		               "peer mentor"
		             : "Only name a group for a referral to a peer "
		               "support group");
		return;
	}
	if (!changed(rec, old, field, e))
		return;
	struct err one;
	err_clear(&one);
	int64_t none = 0;
	struct peer_ref ref = {0, 0, 0};
	int rc =
	    policy_reference(ctx, is_mentor ? RK_PEER_MENTOR : RK_PEER_GROUP,
	                     id_of(rec, field), 0, field, &none, &one);
	if (rc == 0)
		rc = is_mentor
		         ? store_peer_mentor_ref(ctx_db(ctx), id_of(rec, field),
		                                 &ref, &one)
		         : store_peer_group_ref(ctx_db(ctx), id_of(rec, field),
		                                &ref, &one);
	if (rc == SPIRE_ENOTFOUND)
		rc = err_set(&one, SPIRE_EINVAL, field, "%s", one.message);
	if (rc == 0 && ref.closed)
		rc = err_set(&one, SPIRE_EINVAL, field,
		             is_mentor ? "This mentor has left the register. "
		                         "Select another mentor"
		                       : "This group has been closed. Select "
		                         "another group");
	if (rc == 0 && is_mentor && !ref.available)
		err_set(&one, SPIRE_EINVAL, field,
		        "This mentor is not available at the moment. Select "
		        "another mentor");
	err_gather(e, &one);
}

/* The referral's status, its date, and the order it moves in. */
static void
check_referral_status(json_t *rec, const json_t *old, struct err *e)
{
	const char *status = str_of(rec, "status");
	if (!old && !status && !err_names(e, "status")) {
		json_object_set_new(rec, "status", json_string("sent"));
		status = "sent";
	}
	if (!old && json_is_null(json_object_get(rec, "status_date")) &&
	    !err_names(e, "status_date") && !err_names(e, "referred_on") &&
	    json_is_string(json_object_get(rec, "referred_on")))
		json_object_set(rec, "status_date",
		                json_object_get(rec, "referred_on"));
	if (old && !status && !err_names(e, "status"))
		err_rule(e, "status", "Select the status of the referral");
	const char *was = old ? str_of(old, "status") : NULL;
	int moved = was && status && strcmp(was, status) != 0 &&
	            !err_names(e, "status");
	if (moved && !status_may_move(was, status))
		err_rule(e, "status",
		         "A referral moves forward: sent, accepted, started, "
		         "completed, or declined before it starts. It cannot "
		         "go from %s to %s",
		         was, status);
	const char *date = str_of(rec, "status_date");
	if (err_names(e, "status_date"))
		return;
	if (!date) {
		if (old)
			err_rule(e, "status_date",
			         "Enter the date of the referral's status");
		return;
	}
	const char *old_date = old ? str_of(old, "status_date") : NULL;
	if (moved && old_date && strcmp(date, old_date) < 0)
		err_rule(e, "status_date",
		         "The status cannot change before its last change "
		         "(%s)",
		         old_date);
	else if (!err_names(e, "referred_on") &&
	         json_is_string(json_object_get(rec, "referred_on")) &&
	         strcmp(date, str_of(rec, "referred_on")) < 0)
		err_rule(e, "status_date",
		         "The status date must be on or after the date of the "
		         "referral");
}

/* Every rule of a referral out, gathered with the field errors. */
static int
check_referral(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	static const char *const dates[] = {"consent_date", "referred_on",
	                                    NULL};
	if (!old)
		check_referral_case(ctx, rec, e);
	if (changed(rec, old, "child_id", e)) {
		struct err one;
		err_clear(&one);
		if (id_of(rec, "child_id") == person_of(rec))
			err_set(&one, SPIRE_EINVAL, "child_id",
			        "Select the child the referral is about, not "
			        "the parent");
		else
			peer_parent_ref(ctx, id_of(rec, "child_id"), "child_id",
			                &one);
		err_gather(e, &one);
	}
	check_referral_target(ctx, rec, old, "mentor_id", "peer_mentor", e);
	check_referral_target(ctx, rec, old, "group_id", "peer_group", e);
	const char *dest = str_of(rec, "destination");
	const char *agency = str_of(rec, "agency");
	if (dest && !err_names(e, "destination") && !err_names(e, "agency") &&
	    strcmp(dest, "third_sector") == 0 &&
	    (!agency || strspn(agency, " ") == strlen(agency)))
		err_rule(e, "agency", "Enter the name of the agency");
	if (!err_names(e, "consent_given") &&
	    json_is_false(json_object_get(rec, "consent_given")))
		err_rule(e, "consent_given",
		         "Record the parent's consent to the referral: no "
		         "referral is made without it");
	const char *consent = str_of(rec, "consent_date");
	const char *referred = str_of(rec, "referred_on");
	if (consent && referred && !err_names(e, "consent_date") &&
	    !err_names(e, "referred_on") && strcmp(consent, referred) > 0)
		err_rule(e, "consent_date",
		         "The parent's consent must be given on or before the "
		         "date of the referral");
	/* A date in the future is not copied as the status's date. */
	records_none_future(&PARENT_REFERRALS, rec, dates, e);
	records_in_case_life(ctx, &PARENT_REFERRALS, rec, old, "case_id",
	                     "referred_on", e);
	check_referral_status(rec, old, e);
	return records_not_future(&PARENT_REFERRALS, rec, "status_date", e);
}

/*
 * A change of a referral that gives its status gives the date of the change
 * too (the date kept with each status): gathered with the field errors.
 */
static int
referral_update(struct ctx *ctx, const struct resource *res, int64_t id,
                const json_t *body, json_t **out, json_t **duplicates,
                struct err *e)
{
	*duplicates = NULL;
	struct err pre;
	err_clear(&pre);
	if (json_object_get(body, "status") &&
	    !json_object_get(body, "status_date"))
		err_rule(&pre, "status_date",
		         "Enter the date the status changed");
	return records_update_pre(ctx, res, id, body, &pre, NULL, out, e);
}

static const struct resource_ops REFERRAL_OPS = {
    .update = referral_update,
};

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule TEAM_OPEN[] = {
    {"team_id", RK_TEAM},
    {NULL, RK_NONE},
};
static const struct open_rule SESSION_OPEN[] = {
    {"group_id", RK_PEER_GROUP},
    {NULL, RK_NONE},
};
static const struct open_rule ATTENDANCE_OPEN[] = {
    {"session_id", RK_PEER_GROUP_SESSION},
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};
static const struct open_rule PREFERENCES_OPEN[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};
static const struct open_rule REFERRAL_OPEN[] = {
    {"case_id", RK_CASE},
    {"child_id", RK_PERSON},
    {"mentor_id", RK_PEER_MENTOR},
    {"group_id", RK_PEER_GROUP},
    {NULL, RK_NONE},
};

static const struct list_key BY_TEAM[] = {
    {"team_id", RK_TEAM},
    {NULL, RK_NONE},
};
static const struct list_key BY_GROUP[] = {
    {"group_id", RK_PEER_GROUP},
    {NULL, RK_NONE},
};
static const struct list_key BY_SESSION[] = {
    {"session_id", RK_PEER_GROUP_SESSION},
    {NULL, RK_NONE},
};
static const struct list_key BY_PERSON[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};
static const struct list_key BY_CASE[] = {
    {"case_id", RK_CASE},
    {NULL, RK_NONE},
};

const struct resource PEER_GROUPS = {
    .name = "peer_group",
    .plural = "peer-groups",
    .label = "Peer support group",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_TEAM,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the team whose groups to show",
    .open_rules = TEAM_OPEN,
    .table = &PEER_GROUPS_TABLE,
    .kind = RK_PEER_GROUP,
    .check = check_group,
    .gathers = 1,
};

const struct resource PEER_GROUP_SESSIONS = {
    .name = "peer_group_session",
    .plural = "peer-group-sessions",
    .label = "Group session",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_GROUP,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the group whose sessions to show",
    .open_rules = SESSION_OPEN,
    .table = &PEER_GROUP_SESSIONS_TABLE,
    .kind = RK_PEER_GROUP_SESSION,
    .check = check_session,
    .gathers = 1,
};

const struct resource PEER_GROUP_ATTENDANCE = {
    .name = "peer_group_attendance",
    .plural = "peer-group-attendance",
    .label = "Register line",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_SESSION,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the session whose register to show",
    .open_rules = ATTENDANCE_OPEN,
    .table = &PEER_GROUP_ATTENDANCE_TABLE,
    .kind = RK_PEER_ATTENDANCE,
    .check = check_attendance,
    .person_of = person_of,
    .gathers = 1,
};

const struct resource PEER_MENTORS = {
    .name = "peer_mentor",
    .plural = "peer-mentors",
    .label = "Peer mentor",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_TEAM,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the team whose mentors to show",
    .open_rules = TEAM_OPEN,
    .table = &PEER_MENTORS_TABLE,
    .kind = RK_PEER_MENTOR,
    .check = check_mentor,
    .gathers = 1,
};

const struct resource PARENT_PREFERENCES = {
    .name = "parent_preferences",
    .plural = "parent-preferences",
    .label = "Parent's preferences",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_PERSON,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the parent whose preferences to show",
    .open_rules = PREFERENCES_OPEN,
    .table = &PARENT_PREFERENCES_TABLE,
    .kind = RK_PARENT_PREFERENCES,
    .check = check_preferences,
    .person_of = person_of,
    .gathers = 1,
};

const struct resource PARENT_REFERRALS = {
    .name = "parent_referral",
    .plural = "parent-referrals",
    .label = "Referral",
    .read_roles = PEER_ROLES,
    .write_roles = PEER_ROLES,
    .close_verb = "close",
    .list_keys = BY_CASE,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose the parent support case whose referrals to "
                   "show",
    .open_rules = REFERRAL_OPEN,
    .ops = &REFERRAL_OPS,
    .table = &PARENT_REFERRALS_TABLE,
    .kind = RK_PARENT_REFERRAL,
    .check = check_referral,
    .person_of = person_of,
    .gathers = 1,
};
