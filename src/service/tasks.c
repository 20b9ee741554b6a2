/*
 * tasks.c - rules for tasks: whose and which team's they may be, when they
 * are overdue, marking done and cancelling, scoped task lists.
 */
#include "service/tasks.h"

#include <string.h>

#include "core/clock.h"
#include "core/vocab_casework.h"
#include "service/policy.h"

/* The after_write marker for "mark this task done". */
static const int MARK_DONE = 1;

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

/* Turn the stored 0/1 (or NULL for a single record) into "overdue". */
static void
present_task(json_t *task, const char *today)
{
	json_t *v = json_object_get(task, "overdue");
	int overdue;
	if (json_is_integer(v)) {
		overdue = json_integer_value(v) != 0;
	} else {
		const char *status =
		    json_string_value(json_object_get(task, "status"));
		const char *due =
		    json_string_value(json_object_get(task, "due_date"));
		overdue = status && due && strcmp(status, "open") == 0 &&
		          strcmp(due, today) < 0;
	}
	json_object_set_new(task, "overdue", json_boolean(overdue));
}

static void
present_now(json_t *task)
{
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	present_task(task, today);
}

/* The owner of a team's task must be an enabled member of the team. */
static int
check_owner(struct ctx *ctx, int64_t owner_id, int64_t team_id,
            const char *field, struct err *e)
{
	int ok = 0;
	int rc =
	    store_tasks_team_member(ctx_db(ctx), owner_id, team_id, &ok, e);
	if (rc)
		return rc;
	if (!ok)
		return err_set(e, SPIRE_EINVAL, field,
		               "Select someone who works in the task's team");
	return 0;
}

/*
 * When owner is a practitioner of another team than rec's, put the task in
 * the owner's team: 1 when it moved, 0 when it stays (the owner is in
 * rec's team, or is no practitioner: check_owner names that).
 */
static int
owner_team(struct ctx *ctx, int64_t owner, json_t *rec, struct err *e)
{
	int64_t team = 0;
	if (store_tasks_practitioner(ctx_db(ctx), owner, &team, e) != 0 ||
	    !team || team == id_of(rec, "team_id"))
		return 0;
	json_object_set_new(rec, "team_id", json_integer(team));
	return 1;
}

int
tasks_open_case(struct ctx *ctx, int64_t case_id, struct case_ref *c,
                struct err *e)
{
	int64_t person_id = 0;
	int rc = policy_reference(ctx, RK_CASE, case_id, 1, "case_id",
	                          &person_id, e);
	if (rc == 0)
		rc = store_tasks_case_ref(ctx_db(ctx), case_id, c, e);
	if (rc == 0 && c->closed)
		rc = err_set(e, SPIRE_EINVAL, "case_id",
		             "This case has been closed. Nothing more can be "
		             "recorded on it");
	return rc;
}

/* A new task on a case: note the child it concerns for the audit. */
/* The case a new task names, open; its person recorded on the task. A
 * case of a sealed service (a parent's parenting case) holds its tasks
 * itself: the task is the case's team's, whoever owns it, so that no
 * other team reads it through its owner (*sealed = 1). */
static int
check_case(struct ctx *ctx, json_t *rec, int *sealed, int64_t *worker,
           struct err *e)
{
	struct case_ref c = {0};
	*sealed = 0;
	int rc = tasks_open_case(ctx, id_of(rec, "case_id"), &c, e);
	if (rc == 0)
		json_object_set_new(rec, "person_id",
		                    json_integer(c.person_id));
	if (rc == 0)
		rc = policy_sealed(ctx, RK_CASE, c.id, sealed, e);
	if (rc == 0 && *sealed)
		json_object_set_new(rec, "team_id", json_integer(c.team_id));
	*worker = c.worker_id;
	return rc;
}

/*
 * Every rule of a task, gathered with the field errors (struct resource's
 * gathers): a rule whose field is in error is skipped.
 */
