/*
 * contacts.c - rules for contacts: the case must be one the user may
 * change, attendees must be real and visible people or enabled staff, the
 * contact date cannot be in the future, and the contact, its attendees and
 * its follow-up tasks are one write.
 */
#include "service/contacts.h"

#include <stdio.h>
#include <string.h>

#include "core/vocab_casework.h"
#include "service/policy.h"
#include "service/tasks.h"
#include "store/contacts.h"

#define MAX_ATTENDEES 50
#define MAX_FOLLOWUPS 20

/* What a contact write carries besides its own fields (job->extra). */
struct contact_extra {
	int attendees_given;         /* replace the attendees with these */
	const json_t *people;        /* validated person ids (borrowed) */
	const json_t *practitioners; /* validated user ids (borrowed) */
	json_t *tasks; /* validated follow-up task records (owned) */
	json_t *kept;  /* ids of attendees the user cannot see (owned) */
	struct audit_entry *task_audit; /* the first of one row per task */
};

static int64_t
id_of(const json_t *rec, const char *key)
{
	return json_integer_value(json_object_get(rec, key));
}

/* A time of day as people write it on a 24-hour clock: "HH:MM". */
static int
valid_time(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return 0;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

/*
 * The rules of a contact as practitioners record it (issue 10), gathered
 * into e: a real time of day; the child is seen only at a contact that
 * happened (outcome attended, or none recorded); seen alone only when
 * seen. A field e already names is not looked at again.
 */
static int
contact_rules(const json_t *rec, struct err *e)
{
	const char *time =
	    json_string_value(json_object_get(rec, "contact_time"));
	if (time && !err_names(e, "contact_time") && !valid_time(time))
		err_rule(e, "contact_time",
		         "Enter the time of the contact on a 24-hour clock, "
		         "like 14:30");
	const char *outcome =
	    json_string_value(json_object_get(rec, "outcome"));
	const struct vocab_term *t =
	    outcome ? vocab_term(&VOCAB_CONTACT_OUTCOMES, outcome) : NULL;
	int happened = !t || vocab_term_has(t, "seen");
	const json_t *seen = json_object_get(rec, "child_seen");
	const json_t *alone = json_object_get(rec, "seen_alone");
	if (json_is_true(seen) && !happened && !err_names(e, "child_seen") &&
	    !err_names(e, "outcome"))
		err_rule(e, "child_seen",
		         "Select no for whether the child was seen: the "
		         "contact's outcome is \"%s\"",
		         t->label);
	if (json_is_true(alone) && !err_names(e, "seen_alone")) {
		if (json_is_false(seen))
			err_rule(e, "seen_alone",
			         "Select no for whether the child was seen "
			         "alone: they were not seen");
		else if (!happened && !err_names(e, "outcome"))
			err_rule(e, "seen_alone",
			         "Select no for whether the child was seen "
			         "alone: the contact's outcome is \"%s\"",
			         t->label);
	}
	return e->code;
}

/*
 * A contact that took place (an outcome such as "Attended") on a child's
 * case says whether the child was seen: "Last seen" is read from that
 * answer, so leaving it out would leave the child's "Last seen" behind
 * (session 26). Not asked on a parent's own parenting case (sealed: its
 * person is the parent), nor when no outcome is recorded. child_case: the
 * contact is on a child's case. A field e already names is not looked at
 * again.
 */
static void
seen_answered(const json_t *rec, int child_case, struct err *e)
{
	const char *outcome =
	    json_string_value(json_object_get(rec, "outcome"));
	const struct vocab_term *t =
	    outcome ? vocab_term(&VOCAB_CONTACT_OUTCOMES, outcome) : NULL;
	if (child_case && t && vocab_term_has(t, "seen") &&
	    !json_is_boolean(json_object_get(rec, "child_seen")) &&
	    !err_names(e, "child_seen") && !err_names(e, "outcome"))
		err_rule(e, "child_seen", "Select whether the child was seen");
}

/* seen_answered on a contact of case case_id. */
static void
seen_answered_on(struct ctx *ctx, const json_t *rec, int64_t case_id,
                 struct err *e)
{
	int sealed = 0;
	struct err one;
	err_clear(&one);
	if (policy_sealed(ctx, RK_CASE, case_id, &sealed, &one) != 0) {
		err_gather(e, &one);
		return;
	}
	seen_answered(rec, !sealed, e);
}

/*
 * Whether the attendees can be read against the contact's other fields:
 * not when e already names them as wrong.
 */
static int
attendees_known(const struct err *e)
{
	return !err_names(e, "attendees") && !err_names(e, "attendees.people");
}

/*
 * Whether people (the attendees' person ids as the contact will store
 * them, or NULL for none) list the case's child (child > 0).
 */
static int
lists_child(const json_t *people, int64_t child)
{
	size_t i;
	json_t *v;
	json_array_foreach(people, i, v)
	{
		if (json_integer_value(v) == child)
			return 1;
	}
	return 0;
}

/*
 * The contradictions between a contact's fields and its attendees (walker,
 * session 23; reviewers, session 24), read on the contact as it will be
 * stored: rec holds child_seen and outcome as they will be (the stored
 * values merged with a change), people the attendees' person ids as they
 * will be (given, or stored; NULL for none), child the case's person.
 * Each names both fields; nothing is stored.
 * - listed as attending but "child seen: no";
 * - "child seen: yes" but not listed as attending;
 * - listed as attending at a contact whose outcome says it did not happen
 *   ("Did not attend", "No access").
 * A field e already names is not looked at again.
 */
static void
attendance_rules(const json_t *rec, int64_t child, const json_t *people,
                 struct err *e)
{
	if (child <= 0 || !attendees_known(e))
		return;
	int listed = lists_child(people, child);
	const json_t *seen = json_object_get(rec, "child_seen");
	const char *outcome =
	    json_string_value(json_object_get(rec, "outcome"));
	const struct vocab_term *t =
	    outcome ? vocab_term(&VOCAB_CONTACT_OUTCOMES, outcome) : NULL;
	int happened = !t || vocab_term_has(t, "seen");
	if (listed && json_is_false(seen) && !err_names(e, "child_seen")) {
		err_rule(e, "child_seen",
		         "Select yes for whether the child was seen, or remove "
		         "them from the people who attended: they are listed "
		         "as attending");
		err_rule(e, "attendees.people",
		         "Remove the child from the people who attended, or "
		         "select yes for whether the child was seen");
		return;
	}
	if (!listed && happened && json_is_true(seen) &&
	    !err_names(e, "child_seen") && !err_names(e, "outcome")) {
		err_rule(e, "child_seen",
		         "Select no for whether the child was seen, or select "
		         "the child among the people who attended: they are "
		         "not listed as attending");
		err_rule(e, "attendees.people",
		         "Select the child among the people who attended, or "
		         "select no for whether the child was seen");
		return;
	}
	if (listed && !happened && !err_names(e, "outcome")) {
		err_rule(e, "outcome",
		         "Select the contact's outcome again, or remove the "
		         "child from the people who attended: the outcome is "
		         "\"%s\"",
		         t->label);
		err_rule(e, "attendees.people",
		         "Remove the child from the people who attended, or "
		         "select another outcome: the outcome is \"%s\"",
		         t->label);
	}
}

/* Gathered with the field errors (struct resource's gathers). */
static int
check_contact(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (!old && json_is_integer(json_object_get(rec, "case_id")) &&
	    !err_names(e, "case_id")) {
		struct case_ref c;
		struct err one;
		err_clear(&one);
		if (tasks_open_case(ctx, id_of(rec, "case_id"), &c, &one) == 0)
			json_object_set_new(rec, "person_id",
			                    json_integer(c.person_id));
		err_gather(e, &one);
	}
	contact_rules(rec, e);
	records_not_future(&CONTACTS, rec, "contact_date", e);
	return records_in_case_life(ctx, &CONTACTS, rec, old, "case_id",
	                            "contact_date", e);
}

static int64_t
contact_person(const json_t *rec)
{
	return id_of(rec, "person_id");
}

/* The record's current attendees (store_contacts_attendees) as
 * "attendees", without the victims the user may not see
 * (policy_hide_victims). */
static int
attendees_into(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *list = NULL;
	int rc = store_contacts_attendees(db, id_of(rec, "id"), &list, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "attendees", list))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return policy_hide_victims(ctx, json_object_get(list, "people"), "id",
	                           e);
}

