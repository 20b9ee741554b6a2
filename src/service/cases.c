/*
 * cases.c - rules for cases: which team may hold a case and who may be
 * its worker, which family it belongs to, sensible dates, and caseload
 * lists limited to the user's scope. Access to the case named in a path is
 * checked by the router (policy.c); this file checks what a body names.
 */
#include "service/cases.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/vocab_casework.h"
#include "service/families.h"
#include "service/policy.h"
#include "service/roles.h"
#include "service/users.h"
#include "store/cases.h"
#include "store/families.h"
#include "store/people.h"
#include "store/record.h"
#include "store/tasks.h"
#include "store/users.h"

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

static const char *
text_of(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* 1 when rec's key differs from old's (always on create). */
static int
changed(const json_t *rec, const json_t *old, const char *key)
{
	return !old || !json_equal(json_object_get(rec, key),
	                           json_object_get(old, key));
}

/* The team must exist, be open and take the user's work; the case's
 * service is the team's. */
static int
check_team(struct ctx *ctx, json_t *rec, struct err *e)
{
	int64_t team_id = id_of(rec, "team_id");
	json_t *team = NULL;
	int rc = store_teams_get(ctx_db(ctx), team_id, &team, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "team_id",
		               "Select a team from the list: this team does "
		               "not exist");
	if (rc)
		return rc;
	if (!json_is_null(json_object_get(team, "closed_at")))
		rc = err_set(e, SPIRE_EINVAL, "team_id",
		             "This team has closed. Select an open team");
	if (rc == 0)
		rc = policy_team(ctx, team_id, "team_id", e);
	if (rc == 0 && json_object_set(rec, "service_id",
	                               json_object_get(team, "service_id")))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(team);
	return rc;
}

/* Whether a user of role (its name) holds cases of the service whose id
 * is service_id: a manager does (of their team's service); others as
 * role_services says. An unknown service answers no. */
static int
role_holds_service(struct ctx *ctx, const char *role, int64_t service_id)
{
	const char *const *sv = role_services(role_from_name(role));
	if (!sv)
		return 1;
	json_t *services = NULL;
	struct err one;
	err_clear(&one);
	if (store_services_list(ctx_db(ctx), &services, &one))
		return 0;
	const char *code = NULL;
	size_t i;
	json_t *s;
	json_array_foreach(services, i, s)
	{
		if (json_integer_value(json_object_get(s, "id")) == service_id)
			code = json_string_value(json_object_get(s, "code"));
	}
	int yes = 0;
	for (; code && *sv && !yes; sv++)
		yes = strcmp(*sv, code) == 0;
	json_decref(services);
	return yes;
}

/* The worker must be an active caseworker in the case's team, whose role
 * works on cases of the case's service. */
static int
check_worker(struct ctx *ctx, const json_t *rec, struct err *e)
{
	json_t *w = json_object_get(rec, "worker_id");
	if (!w || json_is_null(w))
		return 0;
	json_t *user = NULL;
	int rc = store_users_get(ctx_db(ctx), json_integer_value(w), &user, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "worker_id",
		               "Select a worker from the list: this worker "
		               "does not exist");
	if (rc)
		return rc;
	if (!json_is_null(json_object_get(user, "disabled_at")))
		rc = err_set(e, SPIRE_EINVAL, "worker_id",
		             "This worker's account is disabled. Select "
		             "another worker");
	else if (id_of(user, "team_id") != id_of(rec, "team_id"))
		rc = err_set(e, SPIRE_EINVAL, "worker_id",
		             "Select a worker in the team that holds the case");
	else if (!(role_from_name(text_of(user, "role")) & ROLES_CASEWORK))
		rc = err_set(e, SPIRE_EINVAL, "worker_id",
		             "Select a practitioner: this person's role does "
		             "not hold cases");
	else if (!role_holds_service(ctx, text_of(user, "role"),
	                             id_of(rec, "service_id")))
		rc = err_set(
		    e, SPIRE_EINVAL, "worker_id",
		    "Select a worker whose role works on cases of this "
		    "service: a parent worker sitting in the team holds "
		    "parents' cases in the parenting team");
	json_decref(user);
	return rc;
}

/* A case's family must be one the user may change (a family outside
 * their scope is answered as one that does not exist, and the attempt
 * audited as denied: policy_reference_hidden), open and, when the child is
 * known (member), have the child as a member. */
static int
check_family(struct ctx *ctx, const json_t *rec, int child_known, struct err *e)
{
	json_t *f = json_object_get(rec, "family_id");
	if (!f || json_is_null(f))
		return 0;
	int64_t family_id = json_integer_value(f);
	int rc =
	    policy_reference_hidden(ctx, RK_FAMILY, family_id, 1, "family_id",
	                            "Select a family from the list: this "
	                            "family does not exist",
	                            e);
	if (rc)
		return rc;
	json_t *family = NULL;
	rc = record_get(ctx_db(ctx), &FAMILIES_TABLE, family_id, &family, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "family_id",
		               "Select a family from the list: this family "
		               "does not exist");
	if (rc)
		return rc;
	int closed = !json_is_null(json_object_get(family, "closed_at"));
	json_decref(family);
	if (closed)
		return err_set(e, SPIRE_EINVAL, "family_id",
		               "This family has been closed. Select an open "
		               "family");
	if (!child_known)
		return 0;
	int member;
	rc = store_family_members_has(
	    ctx_db(ctx), family_id, id_of(rec, "person_id"), NULL, &member, e);
	if (rc == 0 && !member)
		rc = err_set(e, SPIRE_EINVAL, "family_id",
		             "Select a family the child is a member of");
	return rc;
}

/* The services in which a child has at most one open case at a time
 * (docs/youth-justice-model.md, "One open case"). */
static const char *const ONE_OPEN_CASE_SERVICES[] = {"youth_justice", NULL};

/* 1 when service_id is one of ONE_OPEN_CASE_SERVICES. */
static int
one_open_case(struct db *db, int64_t service_id, struct err *e)
{
	json_t *services = NULL;
	if (store_services_list(db, &services, e))
		return -1;
	int yes = 0;
	size_t i;
	json_t *s;
	json_array_foreach(services, i, s)
	{
		if (id_of(s, "id") != service_id)
			continue;
		const char *code = text_of(s, "code");
		for (size_t k = 0; code && ONE_OPEN_CASE_SERVICES[k]; k++)
			yes |= strcmp(code, ONE_OPEN_CASE_SERVICES[k]) == 0;
	}
	json_decref(services);
	return yes;
}

/*
 * A child has at most one open youth justice case, whichever team holds
 * it: when person_id has an open case of service_id other than case_id
 * (0 for a new case), refused with code naming person_id and the team that
 * holds the open one. 0 otherwise, or a store error.
 */
static int
refuse_second_case(struct db *db, int64_t person_id, int64_t service_id,
                   int64_t case_id, int code, struct err *e)
{
	int yes = one_open_case(db, service_id, e);
	if (yes <= 0)
		return yes < 0 ? e->code : 0;
	int64_t other = 0;
	char team[128];
	int rc = store_cases_open_in_service(db, person_id, service_id, case_id,
	                                     &other, team, sizeof(team), e);
	if (rc == 0 && other)
		rc = err_set(
		    e, code, "person_id",
		    "This child already has an open youth justice "
		    "case with %s. A child can have only one open youth "
		    "justice case: ask %s about it",
		    team, team);
	return rc;
}

int
cases_merge_clash(struct db *db, int64_t a, int64_t b, struct err *e)
{
	json_t *services = NULL;
	if (store_services_list(db, &services, e))
		return e->code;
	int rc = 0;
	size_t i;
	json_t *s;
	json_array_foreach(services, i, s)
	{
		int one = one_open_case(db, id_of(s, "id"), e);
		if (one < 0) {
			rc = e->code;
			break;
		}
		if (!one)
			continue;
		int64_t ca = 0, cb = 0;
		char ta[128], tb[128];
		if ((rc = store_cases_open_in_service(
		         db, a, id_of(s, "id"), 0, &ca, ta, sizeof(ta), e)) ||
		    (rc = store_cases_open_in_service(db, b, id_of(s, "id"), 0,
		                                      &cb, tb, sizeof(tb), e)))
			break;
		if (ca && cb) {
			rc = err_set(e, SPIRE_ECONFLICT, "merged_id",
			             "Both records have an open youth justice "
			             "case (with %s and with %s). A child can "
			             "have only one: close one of them before "
			             "merging",
			             ta, tb);
			break;
		}
	}
	json_decref(services);
	return rc;
}

/* Start not in the future and not before birth; end not before start and
 * not in the future. Gathered into e; a date e already names is skipped. */
static void
check_dates(const json_t *rec, const json_t *person, struct err *e)
{
	static const char *const DATES[] = {"start_date", "end_date", NULL};
	records_none_future(&CASES, rec, DATES, e);
	const char *start =
	    err_names(e, "start_date") ? NULL : text_of(rec, "start_date");
	const char *end =
	    err_names(e, "end_date") ? NULL : text_of(rec, "end_date");
	const char *dob = text_of(person, "date_of_birth");
	if (start && dob && strcmp(start, dob) < 0)
		err_rule(e, "start_date",
		         "Start date must be on or after the child's date of "
		         "birth");
	if (start && end && strcmp(end, start) < 0)
		err_rule(e, "end_date",
		         "End date must be the same as or after the start "
		         "date");
}

/* 1 when text has something other than spaces in it. */
static int
has_text(const char *text)
{
	for (; text && *text; text++)
		if (*text != ' ' && *text != '\t' && *text != '\n' &&
		    *text != '\r')
			return 1;
	return 0;
}

/* 1 when rec's id field is usable by a rule: given, and not in error. */
static int
usable_id(const json_t *rec, const char *field, const struct err *e)
{
	return json_is_integer(json_object_get(rec, field)) &&
	       !err_names(e, field);
}

/*
 * Every rule of a case, gathered with the field errors (struct resource's
 * gathers): a rule whose field is in error is skipped, and a check that
 * refuses (403) or fails is gathered by err_gather's precedence.
 */
static int
check_case(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct err one;
	/* A case is opened on purpose: the reason is part of the record. */
	if (!old && !err_names(e, "reason") &&
	    !has_text(text_of(rec, "reason")))
		err_rule(e, "reason", "Enter the reason for opening the case");
	/* Opening a case opens the child's record to its team, so the user
	 * must be able to change the child's record already (write scope:
	 * breaking glass to read it is not enough). */
	json_t *person = NULL;
	if (usable_id(rec, "person_id", e)) {
		err_clear(&one);
		families_person_ref(ctx, id_of(rec, "person_id"), "person_id",
		                    !old, &person, &one);
		err_gather(e, &one);
	}
	int team_moved = changed(rec, old, "team_id");
	int team_ok = usable_id(rec, "team_id", e);
	/* Only the worker who holds the case, or a manager, re-allocates
	 * it (policy_reassign). */
	if (old && (team_moved || changed(rec, old, "worker_id"))) {
		err_clear(&one);
		policy_reassign(ctx, id_of(old, "worker_id"), 0,
		                team_moved ? "team_id" : "worker_id",
		                "You can only re-allocate a case you hold. Ask "
		                "a manager of the team to re-allocate it",
		                &one);
		err_gather(e, &one);
	}
	if (team_ok && team_moved) {
		err_clear(&one);
		team_ok = check_team(ctx, rec, &one) == 0;
		err_gather(e, &one);
	}
	if (team_ok && !err_names(e, "worker_id") &&
	    (team_moved || changed(rec, old, "worker_id"))) {
		err_clear(&one);
		check_worker(ctx, rec, &one);
		err_gather(e, &one);
	}
	if (!err_names(e, "family_id") && changed(rec, old, "family_id")) {
		err_clear(&one);
		check_family(ctx, rec, person != NULL, &one);
		err_gather(e, &one);
	}
	/* One open youth justice case a child: a new case, or one moved to
	 * a team of another service while open. */
	if (person && !err_names(e, "team_id") &&
	    json_is_integer(json_object_get(rec, "service_id")) &&
	    (!old || changed(rec, old, "service_id")) &&
	    (!old ||
	     strcmp(text_of(rec, "status") ? text_of(rec, "status") : "",
	            "open") == 0)) {
		err_clear(&one);
		refuse_second_case(ctx_db(ctx), id_of(rec, "person_id"),
		                   id_of(rec, "service_id"),
		                   old ? id_of(old, "id") : 0, SPIRE_EINVAL,
		                   &one);
		err_gather(e, &one);
	}
	check_dates(rec, person, e);
	json_decref(person);
	return e->code;
}

static int64_t
case_person(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/* Merge the names that go with a case into rec. */
static int
decorate_case(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *labels = NULL;
	int rc = store_cases_labels(db ? db : ctx_db(ctx), id_of(rec, "id"),
	                            &labels, e);
	if (rc)
		return rc;
	if (json_object_update(rec, labels))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(labels);
	users_worker_status(rec, id_of(rec, "team_id"));
	/* Whether the page may offer to re-allocate it (policy_reassign, as
	 * check_case decides it). */
	if (rc == 0)
		rc = policy_can(ctx, rec, id_of(rec, "worker_id"), 0, 0, e);
	return rc ? rc : families_nest_person(rec, "child", "person_id", e);
}

/* A reopened case is open again only while the child has no other open
 * case of a one-open-case service (refuse_second_case), checked in the
 * reopen's transaction: 409 naming person_id. */
static int
reopen_one_case(struct db *db, struct record_job *j, struct err *e)
{
	json_t *c = NULL;
	int rc = record_get(db, &CASES_TABLE, j->id, &c, e);
	if (rc == 0 && strcmp(text_of(c, "status") ? text_of(c, "status") : "",
	                      "open") == 0)
		rc = refuse_second_case(db, id_of(c, "person_id"),
		                        id_of(c, "service_id"), j->id,
		                        SPIRE_ECONFLICT, e);
	json_decref(c);
	return rc;
}

/* A new case, checked again inside its transaction: two created at once
 * for one child both passed check_case before either was stored (session
 * 24's attack: eight at once stored four). 409 naming person_id. */
static int
insert_one_case(struct db *db, struct record_job *j, struct err *e)
{
	return refuse_second_case(db, id_of(j->rec, "person_id"),
	                          id_of(j->rec, "service_id"), 0,
	                          SPIRE_ECONFLICT, e);
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule CASES_OPEN_RULES[] = {
    {"person_id", RK_PERSON},
    {"family_id", RK_FAMILY},
    {"team_id", RK_TEAM},
    {NULL, RK_PERSON},
};

const struct resource CASES = {
    .name = "case",
    .plural = "cases",
    .label = "Case",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .open_rules = CASES_OPEN_RULES,
    .table = &CASES_TABLE,
    .kind = RK_CASE,
    .check = check_case,
    .insert_check = insert_one_case,
    .after_reopen = reopen_one_case,
    .person_of = case_person,
    .decorate = decorate_case,
    .gathers = 1,
};

/* Finish a written case (*out) for reply; a failure here leaves out the
 * names rather than failing a write that is already durable. */
static int
written(struct ctx *ctx, int rc, json_t **out)
{
	if (rc == 0) {
		struct err ignore;
		err_clear(&ignore);
		decorate_case(ctx, NULL, *out, &ignore);
	}
	return rc;
}

int
cases_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	return records_get(ctx, &CASES, id, out, e);
}

/* The service named in a new case's body must be one the user's role
 * works in, and the team holding the case must belong to it. Gathered
 * into e (err_gather). */
static void
check_service(struct ctx *ctx, const json_t *body, struct err *e)
{
	struct err one;
	json_t *v = json_object_get(body, "service");
	const char *code = json_string_value(v);
	if (!code || !*code) {
		err_rule(e, "service", "Select the service the case is for");
		return;
	}
	err_clear(&one);
	if (policy_service(ctx, code, "service", &one)) {
		err_gather(e, &one);
		return;
	}
	json_t *team_id = json_object_get(body, "team_id");
	if (!json_is_integer(team_id))
		return; /* the field table names the missing team */
	json_t *team = NULL;
	err_clear(&one);
	int rc = store_teams_get(ctx_db(ctx), json_integer_value(team_id),
	                         &team, &one);
	if (rc == SPIRE_ENOTFOUND)
		return; /* check_team names it */
	/* A team the user may not use is refused before its service is
	 * compared (the comparison depends on it). */
	if (rc == 0)
		rc = policy_team(ctx, json_integer_value(team_id), "team_id",
		                 &one);
	if (rc) {
		json_decref(team);
		err_gather(e, &one);
		return;
	}
	const char *team_service =
	    json_string_value(json_object_get(team, "service_code"));
	if (!team_service || strcmp(team_service, code) != 0)
		err_rule(e, "team_id",
		         "Select a team of the service the case is for");
	json_decref(team);
}

int
cases_create(struct ctx *ctx, const json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	struct err pre;
	err_clear(&pre);
	check_service(ctx, body, &pre);
	/* The service is the team's (checked above); the record keeps its
	 * id, not the code. */
	json_t *copy = json_deep_copy(body);
	if (!copy)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_object_del(copy, "service");
	int rc = records_create_pre(ctx, &CASES, copy, &pre, NULL, out, e);
	json_decref(copy);
	return written(ctx, rc, out);
}

/*
 * A case is changed, closed or reopened only by a role that works in its
 * service, as one is opened (policy_service): a parent worker in scope of
 * a youth justice case may read it but not end or revive it.
 * SPIRE_EFORBIDDEN naming no field otherwise.
 */
static int
check_case_service(struct ctx *ctx, int64_t id, struct err *e)
{
	json_t *c = NULL;
	int rc = record_get(ctx_db(ctx), &CASES_TABLE, id, &c, e);
	if (rc)
		return rc;
	json_int_t service_id =
	    json_integer_value(json_object_get(c, "service_id"));
	json_decref(c);
	json_t *services = NULL;
	rc = store_services_list(ctx_db(ctx), &services, e);
	if (rc)
		return rc;
	const char *code = NULL;
	size_t i;
	json_t *s;
	json_array_foreach(services, i, s)
	{
		if (json_integer_value(json_object_get(s, "id")) == service_id)
			code = json_string_value(json_object_get(s, "code"));
	}
	struct err one;
	err_clear(&one);
	/* A case of no known service is refused, not let through. */
	rc = code ? policy_service(ctx, code, NULL, &one) : SPIRE_EFORBIDDEN;
	json_decref(services);
	if (rc == SPIRE_EFORBIDDEN)
		return err_set(e, rc, NULL,
		               "Your role does not work on cases in this "
		               "service, so it cannot change this case");
	if (rc)
		*e = one;
	return rc;
}

/* A reallocation's open tasks: the worker and team before and after,
 * whether the tasks stay with the worker before, and what was done
 * (cases.h). */
struct case_move {
	int64_t from, to, from_team, to_team;
	int keep;
	json_int_t moved, kept;
};

/* Give task task_id (at version) to owner (0: nobody) in team, as a new
 * version of it audited as its update in j. */
static int
hand_task(struct db *db, struct record_job *j, int64_t task_id, int64_t version,
          int64_t owner, int64_t team, struct err *e)
{
	json_t *task = NULL;
	int rc = record_get(db, &TASKS_TABLE, task_id, &task, e);
	if (rc == 0 &&
	    (json_object_set_new(task, "owner_id",
	                         owner ? json_integer(owner) : json_null()) ||
	     json_object_set_new(task, "team_id", json_integer(team))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = record_update(db, &TASKS_TABLE, task_id, version, task,
		                   j->at, j->user_id, e);
	json_decref(task);
	if (rc == 0 && !records_job_audit(j, "update", "task", task_id,
	                                  id_of(j->rec, "person_id")))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/*
 * In the case's write, when the case moves to another team: its done and
 * cancelled tasks held in the team before move to the new team too, with
 * no owner (who owned and did each stays in its history), each a new
 * version audited as its update: the team before may no longer read the
 * case, so it keeps none of its tasks, finished or not (docs/team-week.md).
 */
static int
move_finished_tasks(struct db *db, struct record_job *j,
                    const struct case_move *m, struct err *e)
{
	json_t *tasks = NULL;
	int rc =
	    store_tasks_finished_in_team(db, j->id, m->from_team, &tasks, e);
	size_t i;
	json_t *t;
	json_array_foreach(tasks, i, t)
	{
		if (rc)
			break;
		rc = store_tasks_hand_finished(db, id_of(t, "id"),
		                               id_of(t, "version"), m->to_team,
		                               j->at, j->user_id, e);
		if (rc == 0 &&
		    !records_job_audit(j, "update", "task", id_of(t, "id"),
		                       id_of(j->rec, "person_id")))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(tasks);
	return rc;
}

/*
 * In the case's write: when the case moves to another team, every open
 * task of it held in the team before moves to the new team, with the new
 * worker (or nobody, to be allocated there): the team before may no
 * longer read the case, so neither its tasks. Else the open tasks the
 * worker before holds move to the worker after, or stay when the manager
 * chose so or nobody takes the case on. Each a new version of the task,
 * audited as its update.
 */
static int
move_open_tasks(struct db *db, struct record_job *j, struct err *e)
{
	struct case_move *m = j->extra;
	int team = m->to_team && m->to_team != m->from_team;
	json_t *tasks = NULL;
	int rc =
	    team ? store_tasks_open_in_team(db, j->id, m->from_team, &tasks, e)
	         : store_tasks_open_of(db, j->id, m->from, &tasks, e);
	size_t i;
	json_t *t;
	json_array_foreach(tasks, i, t)
	{
		if (rc)
			break;
		if (!team && (m->keep || !m->to)) {
			m->kept++;
			continue;
		}
		rc = hand_task(db, j, id_of(t, "id"), id_of(t, "version"),
		               m->to, team ? m->to_team : m->from_team, e);
		if (rc == 0)
			m->moved++;
	}
	json_decref(tasks);
	if (rc == 0 && team)
		rc = move_finished_tasks(db, j, m, e);
	return rc;
}

/* The body's "open_tasks" ("move", the default, or "keep"): *keep. */
static void
open_tasks_choice(const json_t *body, int *keep, struct err *pre)
{
	const json_t *v = json_object_get(body, "open_tasks");
	const char *how = json_string_value(v);
	*keep = how && strcmp(how, "keep") == 0;
	if (v && (!how || (strcmp(how, "move") != 0 && !*keep)))
		err_rule(pre, "open_tasks",
		         "Choose whether the open tasks move to the new worker "
		         "or stay with the worker they are with");
}

int
cases_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	int rc = check_case_service(ctx, id, e);
	if (rc || !json_is_object(body)) {
		if (rc == 0)
			rc = records_update(ctx, &CASES, id, body, out, e);
		return written(ctx, rc, out);
	}
	struct err pre;
	err_clear(&pre);
	struct case_move m = {0};
	open_tasks_choice(body, &m.keep, &pre);
	json_t *old = NULL;
	rc = record_get(ctx_db(ctx), &CASES_TABLE, id, &old, e);
	if (rc)
		return rc;
	m.from = id_of(old, "worker_id");
	m.from_team = id_of(old, "team_id");
	json_decref(old);
	const json_t *w = json_object_get(body, "worker_id");
	m.to = json_is_integer(w) ? (int64_t)json_integer_value(w)
	       : w                ? 0
	                          : m.from;
	const json_t *tm = json_object_get(body, "team_id");
	m.to_team =
	    json_is_integer(tm) ? (int64_t)json_integer_value(tm) : m.from_team;
	int team_moves = m.to_team != m.from_team;
	if (team_moves && m.keep)
		err_rule(&pre, "open_tasks",
		         "The open tasks move with the case to its new team. "
		         "Choose to move them");
	int moving = team_moves || (m.from && w && m.to != m.from);
	json_t *fields = json_copy((json_t *)body);
	if (!fields)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_object_del(fields, "open_tasks");
	/* Only a change of worker has tasks to move: this write's own
	 * resource carries the hook, so other changes stay as they were. */
	struct resource moved = CASES;
	moved.after_write = move_open_tasks;
	rc = records_update_pre(ctx, moving ? &moved : &CASES, id, fields, &pre,
	                        moving ? &m : NULL, out, e);
	json_decref(fields);
	if (rc == 0 && moving &&
	    json_object_set_new(
	        *out, "open_tasks",
	        json_pack("{s:I, s:I}", "moved", m.moved, "kept", m.kept)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return written(ctx, rc, out);
}

int
cases_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
            struct err *e)
{
	int rc = check_case_service(ctx, id, e);
	if (rc == 0)
		rc = records_close(ctx, &CASES, id, body, out, e);
	return written(ctx, rc, out);
}

int
cases_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	int rc = check_case_service(ctx, id, e);
	if (rc == 0)
		rc = records_reopen(ctx, &CASES, id, body, out, e);
	return written(ctx, rc, out);
}

int
cases_list(struct ctx *ctx, const struct cases_filter *f, json_t **out,
           struct err *e)
{
	*out = NULL;
	if (f->status && !vocab_accepts(&VOCAB_CASE_STATUSES, f->status))
		return err_set(e, SPIRE_EINVAL, "status",
		               "Choose open or closed cases");
	int needed = policy_needed_relation(ctx->user->role);
	if (needed < 0)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Your role does not open case records");
	/* A filter naming no person is a mistake, not an empty list. Whether
	 * the user may see them is left to the list's own scope. */
	if (f->person_id) {
		json_t *p = NULL;
		int rc =
		    record_get(ctx_db(ctx), &PEOPLE_TABLE, f->person_id, &p, e);
		json_decref(p);
		if (rc == SPIRE_ENOTFOUND)
			return err_set(e, SPIRE_EINVAL, "person_id",
			               "Select a person from the list: this "
			               "person does not exist");
		if (rc)
			return rc;
	}
	struct scope_subject subject = policy_subject(ctx);
	struct cases_query q = {
	    .user_id = subject.user_id,
	    .team_id = subject.team_id,
	    .service_id = subject.service_id,
	    .min_relation = needed,
	    .mine = f->mine,
	    .team = f->team,
	    .person_id = f->person_id,
	    .status = f->status,
	    .limit = f->limit + 1,
	    .offset = f->offset,
	};
	json_t *rows = NULL;
	int rc = store_cases_list(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	json_t *page = records_page(rows, f->limit, f->offset);
	if (!page)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(page, "items"), i, row)
	{
		users_worker_status(row, id_of(row, "team_id"));
		if ((rc = families_nest_person(row, "child", "person_id", e)))
			break;
		if (!ctx_audit(ctx, "list", "case", id_of(row, "id"),
		               case_person(row))) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	if (rc) {
		json_decref(page);
		return rc;
	}
	*out = page;
	return 0;
}

int
cases_of_person(struct ctx *ctx, struct db *db, int64_t person_id, json_t **out,
                struct err *e)
{
	int rc = store_cases_of_person(db, person_id, out, e);
	/* The rule of the person's page at a glance (team_person_glance):
	 * only the cases the user may read. */
	for (size_t k = json_array_size(*out); rc == 0 && k-- > 0;) {
		int ok = 0;
		rc = policy_case_readable(
		    ctx, id_of(json_array_get(*out, k), "id"), &ok, e);
		if (rc == 0 && !ok && json_array_remove(*out, k))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
cases_of_person_text(struct ctx *ctx, struct db *db, int64_t person_id,
                     struct buf *out, struct err *e)
{
	/* Written from the statement's columns, as cases_of_person keeps
	 * them: no tree to build, write and free. */
	struct buf rows, text;
	buf_init_arena(&rows, ARENA_DEFAULT_CAP, ctx->arena);
	buf_init_arena(&text, ARENA_DEFAULT_CAP, ctx->arena);
	int rc = store_cases_of_person_text(db, person_id, &rows, &text, e);
	if (rc)
		return rc;
	const struct case_text_row *r =
	    (const struct case_text_row *)(void *)rows.p;
	size_t n = rows.len / sizeof(*r), shown = 0;
	buf_add(out, "[", 1);
	for (size_t i = 0; i < n; i++, r++) {
		int ok = 0;
		if ((rc = policy_case_readable(ctx, r->id, &ok, e)))
			return rc;
		if (!ok)
			continue;
		if (shown++)
			buf_add(out, ",", 1);
		buf_add(out, text.p + r->at, r->len);
	}
	if (buf_add(out, "]", 1))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}