static int
check_task(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	struct err one;
	if (old) {
		const char *status =
		    json_string_value(json_object_get(old, "status"));
		if (status && strcmp(status, "open") != 0) {
			err_set(&one, SPIRE_ECONFLICT, "status",
			        "This task is %s, so it can no longer be "
			        "changed",
			        strcmp(status, "done") == 0 ? "done"
			                                    : "cancelled");
			err_gather(e, &one);
		}
	}
	int sealed = 0;
	int64_t sealed_worker = 0;
	struct case_ref old_case = {0};
	if (!old && id_of(rec, "case_id") && !err_names(e, "case_id")) {
		err_clear(&one);
		check_case(ctx, rec, &sealed, &sealed_worker, &one);
		err_gather(e, &one);
	} else if (old && id_of(old, "case_id")) {
		err_clear(&one);
		if (store_tasks_case_ref(ctx_db(ctx), id_of(old, "case_id"),
		                         &old_case, &one) == 0)
			policy_sealed(ctx, RK_CASE, old_case.id, &sealed, &one);
		err_gather(e, &one);
		sealed_worker = old_case.worker_id;
		if (sealed)
			json_object_set(rec, "team_id",
			                json_object_get(old, "team_id"));
	}
	int team_given = id_of(rec, "team_id") != 0;
	if (!old && !team_given && !err_names(e, "team_id") &&
	    ctx->user->team_id)
		json_object_set_new(rec, "team_id",
		                    json_integer(ctx->user->team_id));
	if (!old && !id_of(rec, "owner_id") && !err_names(e, "owner_id"))
		json_object_set_new(rec, "owner_id",
		                    json_integer(ctx->user->id));
	int64_t owner = err_names(e, "owner_id") ? 0 : id_of(rec, "owner_id");
	int owner_changed = !old || id_of(old, "owner_id") != owner;
	/* A task on a case may go to a practitioner of any service: it is
	 * then held by the owner's team (issue 10). */
	int follows_owner = 0;
	if (owner && owner_changed && id_of(rec, "case_id") && !sealed &&
	    !err_names(e, "case_id") && !err_names(e, "team_id") &&
	    (old ? id_of(rec, "team_id") == id_of(old, "team_id")
	         : !team_given)) {
		err_clear(&one);
		follows_owner = owner_team(ctx, owner, rec, &one);
		err_gather(e, &one);
	}
	int64_t team = err_names(e, "team_id") ? 0 : id_of(rec, "team_id");
	if (!team && !err_names(e, "team_id"))
		err_rule(e, "team_id", "Select the team the task is for");
	if (!owner && !err_names(e, "owner_id"))
		err_rule(e, "owner_id", "Select who the task is for");
	int team_changed = !old || id_of(old, "team_id") != team;
	int team_ok = team != 0;
	/* Only the task's owner, or a manager, hands it to someone else
	 * (policy_reassign). */
	if (old && !err_names(e, "owner_id") && !err_names(e, "team_id") &&
	    (owner_changed || team_changed)) {
		err_clear(&one);
		policy_reassign(ctx, id_of(old, "owner_id"), 0,
		                owner_changed ? "owner_id" : "team_id",
		                "You can only pass on a task that is yours. "
		                "Ask its owner or a manager to pass it on",
		                &one);
		/* Nor while its case is closed: the work is not live (no
		 * list counts it) until the case is reopened. */
		if (!one.code && old_case.closed)
			err_set(&one, SPIRE_ECONFLICT,
			        owner_changed ? "owner_id" : "team_id",
			        "This task's case has been closed, so the task "
			        "cannot be passed on. Reopen the case first");
		err_gather(e, &one);
	}
	/* A sealed case's task is its team's: writing to the case (checked
	 * above) is what lets the user set it; its owner is the case's
	 * worker or one of its team. */
	if (team_ok && team_changed && !follows_owner && !sealed) {
		err_clear(&one);
		team_ok = policy_team(ctx, team, "team_id", &one) == 0;
		err_gather(e, &one);
	}
	if (team_ok && owner && (team_changed || owner_changed) &&
	    !(sealed && owner == sealed_worker)) {
		err_clear(&one);
		check_owner(ctx, owner, team, "owner_id", &one);
		err_gather(e, &one);
	}
	/* A due date is a deadline, not an event: a task carried over from
	 * before the case was opened may be due (and overdue) before its
	 * start, so it is not held to the case's life as a contact is. */
	return e->code;
}

