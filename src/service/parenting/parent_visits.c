/*
 * parent_visits.c - the joint initial home visit: when a child's youth
 * justice intervention starts, the allocated youth justice officer and a
 * parent worker of the child's team each get a task to visit the family
 * together, raised in the same transaction as the write that started the
 * intervention, once per intervention (docs/parenting.md). The visit
 * itself is recorded as one joint contact with both practitioners and the
 * parents who were there (service/contacts.c).
 */
#include "service/parenting/parenting.h"

#include <stdio.h>

#include "core/date.h"
#include "store/parenting/parent_tables.h"
#include "store/tasks.h"

/* Insert one task of the visit for owner (0: the team's, unowned). */
static int
visit_task(struct db *db, struct record_job *j,
           const struct parent_visit_facts *f, int64_t owner, const char *title,
           const char *due, int64_t *id, struct err *e)
{
	char details[400];
	snprintf(details, sizeof(details),
	         "%s's intervention started on %s. Visit the family at home "
	         "together (the youth justice officer and a parent worker), "
	         "meet each parent and carer and record the visit as one "
	         "joint contact.",
	         f->child_name, f->start_date);
	json_t *rec = json_pack("{s:I, s:s, s:s, s:s, s:I}", "case_id",
	                        (json_int_t)f->case_id, "title", title,
	                        "details", details, "due_date", due, "team_id",
	                        (json_int_t)f->team_id);
	if (!rec)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	int rc = 0;
	if (owner && json_object_set_new(rec, "owner_id", json_integer(owner)))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = record_insert(db, &TASKS_TABLE, rec, j->at, j->user_id, id,
		                   e);
	json_decref(rec);
	if (rc == 0 &&
	    !records_job_audit(j, "create", "task", *id, f->child_id))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return rc;
}

int
parenting_visit_tasks(struct db *db, struct record_job *j, struct err *e)
{
	struct parent_visit_facts f;
	int found = 0;
	int rc = store_parent_visit_facts(db, j->id, &found, &f, e);
	if (rc || !found)
		return rc;
	int64_t start = 0;
	char due[DATE_TEXT_LEN];
	if (date_parse(f.start_date, &start) != 0)
		return 0;
	date_text(start + PARENT_VISIT_DUE_DAYS, due);
	int64_t officer_task = 0, parent_task = 0;
	rc = visit_task(db, j, &f, f.worker_id,
	                "Joint initial home visit with the parent worker", due,
	                &officer_task, e);
	if (rc == 0)
		rc = visit_task(
		    db, j, &f, f.parent_worker_id,
		    "Joint initial home visit with the youth justice "
		    "officer: meet the parents",
		    due, &parent_task, e);
	if (rc == 0)
		rc = store_parent_visit_insert(
		    db, j->id, f.case_id, officer_task, parent_task, j->at, e);
	return rc;
}
