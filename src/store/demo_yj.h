/*
 * demo_yj.h - bulk inserts for the youth justice part of the demo data
 * (service/demo_yj.c decides what to insert). Like store/demo.h: prepared
 * INSERTs inside the caller's one transaction, no history or validation
 * (the generator's values are valid by construction; the tables' CHECKs
 * still hold them to the vocabularies). Not for any request path.
 */
#ifndef SPIRE_STORE_DEMO_YJ_H
#define SPIRE_STORE_DEMO_YJ_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* A youth justice case of the demo, as the generator starts from. */
struct demo_yj_case {
	int64_t id, person_id, team_id, worker_id;
	char team_name[64];
	char date_of_birth[11], start_date[11], end_date[11]; /* "" if none */
};

/*
 * Every case of the youth_justice service, by id, into *out (caller
 * frees with free()), *n of them.
 */
int store_demo_yj_cases(struct db *db, struct demo_yj_case **out, size_t *n,
                        struct err *e);

/* Text values NULL and ints below 0 (where noted) are stored as NULL. */
struct demo_yj_offence {
	int64_t person_id, case_id, created_by;
	const char *offence_date, *arrest_date, *description, *category;
	int gravity, co_accused, weapon;
};

struct demo_yj_outcome {
	int64_t person_id, case_id, created_by;
	const char *outcome_type, *outcome_date, *start_date;
	const char *planned_end_date, *end_date, *end_reason, *release_date;
	const char *transition_plan_date, *yro_requirements; /* JSON list */
	const char *transferred_to;
};

struct demo_yj_assessment {
	int64_t person_id, case_id, outcome_id,
	    created_by; /* outcome 0: none */
	const char *assessment_type, *stage, *assessment_date;
	const char *reoffending, *serious_harm, *safety_wellbeing, *level;
	const char *childs_plan, *exit_plan;
};

/* Booleans: 1, 0, or -1 for not known. Hours -1: not known. */
struct demo_yj_kpi {
	int64_t person_id, case_id, outcome_id, created_by;
	const char *point, *measured_on, *accommodation, *ete_provision;
	const char *learning_plan;
	int accommodation_suitable, ete_suitable, ete_attending;
	int hours_offered, hours_attended, send_identified;
	int mh_need, mh_offered, mh_attending;
	int sm_need, sm_offered, sm_attending;
	int early_help, child_in_need, child_protection, looked_after;
};

struct demo_yj_victim {
	int64_t person_id, case_id, offence_id, victim_id, outcome_id;
	int64_t created_by;
	const char *contacted_on;
	int consent, rj_offered, rj_taken_part, info_requested, info_given;
	int support_offered;
};

int store_demo_yj_offence(struct db *db, const struct demo_yj_offence *o,
                          const char *at, int64_t *id, struct err *e);
int store_demo_yj_outcome(struct db *db, const struct demo_yj_outcome *o,
                          const char *at, int64_t *id, struct err *e);
int store_demo_yj_link(struct db *db, int64_t outcome_id, int64_t offence_id,
                       const char *at, struct err *e);
int store_demo_yj_assessment(struct db *db, const struct demo_yj_assessment *a,
                             const char *at, struct err *e);
int store_demo_yj_kpi(struct db *db, const struct demo_yj_kpi *k,
                      const char *at, struct err *e);
int store_demo_yj_victim(struct db *db, const struct demo_yj_victim *v,
                         const char *at, struct err *e);
int store_demo_yj_board(struct db *db, const char *date, const char *title,
                        int64_t created_by, const char *at, int64_t *id,
                        struct err *e);
int store_demo_yj_attendance(struct db *db, int64_t meeting_id,
                             const char *agency, int attended, int senior,
                             int dispro, const char *at, struct err *e);

#endif