static int64_t
task_person(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/* A task on the case of a victim the user may not see does not name them
 * (policy_person_hidden). */
static int
hide_victim(struct ctx *ctx, json_t *task, struct err *e)
{
	int hidden = 0;
	int64_t person_id = id_of(task, "person_id");
	int rc =
	    person_id ? policy_person_hidden(ctx, person_id, &hidden, e) : 0;
	if (rc == 0 && hidden &&
	    (json_object_set_new(task, "child_name",
	                         json_string("a person you cannot see")) ||
	     json_object_set_new(task, "person_id", json_null())))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

static int
decorate_task(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	(void)db;
	present_now(rec);
	/* Whether the page may offer to pass it on (policy_reassign): not
	 * while its case is closed (check_task refuses it). */
	struct case_ref c = {0};
	int rc = 0;
	if (id_of(rec, "case_id"))
		rc = store_tasks_case_ref(ctx_db(ctx), id_of(rec, "case_id"),
		                          &c, e);
	if (rc == 0)
		rc = policy_can(ctx, rec, id_of(rec, "owner_id"), 0, c.closed,
		                e);
	return rc;
}

static int
after_task_write(struct db *db, struct record_job *j, struct err *e)
{
	if (j->extra == &MARK_DONE)
		return store_tasks_mark_done(db, j->id, j->at, e);
	return 0;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule TASKS_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

const struct resource TASKS = {
    .name = "task",
    .plural = "tasks",
    .label = "Task",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .open_rules = TASKS_OPEN_RULES,
    .table = &TASKS_TABLE,
    .kind = RK_TASK,
    .check = check_task,
    .gathers = 1,
    .person_of = task_person,
    .decorate = decorate_task,
    .withhold = hide_victim,
    .after_write = after_task_write,
};

int
tasks_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	return records_get(ctx, &TASKS, id, out, e);
}

/* Present a freshly written task (the writer's read-back has no
 * "overdue"). */
static int
written(int rc, json_t **out)
{
	if (rc == 0)
		present_now(*out);
	return rc;
}

int
tasks_create(struct ctx *ctx, const json_t *body, json_t **out, struct err *e)
{
	int rc = records_create(ctx, &TASKS, body, out, e);
	return written(rc, out);
}

int
tasks_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	int rc = records_update(ctx, &TASKS, id, body, out, e);
	return written(rc, out);
}

int
tasks_done(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
           struct err *e)
{
	*out = NULL;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (strcmp(key, "reason") == 0)
			return err_set(
			    e, SPIRE_EINVAL, key,
			    "No reason is needed to mark a task done");
		if (strcmp(key, "version") != 0)
			return err_set(e, SPIRE_EINVAL, key,
			               "Nothing else can be changed when "
			               "marking a task done");
	}
	int rc = records_update_ex(ctx, &TASKS, id, body, (void *)&MARK_DONE,
	                           out, e);
	return written(rc, out);
}

/* SPIRE_ECONFLICT naming contact_id when task rec was raised at a contact
 * since marked as entered in error; 0 otherwise (or a store error). */
static int
contact_kept(struct db *db, const json_t *rec, struct err *e)
{
	int64_t contact = id_of(rec, "contact_id");
	int kept = 1;
	int rc = contact ? store_is_kept(db, RK_CONTACT, contact, &kept, e) : 0;
	if (rc == 0 && !kept)
		rc = err_set(e, SPIRE_ECONFLICT, "contact_id",
		             "This task followed up a contact that was marked "
		             "as entered in error, so it cannot be marked as "
		             "not done");
	return rc;
}

/* A done task made open again, in the writer's transaction. */
struct reopen_job {
	int64_t id, version, user_id;
	char at[CLOCK_ISO_LEN];
	json_t *out;
};

static int
do_reopen_task(struct db *db, void *arg, struct err *e)
{
	struct reopen_job *j = arg;
	json_t *old = NULL;
	int rc = record_get(db, &TASKS_TABLE, j->id, &old, e);
	/* Not on a case closed as entered in error (session 25's attack: the
	 * task came back open and overdue on its owner's lists), as for any
	 * record reopened (records.h). */
	if (rc == 0)
		rc = records_parents_kept(db, old, TASKS_OPEN_RULES, e);
	/* Nor a follow-up of a contact marked as entered in error (session
	 * 26): the contact never happened, and it is never reopened. */
	if (rc == 0)
		rc = contact_kept(db, old, e);
	if (rc == 0)
		rc = record_history_add(db, TASKS_TABLE.type, j->id, old, j->at,
		                        j->user_id, e);
	json_decref(old);
	if (rc == 0)
		rc = store_tasks_mark_open(db, j->id, j->version, j->at,
		                           j->user_id, e);
	if (rc == 0)
		rc = record_get(db, &TASKS_TABLE, j->id, &j->out, e);
	return rc;
}

