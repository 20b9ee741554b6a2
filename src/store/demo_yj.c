/*
 * demo_yj.c - the INSERTs behind the youth justice demo data.
 */
#include "store/demo_yj.h"

#include "store/forms/pd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1/0, or NULL for -1. */
static void
bind_flag(struct db_stmt *s, int n, int v)
{
	if (v < 0)
		db_bind_null(s, n);
	else
		db_bind_int(s, n, v);
}

static void
copy_text(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int
store_demo_yj_cases(struct db *db, struct demo_yj_case **out, size_t *n,
                    struct err *e)
{
	static const char count_sql[] =
	    "SELECT count(*) FROM cases c JOIN services s ON s.id ="
	    " c.service_id WHERE s.code = 'youth_justice'";
	static const char sql[] =
	    "SELECT c.id, c.person_id, c.team_id, COALESCE(c.worker_id, 0),"
	    " t.name, p.date_of_birth, c.start_date, c.end_date FROM cases c"
	    " JOIN services s ON s.id = c.service_id JOIN teams t ON t.id ="
	    " c.team_id JOIN people p ON p.id = c.person_id"
	    " WHERE s.code = 'youth_justice' ORDER BY c.id";
	*out = NULL;
	*n = 0;
	struct db_stmt *s = db_prepare(db, count_sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	int64_t total = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (rc < 0)
		return rc;
	if (total == 0)
		return 0;
	struct demo_yj_case *cases = calloc((size_t)total, sizeof(*cases));
	if (!cases)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	s = db_prepare(db, sql, e);
	if (!s) {
		free(cases);
		return e->code;
	}
	size_t i = 0;
	while ((rc = db_step(s, e)) == DB_ROW && i < (size_t)total) {
		struct demo_yj_case *c = &cases[i++];
		c->id = db_col_int(s, 0);
		c->person_id = db_col_int(s, 1);
		c->team_id = db_col_int(s, 2);
		c->worker_id = db_col_int(s, 3);
		copy_text(c->team_name, sizeof(c->team_name),
		          db_col_text(s, 4));
		copy_text(c->date_of_birth, sizeof(c->date_of_birth),
		          db_col_text(s, 5));
		copy_text(c->start_date, sizeof(c->start_date),
		          db_col_text(s, 6));
		copy_text(c->end_date, sizeof(c->end_date), db_col_text(s, 7));
	}
	db_done(s);
	if (rc < 0) {
		free(cases);
		return rc;
	}
	*out = cases;
	*n = i;
	return 0;
}

int
store_demo_yj_offence(struct db *db, const struct demo_yj_offence *o,
                      const char *at, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_offences(person_id, case_id, offence_date,"
	    " arrest_date, description, category, gravity, co_accused, weapon,"
	    " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9, $10, $11) RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, o->person_id);
	db_bind_int(s, 2, o->case_id);
	db_bind_text(s, 3, o->offence_date);
	db_bind_text(s, 4, o->arrest_date);
	db_bind_text(s, 5, o->description);
	db_bind_text(s, 6, o->category);
	db_bind_int(s, 7, o->gravity);
	db_bind_int(s, 8, o->co_accused);
	db_bind_int(s, 9, o->weapon);
	db_bind_text(s, 10, at);
	db_bind_id(s, 11, o->created_by);
	return db_step_id(s, id, e);
}

int
store_demo_yj_outcome(struct db *db, const struct demo_yj_outcome *o,
                      const char *at, int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_outcomes(person_id, case_id, outcome_type,"
	    " outcome_date, start_date, planned_end_date, end_date, end_reason,"
	    " release_date, transition_plan_date, yro_requirements,"
	    " created_at, created_by, transferred_to) VALUES ($1, $2, $3, $4,"
	    " $5, $6, $7, $8, $9, $10, COALESCE($11, '[]'), $12, $13, $14)"
	    " RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, o->person_id);
	db_bind_int(s, 2, o->case_id);
	db_bind_text(s, 3, o->outcome_type);
	db_bind_text(s, 4, o->outcome_date);
	db_bind_text(s, 5, o->start_date);
	db_bind_text(s, 6, o->planned_end_date);
	db_bind_text(s, 7, o->end_date);
	db_bind_text(s, 8, o->end_reason);
	db_bind_text(s, 9, o->release_date);
	db_bind_text(s, 10, o->transition_plan_date);
	db_bind_text(s, 11, o->yro_requirements);
	db_bind_text(s, 12, at);
	db_bind_id(s, 13, o->created_by);
	db_bind_text(s, 14, o->transferred_to);
	return db_step_id(s, id, e);
}

int
store_demo_yj_link(struct db *db, int64_t outcome_id, int64_t offence_id,
                   const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_outcome_offences(outcome_id, offence_id, added_at)"
	    " VALUES ($1, $2, $3)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, outcome_id);
	db_bind_int(s, 2, offence_id);
	db_bind_text(s, 3, at);
	return db_step_id(s, NULL, e);
}

int
store_demo_yj_assessment(struct db *db, const struct demo_yj_assessment *a,
                         const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_assessments(person_id, case_id, outcome_id,"
	    " assessment_type, stage, assessment_date,"
	    " likelihood_of_reoffending, risk_of_serious_harm,"
	    " safety_wellbeing, intervention_level, created_at, created_by)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
	    " RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, a->person_id);
	db_bind_int(s, 2, a->case_id);
	db_bind_id(s, 3, a->outcome_id);
	db_bind_text(s, 4, a->assessment_type);
	db_bind_text(s, 5, a->stage);
	db_bind_text(s, 6, a->assessment_date);
	db_bind_text(s, 7, a->reoffending);
	db_bind_text(s, 8, a->serious_harm);
	db_bind_text(s, 9, a->safety_wellbeing);
	db_bind_text(s, 10, a->level);
	db_bind_text(s, 11, at);
	db_bind_id(s, 12, a->created_by);
	int64_t id = 0;
	int rc = db_step_id(s, &id, e);
	if (rc || (!a->childs_plan && !a->exit_plan))
		return rc;
	/* The prevention and diversion form's sections are a form response,
	 * written as the migration writes them (store/forms/pd.c). */
	json_t *sections = json_object();
	if (a->childs_plan)
		json_object_set_new(sections, "childs_plan",
		                    json_string(a->childs_plan));
	if (a->exit_plan)
		json_object_set_new(sections, "exit_plan",
		                    json_string(a->exit_plan));
	json_t *doc = store_pd_v1_document(sections, a->assessment_date);
	json_t *rec = doc ? store_pd_response_rec(a->case_id, a->person_id,
	                                          a->assessment_date, doc)
	                  : NULL;
	int64_t response_id;
	rc =
	    rec ? store_pd_link(db, id, rec, at, a->created_by, &response_id, e)
	        : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	json_decref(sections);
	json_decref(doc);
	json_decref(rec);
	return rc;
}

int
store_demo_yj_kpi(struct db *db, const struct demo_yj_kpi *k, const char *at,
                  struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_kpi_snapshots(person_id, case_id, outcome_id,"
	    " point, measured_on, accommodation, accommodation_suitable,"
	    " ete_provision, ete_suitable, ete_attending, ete_hours_offered,"
	    " ete_hours_attended, send_identified, learning_plan,"
	    " mental_health_need, mental_health_offered,"
	    " mental_health_attending, substance_misuse_need,"
	    " substance_misuse_offered, substance_misuse_attending,"
	    " early_help, child_in_need, child_protection, looked_after,"
	    " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
	    " $22, $23, $24, $25, $26)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, k->person_id);
	db_bind_int(s, 2, k->case_id);
	db_bind_int(s, 3, k->outcome_id);
	db_bind_text(s, 4, k->point);
	db_bind_text(s, 5, k->measured_on);
	db_bind_text(s, 6, k->accommodation);
	bind_flag(s, 7, k->accommodation_suitable);
	db_bind_text(s, 8, k->ete_provision);
	bind_flag(s, 9, k->ete_suitable);
	bind_flag(s, 10, k->ete_attending);
	bind_flag(s, 11, k->hours_offered);
	bind_flag(s, 12, k->hours_attended);
	bind_flag(s, 13, k->send_identified);
	db_bind_text(s, 14, k->learning_plan);
	bind_flag(s, 15, k->mh_need);
	bind_flag(s, 16, k->mh_offered);
	bind_flag(s, 17, k->mh_attending);
	bind_flag(s, 18, k->sm_need);
	bind_flag(s, 19, k->sm_offered);
	bind_flag(s, 20, k->sm_attending);
	bind_flag(s, 21, k->early_help);
	bind_flag(s, 22, k->child_in_need);
	bind_flag(s, 23, k->child_protection);
	bind_flag(s, 24, k->looked_after);
	db_bind_text(s, 25, at);
	db_bind_id(s, 26, k->created_by);
	return db_step_id(s, NULL, e);
}

int
store_demo_yj_victim(struct db *db, const struct demo_yj_victim *v,
                     const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_victims(person_id, case_id, offence_id, victim_id,"
	    " outcome_id, consent_to_contact, contacted_on, rj_offered,"
	    " rj_taken_part, information_requested, information_given,"
	    " support_offered, created_at, created_by) VALUES ($1, $2, $3, $4,"
	    " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, v->person_id);
	db_bind_int(s, 2, v->case_id);
	db_bind_int(s, 3, v->offence_id);
	db_bind_int(s, 4, v->victim_id);
	db_bind_id(s, 5, v->outcome_id);
	bind_flag(s, 6, v->consent);
	db_bind_text(s, 7, v->contacted_on);
	bind_flag(s, 8, v->rj_offered);
	bind_flag(s, 9, v->rj_taken_part);
	bind_flag(s, 10, v->info_requested);
	bind_flag(s, 11, v->info_given);
	bind_flag(s, 12, v->support_offered);
	db_bind_text(s, 13, at);
	db_bind_id(s, 14, v->created_by);
	return db_step_id(s, NULL, e);
}

int
store_demo_yj_board(struct db *db, const char *date, const char *title,
                    int64_t created_by, const char *at, int64_t *id,
                    struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_board_meetings(meeting_date, title, created_at,"
	    " created_by) VALUES ($1, $2, $3, $4) RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, date);
	db_bind_text(s, 2, title);
	db_bind_text(s, 3, at);
	db_bind_id(s, 4, created_by);
	return db_step_id(s, id, e);
}

int
store_demo_yj_attendance(struct db *db, int64_t meeting_id, const char *agency,
                         int attended, int senior, int dispro, const char *at,
                         struct err *e)
{
	static const char sql[] =
	    "INSERT INTO yj_board_attendance(meeting_id, agency, attended,"
	    " senior, disproportionality_data, added_at) VALUES ($1, $2, $3,"
	    " $4, $5, $6)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, meeting_id);
	db_bind_text(s, 2, agency);
	db_bind_int(s, 3, attended);
	db_bind_int(s, 4, senior);
	db_bind_int(s, 5, dispro);
	db_bind_text(s, 6, at);
	return db_step_id(s, NULL, e);
}