static int
present_attendees(struct ctx *ctx, json_t *rec, struct err *e)
{
	return attendees_into(ctx, ctx_db(ctx), rec, e);
}

static int
decorate_contact(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *tasks = NULL;
	int rc = attendees_into(ctx, db, rec, e);
	if (rc == 0)
		rc = tasks_of_contact(db, id_of(rec, "id"), &tasks, e);
	if (rc == 0 && json_object_set_new(rec, "tasks", tasks))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

/* 1 when ids holds the id of each object of objs, and no more: the
 * ids of a and b (b may be NULL) together. */
static int
same_ids(const json_t *objs, const json_t *a, const json_t *b)
{
	if (json_array_size(objs) != json_array_size(a) + json_array_size(b))
		return 0;
	size_t i, k;
	json_t *o, *v;
	json_array_foreach(objs, i, o)
	{
		int found = 0;
		json_array_foreach(a, k, v) found |=
		    json_integer_value(v) == id_of(o, "id");
		json_array_foreach(b, k, v) found |=
		    json_integer_value(v) == id_of(o, "id");
		if (!found)
			return 0;
	}
	return 1;
}

/* A change of a contact's fields to what they are stores nothing when
 * its attendees, if given, are those there are too. */
static int
contact_extra_same(struct db *db, const struct record_job *j)
{
	const struct contact_extra *x = j->extra;
	if (json_array_size(x->tasks))
		return 0;
	if (!x->attendees_given)
		return 1;
	json_t *list = NULL;
	struct err ignore;
	err_clear(&ignore);
	if (store_contacts_attendees(db, j->id, &list, &ignore) != 0)
		return 0;
	int same =
	    same_ids(json_object_get(list, "people"), x->people, x->kept) &&
	    same_ids(json_object_get(list, "practitioners"), x->practitioners,
	             NULL);
	json_decref(list);
	return same;
}

static int
after_contact_write(struct db *db, struct record_job *j, struct err *e)
{
	struct contact_extra *x = j->extra;
	int rc = 0;
	size_t i;
	json_t *v;
	if (!x)
		return 0;
	if (x->attendees_given) {
		if (j->version)
			rc = store_contacts_attendees_remove(db, j->id, j->at,
			                                     e);
		json_array_foreach(x->people, i, v)
		{
			/* Checked again here, in the write's transaction. */
			int open = 1;
			if (rc == 0)
				rc = store_is_open(db, RK_PERSON,
				                   json_integer_value(v), &open,
				                   e);
			if (rc == 0 && !open)
				rc = err_set(e, SPIRE_ECONFLICT,
				             "attendees.people",
				             "One of the people's records was "
				             "closed while you were working. "
				             "Remove them from the people who "
				             "attended");
			if (rc == 0)
				rc = store_contacts_attendee_add(
				    db, j->id, json_integer_value(v), 0, j->at,
				    e);
		}
		/* Attendees hidden from the user stay: they could not
		 * have taken them off. */
		json_array_foreach(x->kept, i, v)
		{
			if (rc == 0)
				rc = store_contacts_attendee_add(
				    db, j->id, json_integer_value(v), 0, j->at,
				    e);
		}
		json_array_foreach(x->practitioners, i, v)
		{
			if (rc == 0)
				rc = store_contacts_attendee_add(
				    db, j->id, 0, json_integer_value(v), j->at,
				    e);
		}
	}
	json_array_foreach(x->tasks, i, v)
	{
		int64_t task_id = 0;
		if (rc == 0 &&
		    json_object_set_new(v, "contact_id", json_integer(j->id)))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		if (rc == 0)
			rc = record_insert(db, &TASKS_TABLE, v, j->at,
			                   j->user_id, &task_id, e);
		if (rc == 0) {
			/* The rows were queued one after another. */
			x->task_audit->record_id = task_id;
			x->task_audit = x->task_audit->next;
		}
	}
	return rc;
}

/* Why a follow-up task is cancelled with its contact (session 26). */
#define FOLLOWUP_CANCELLED                                                     \
	"Cancelled: the contact it followed up was marked as entered in error"

/*
 * In the close's transaction: a contact marked as entered in error never
 * happened, so the follow-up tasks raised at it that are still open are
 * cancelled with it (done ones stay: that work was done), each audited as
 * a close of the task, as closing a family ends its memberships. A
 * contact is never reopened, and a task cancelled is never opened again,
 * so nothing comes back.
 */
static int
close_followups(struct db *db, struct record_job *j, struct err *e)
{
	json_t *open = NULL;
	int rc = store_tasks_open_of_contact(db, j->id, &open, e);
	size_t i;
	json_t *t;
	json_array_foreach(open, i, t)
	{
		if (rc == 0)
			rc = record_close(db, &TASKS_TABLE, id_of(t, "id"),
			                  id_of(t, "version"),
			                  FOLLOWUP_CANCELLED, j->at, j->user_id,
			                  e);
		if (rc == 0 &&
		    !records_job_audit(j, "close", TASKS_TABLE.type,
		                       id_of(t, "id"), id_of(t, "person_id")))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(open);
	return rc;
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule CONTACTS_OPEN_RULES[] = {
    {"case_id", RK_CASE},
    {NULL, RK_PERSON},
};

static const struct list_key CONTACTS_LIST_KEYS[] = {
    {"case_id", RK_CASE},
    {NULL, RK_NONE},
};

/* Attendees and follow-up tasks go with the contact. */
static const struct resource_ops CONTACTS_OPS = {
    .create = contacts_create,
    .update = contacts_update,
    .close = contacts_close,
};

const struct resource CONTACTS = {
    .name = "contact",
    .plural = "contacts",
    .label = "Contact",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "close",
    .list_keys = CONTACTS_LIST_KEYS,
    .list_flags = RES_LIST_CLOSED,
    .list_prompt = "Choose which case's contacts to show",
    .ops = &CONTACTS_OPS,
    .open_rules = CONTACTS_OPEN_RULES,
    .table = &CONTACTS_TABLE,
    .kind = RK_CONTACT,
    .check = check_contact,
    .gathers = 1,
    .person_of = contact_person,
    .decorate = decorate_contact,
    .list_row = present_attendees,
    .after_write = after_contact_write,
    .extra_same = contact_extra_same,
    .after_close = close_followups,
};

/* An attendee who is not on Spire, or whom the user may not use. */
#define ATTENDEE_MISSING                                                       \
	"Select people from the list: one of them is not on Spire"

/* Check one attendee id of list `name` at index i. */
static int
check_attendee(struct ctx *ctx, int people, const char *field, int64_t id,
               struct err *e)
{
	enum attendee_state state;
	int rc;
	if (people) {
		/* Recording someone's attendance is a write about them. A
		 * person the user may not use is answered as one who is not
		 * on Spire, the attempt audited as denied about them
		 * (policy_reference_hidden, docs/access.md "Records named in
		 * a request"). */
		rc = policy_reference_hidden(ctx, RK_PERSON, id, 1, field,
		                             ATTENDEE_MISSING, e);
		if (rc == 0)
			rc = store_contacts_person_state(ctx_db(ctx), id,
			                                 &state, e);
	} else {
		rc = store_contacts_user_state(ctx_db(ctx), id, &state, e);
	}
	if (rc)
		return rc;
	switch (state) {
	case ATTENDEE_OK:
		return 0;
	case ATTENDEE_NONE:
		return err_set(e, SPIRE_EINVAL, field,
		               people ? ATTENDEE_MISSING
		                      : "Select practitioners from the list: "
		                        "one of them does not have an "
		                        "account");
	case ATTENDEE_CLOSED:
		return err_set(e, SPIRE_EINVAL, field,
		               people ? "One of the people's records has been "
		                        "closed. Remove them from the people "
		                        "who attended"
		                      : "One of the practitioners' accounts is "
		                        "disabled. Remove them from the "
		                        "practitioners who attended");
	default:
		return err_set(e, SPIRE_EINVAL, field,
		               "Select practitioners from the list: one of "
		               "them is not a practitioner");
	}
}

/* Validate attendees.<name>: a list of distinct ids of people (people = 1)
 * or staff users. */
static int
check_attendee_list(struct ctx *ctx, const json_t *list, const char *name,
                    int people, struct err *e)
{
	char field[64];
	snprintf(field, sizeof(field), "attendees.%s", name);
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list) || json_array_size(list) > MAX_ATTENDEES)
		return err_rule(e, field, "Select up to %d %s who attended",
		                MAX_ATTENDEES,
		                people ? "people" : "practitioners");
	size_t i;
	json_t *v;
	/* Every attendee in error is named (err_gather). */
	json_array_foreach(list, i, v)
	{
		char item[96];
		snprintf(item, sizeof(item), "%s[%zu]", field, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			err_rule(e, item, "Select %s from the list",
			         people ? "people" : "practitioners");
			continue;
		}
		int twice = 0;
		for (size_t k = 0; k < i; k++)
			twice |= json_equal(json_array_get(list, k), v);
		if (twice) {
			err_rule(e, item,
			         "%s is listed twice: select each %s once",
			         people ? "Someone" : "A practitioner",
			         people ? "person" : "practitioner");
			continue;
		}
		struct err one;
		err_clear(&one);
		check_attendee(ctx, people, item, json_integer_value(v), &one);
		err_gather(e, &one);
	}
	return e->code;
}

static int
read_attendees(struct ctx *ctx, const json_t *att, struct contact_extra *x,
               struct err *e)
{
	static const char *const keys[] = {"people", "practitioners", NULL};
	if (!att)
		return 0;
	x->attendees_given = 1;
	if (json_is_null(att))
		return 0;
	if (!json_is_object(att))
		return err_rule(e, "attendees",
		                "Spire could not read who attended. Reload the "
		                "page and try again");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)att, key, v)
	{
		if (!fields_in(keys, key))
			return err_rule(
			    e, "attendees",
			    "Select the people and practitioners who "
			    "attended");
	}
	x->people = json_object_get(att, "people");
	x->practitioners = json_object_get(att, "practitioners");
	check_attendee_list(ctx, x->people, "people", 1, e);
	check_attendee_list(ctx, x->practitioners, "practitioners", 0, e);
	return e->code;
}