int
tasks_reopen(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
             struct err *e)
{
	*out = NULL;
	if (!json_is_object(body))
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not read what was sent. Reload the "
		               "page and try again");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		if (strcmp(key, "reason") == 0)
			return err_set(
			    e, SPIRE_EINVAL, key,
			    "No reason is needed to mark a task as not done");
		if (strcmp(key, "version") != 0)
			return err_set(e, SPIRE_EINVAL, key,
			               "Nothing else can be changed when "
			               "marking a task as not done");
	}
	struct reopen_job j = {.id = id, .user_id = ctx->user->id};
	int rc = records_version(body, &j.version, e);
	if (rc)
		return rc;
	json_t *old = NULL;
	rc = record_get(ctx_db(ctx), &TASKS_TABLE, id, &old, e);
	if (rc)
		return rc;
	const char *status = json_string_value(json_object_get(old, "status"));
	if (!status || strcmp(status, "done") != 0)
		rc = err_set(e, SPIRE_ECONFLICT, "status",
		             "This task is %s, so it cannot be marked as not "
		             "done",
		             status && strcmp(status, "open") == 0
		                 ? "not done"
		                 : "cancelled");
	int64_t person_id = id_of(old, "person_id");
	json_decref(old);
	if (rc)
		return rc;
	clock_iso(clock_now_ms(), j.at);
	if (!ctx_audit(ctx, "update", TASKS_TABLE.type, id, person_id))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	rc = ctx_commit(ctx, do_reopen_task, &j, e);
	if (rc) {
		json_decref(j.out);
		return rc;
	}
	rc = decorate_task(ctx, ctx_db(ctx), j.out, e);
	if (rc == 0)
		rc = hide_victim(ctx, j.out, e);
	if (rc) {
		json_decref(j.out);
		return rc;
	}
	*out = j.out;
	return 0;
}

int
tasks_close(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
            struct err *e)
{
	*out = NULL;
	json_t *old = NULL;
	int rc = record_get(ctx_db(ctx), &TASKS_TABLE, id, &old, e);
	if (rc)
		return rc;
	const char *status = json_string_value(json_object_get(old, "status"));
	if (status && strcmp(status, "open") != 0)
		rc =
		    err_set(e, SPIRE_ECONFLICT, "status",
		            "This task is %s, so it can no longer be "
		            "cancelled",
		            strcmp(status, "done") == 0 ? "done" : "cancelled");
	json_decref(old);
	if (rc)
		return rc;
	rc = records_close(ctx, &TASKS, id, body, out, e);
	return written(rc, out);
}

int
tasks_list(struct ctx *ctx, const struct tasks_filter *f, json_t **out,
           struct err *e)
{
	*out = NULL;
	if (!f->mine && !f->team && !f->case_id)
		return err_set(e, SPIRE_EINVAL, "mine",
		               "Choose which tasks to show: yours, your "
		               "team's or a case's");
	if (f->status && !vocab_accepts(&VOCAB_TASK_STATUSES, f->status)) {
		char choices[120];
		vocab_choices(&VOCAB_TASK_STATUSES, choices, sizeof(choices));
		vocab_lower_first(choices); /* mid-sentence */
		return err_set(e, SPIRE_EINVAL, "status", "Select %s tasks",
		               choices);
	}
	int needed = policy_needed_relation(ctx->user->role);
	if (needed < 0)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Your role does not hold tasks");
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	struct tasks_query q = {
	    .status = f->status,
	    .overdue = f->overdue,
	    .today = today,
	    .subject = policy_subject(ctx),
	    .service_wide = needed <= REL_SERVICE,
	    .limit = f->limit + 1,
	    .offset = f->offset,
	};
	if (f->mine)
		q.owner_id = ctx->user->id;
	if (f->team) {
		if (!ctx->user->team_id)
			return err_set(e, SPIRE_EINVAL, "team",
			               "You do not belong to a team, so there "
			               "are no team tasks to show");
		q.team_id = ctx->user->team_id;
	}
	if (f->case_id) {
		int64_t person_id;
		int rc = policy_reference(ctx, RK_CASE, f->case_id, 0,
		                          "case_id", &person_id, e);
		if (rc)
			return rc;
		q.case_id = f->case_id;
		q.case_checked = 1;
	}
	json_t *rows = NULL;
	int rc = store_tasks_list(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	size_t i;
	json_t *task;
	json_array_foreach(rows, i, task)
	{
		present_task(task, today);
		if ((rc = hide_victim(ctx, task, e))) {
			json_decref(rows);
			return rc;
		}
	}
	return records_list_page(ctx, rows, f->limit, f->offset, "task", 0, out,
	                         e);
}

/* Pick the owner of a follow-up task on case c when none was given. */
static int
default_owner(struct ctx *ctx, const struct case_ref *c, int64_t *owner,
              struct err *e)
{
	int ok = 0;
	int rc = store_tasks_team_member(ctx_db(ctx), ctx->user->id, c->team_id,
	                                 &ok, e);
	if (rc == 0 && !ok && c->worker_id) {
		rc = store_tasks_team_member(ctx_db(ctx), c->worker_id,
		                             c->team_id, &ok, e);
		*owner = ok ? c->worker_id : 0;
	} else {
		*owner = ok ? ctx->user->id : 0;
	}
	if (rc == 0 && !*owner)
		rc = err_set(e, SPIRE_EINVAL, "owner_id",
		             "Select who the task is for: you are not in the "
		             "case's team");
	return rc;
}

/* The owner a contact's follow-up task names: a practitioner of any
 * service; *team becomes theirs when they are not in the case's team. */
static int
followup_owner(struct ctx *ctx, int64_t owner, int64_t *team, struct err *e)
{
	int64_t theirs = 0;
	int rc = store_tasks_practitioner(ctx_db(ctx), owner, &theirs, e);
	if (rc)
		return rc;
	if (!theirs)
		return err_set(e, SPIRE_EINVAL, "owner_id",
		               "Select who will do it from the list: they are "
		               "not a practitioner with an account");
	*team = theirs;
	return 0;
}

int
tasks_followup(struct ctx *ctx, const json_t *item, const struct case_ref *c,
               size_t index, json_t **rec, struct err *e)
{
	static const char *const keys[] = {"title", "due_date", "owner_id",
	                                   "details", NULL};
	*rec = NULL;
	if (!json_is_object(item)) {
		err_set(e, SPIRE_EINVAL, NULL,
		        "Spire could not read this task. Reload the page and "
		        "try again");
		return err_in_list(e, "tasks", index);
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)item, key, v)
	{
		if (!fields_in(keys, key)) {
			err_set(e, SPIRE_EINVAL, key,
			        "This cannot be recorded on a follow-up task");
			return err_in_list(e, "tasks", index);
		}
	}
	json_t *r = json_object();
	if (!r)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc =
	    fields_apply(TASKS_FIELDS, TASKS_N_FIELDS, item, r, 1, NULL, e);
	int64_t owner = id_of(r, "owner_id");
	int64_t team = c->team_id;
	if ((rc == 0 || rc == SPIRE_EINVAL) && !err_names(e, "owner_id")) {
		/* The owner's rule with the other fields' errors. */
		struct err one;
		err_clear(&one);
		if (!owner)
			default_owner(ctx, c, &owner, &one);
		else
			followup_owner(ctx, owner, &team, &one);
		rc = err_gather(e, &one);
	}
	if (rc) {
		json_decref(r);
		return rc == SPIRE_EINVAL ? err_in_list(e, "tasks", index) : rc;
	}
	json_object_set_new(r, "owner_id", json_integer(owner));
	json_object_set_new(r, "case_id", json_integer(c->id));
	json_object_set_new(r, "team_id", json_integer(team));
	json_object_set_new(r, "person_id", json_integer(c->person_id));
	*rec = r;
	return 0;
}

int
tasks_of_contact(struct db *db, int64_t contact_id, json_t **out, struct err *e)
{
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	int rc = store_tasks_for_contact(db, contact_id, today, out, e);
	if (rc)
		return rc;
	size_t i;
	json_t *task;
	json_array_foreach(*out, i, task)
	{
		present_task(task, today);
	}
	return 0;
}

int
tasks_practitioners(struct ctx *ctx, int64_t case_id, json_t **out,
                    struct err *e)
{
	*out = NULL;
	struct case_ref c;
	json_t *rows = NULL, *first = json_array(), *rest = json_array();
	int rc = first && rest
	             ? store_tasks_case_ref(ctx_db(ctx), case_id, &c, e)
	             : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = store_tasks_practitioners(ctx_db(ctx), &rows, e);
	size_t i;
	json_t *u;
	/* The case's own team first, then every other service's. */
	json_array_foreach(rows, i, u)
	{
		if (rc)
			break;
		int mine = id_of(u, "team_id") == c.team_id;
		if (json_object_set_new(u, "case_team", json_boolean(mine)) ||
		    json_array_append(mine ? first : rest, u))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc == 0 && json_array_extend(first, rest))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0 &&
	    !ctx_audit(ctx, "read", "case_practitioners", case_id, c.person_id))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0 && !(*out = json_pack("{s:O}", "items", first)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(rows);
	json_decref(first);
	json_decref(rest);
	return rc;
}