static int
read_tasks(struct ctx *ctx, const json_t *tasks, const struct case_ref *c,
           struct contact_extra *x, struct err *e)
{
	if (!tasks || json_is_null(tasks))
		return 0;
	if (!json_is_array(tasks) || json_array_size(tasks) > MAX_FOLLOWUPS)
		return err_set(e, SPIRE_EINVAL, "tasks",
		               "Add up to %d follow-up tasks", MAX_FOLLOWUPS);
	x->tasks = json_array();
	if (!x->tasks)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Every task's errors together, each named tasks[i].field. */
	struct err all;
	err_clear(&all);
	size_t i;
	json_t *item;
	json_array_foreach(tasks, i, item)
	{
		json_t *rec = NULL;
		struct err one;
		err_clear(&one);
		int rc = tasks_followup(ctx, item, c, i, &rec, &one);
		if (rc == SPIRE_EINVAL) {
			err_merge(&all, &one);
			continue;
		}
		if (rc) {
			*e = one;
			return rc;
		}
		if (json_array_append_new(x->tasks, rec))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (all.code) {
		*e = all;
		return all.code;
	}
	return 0;
}

/* Queue the audit rows of the follow-up tasks, one after another (ids
 * filled in by the writer). *last receives the last row queued. */
static int
queue_task_audit(struct ctx *ctx, struct contact_extra *x, int64_t person_id,
                 struct audit_entry **last, struct err *e)
{
	*last = NULL;
	for (size_t i = 0; i < json_array_size(x->tasks); i++) {
		struct audit_entry *a =
		    ctx_audit(ctx, "create", "task", 0, person_id);
		if (!a)
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		if (!x->task_audit)
			x->task_audit = a;
		*last = a;
	}
	return 0;
}

/*
 * Take back audit rows queued after mark when the write never reached the
 * writer (ctx_commit empties the queue, so they are still the tail).
 */
static void
unqueue_audit(struct ctx *ctx, struct audit_entry *mark,
              struct audit_entry *last)
{
	if (!last || ctx->audit_tail != last)
		return;
	if (mark) {
		mark->next = NULL;
		ctx->audit_tail = mark;
	} else {
		ctx->audit_head = ctx->audit_tail = NULL;
	}
}

/* A copy of body without the keys that are not the contact's own fields. */
static json_t *
own_fields(const json_t *body, struct err *e)
{
	json_t *core = json_deep_copy(body);
	if (!core) {
		err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	json_object_del(core, "attendees");
	json_object_del(core, "tasks");
	return core;
}

/* Read back a written contact with its attendees and tasks. */
static int
finish(struct ctx *ctx, int rc, json_t **out, struct err *e)
{
	if (rc == 0 && (rc = decorate_contact(ctx, ctx_db(ctx), *out, e))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
contacts_create(struct ctx *ctx, const struct resource *res, const json_t *body,
                json_t **out, json_t **duplicates, struct err *e)
{
	(void)res;
	*out = NULL;
	*duplicates = NULL;
	struct contact_extra x = {0};
	struct case_ref c;
	struct audit_entry *mark = ctx->audit_tail, *last = NULL;
	json_t *own = json_object();
	json_t *core = own ? own_fields(body, e) : NULL;
	err_clear(e);
	int rc = core ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Every error together: the contact's own fields first, so that
	 * errors come in the order a reader meets them, then its rules, the
	 * attendees and the follow-up tasks; records_create_ex checks the
	 * contact again. */
	if (rc == 0)
		rc = fields_apply(CONTACTS_FIELDS, CONTACTS_N_FIELDS, core, own,
		                  1, NULL, e);
	int case_ok = 0;
	if ((rc == 0 || rc == SPIRE_EINVAL) && !err_names(e, "case_id")) {
		struct err one;
		err_clear(&one);
		case_ok =
		    tasks_open_case(ctx, id_of(own, "case_id"), &c, &one) == 0;
		err_gather(e, &one);
	}
	if (rc == 0 || rc == SPIRE_EINVAL) {
		contact_rules(own, e);
		if (case_ok)
			seen_answered_on(ctx, own, c.id, e);
		records_not_future(&CONTACTS, own, "contact_date", e);
		if (case_ok)
			records_in_case_life(ctx, &CONTACTS, own, NULL,
			                     "case_id", "contact_date", e);
		read_attendees(ctx, json_object_get(body, "attendees"), &x, e);
		if (case_ok) {
			attendance_rules(own, c.person_id, x.people, e);
		}
	}
	if (case_ok) {
		/* The tasks' errors after the contact's own. */
		struct err tasks;
		err_clear(&tasks);
		read_tasks(ctx, json_object_get(body, "tasks"), &c, &x, &tasks);
		err_gather(e, &tasks);
	}
	rc = e->code;
	if (rc == 0)
		rc = queue_task_audit(ctx, &x, c.person_id, &last, e);
	if (rc == 0)
		rc = records_create_ex(ctx, &CONTACTS, core, &x, out, e);
	if (rc)
		unqueue_audit(ctx, mark, last);
	json_decref(own);
	json_decref(core);
	json_decref(x.tasks);
	return finish(ctx, rc, out, e);
}

/* *kept: a new array of the ids of contact id's attendees that
 * policy_hide_victims keeps from the user. */
static int
hidden_attendees(struct ctx *ctx, int64_t id, json_t **kept, struct err *e)
{
	json_t *list = NULL;
	*kept = json_array();
	if (!*kept)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = store_contacts_attendees(ctx_db(ctx), id, &list, e);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(list, "people"), i, p)
	{
		int64_t pid = id_of(p, "id");
		int hidden = 0;
		if (rc == 0)
			rc = policy_person_hidden(ctx, pid, &hidden, e);
		if (rc == 0 && hidden &&
		    json_array_append_new(*kept, json_integer(pid)))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	json_decref(list);
	return rc;
}

/*
 * contact_rules and attendance_rules on contact id as the change body
 * (with x's attendees) will leave it: each field from body where it gives
 * it, else as stored; the attendees from x when given, else as stored. A
 * contact that cannot be read is left to records_update_pre to refuse.
 */
static void
merged_rules(struct ctx *ctx, int64_t id, const json_t *body,
             const struct contact_extra *x, struct err *e)
{
	json_t *cur = NULL, *list = NULL, *stored = NULL;
	struct err one;
	err_clear(&one);
	if (record_get(ctx_db(ctx), CONTACTS.table, id, &cur, &one) != 0)
		return;
	records_present(&CONTACTS, cur);
	/* The change's own fields over the stored ones (a wrong value is
	 * named by the field checks; the rules skip what they cannot
	 * read). */
	for (size_t i = 0; i < CONTACTS_N_FIELDS; i++) {
		json_t *v = json_object_get(body, CONTACTS_FIELDS[i].name);
		if (v)
			json_object_set(cur, CONTACTS_FIELDS[i].name, v);
	}
	const json_t *people = x->people;
	if (!x->attendees_given) {
		stored = json_array();
		if (!stored ||
		    store_contacts_attendees(ctx_db(ctx), id, &list, &one)) {
			json_decref(stored);
			json_decref(cur);
			return;
		}
		size_t i;
		json_t *p;
		json_array_foreach(json_object_get(list, "people"), i, p)
		{
			json_array_append_new(stored,
			                      json_integer(id_of(p, "id")));
		}
		people = stored;
	}
	/* The contact's own rules first, as a create gathers them, so
	 * that a contradiction with the attendees does not hide them
	 * (check_contact finds them named and does not repeat them). */
	contact_rules(cur, e);
	seen_answered_on(ctx, cur, id_of(cur, "case_id"), e);
	attendance_rules(cur, id_of(cur, "person_id"), people, e);
	json_decref(list);
	json_decref(stored);
	json_decref(cur);
}

int
contacts_update(struct ctx *ctx, const struct resource *res, int64_t id,
                const json_t *body, json_t **out, json_t **duplicates,
                struct err *e)
{
	(void)res;
	*out = NULL;
	*duplicates = NULL;
	struct contact_extra x = {0};
	/* The attendees' errors with the contact's own (pre). */
	struct err pre;
	err_clear(&pre);
	if (json_object_get(body, "tasks"))
		err_rule(&pre, "tasks",
		         "Add follow-up tasks to a contact when you record it, "
		         "or as tasks on the case");
	json_t *core = own_fields(body, e);
	if (!core)
		return e->code;
	int rc = 0;
	read_attendees(ctx, json_object_get(body, "attendees"), &x, &pre);
	/* The contradictions on the contact as it will be stored: the
	 * stored contact merged with the change (its person is the case's
	 * child). */
	if (pre.code == 0)
		merged_rules(ctx, id, body, &x, &pre);
	if (pre.code == 0 && x.attendees_given)
		rc = hidden_attendees(ctx, id, &x.kept, e);
	if (rc == 0)
		rc = records_update_pre(ctx, &CONTACTS, id, core, &pre, &x, out,
		                        e);
	json_decref(x.kept);
	json_decref(core);
	return finish(ctx, rc, out, e);
}

int
contacts_close(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, struct err *e)
{
	(void)res;
	int rc = records_close(ctx, &CONTACTS, id, body, out, e);
	return finish(ctx, rc, out, e);
}
