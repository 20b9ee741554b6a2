/*
 * demo.c - the INSERTs behind the demo data generator. Each statement is
 * prepared once per connection (db.h caches it) and re-bound per row.
 */
#include "store/demo.h"

#include "core/names.h"
#include "core/validate.h"

/* Step an INSERT; with id non-NULL, read back its RETURNING id. */
int
store_demo_bulk_mode(struct db *db, struct err *e)
{
	return db_bulk_mode(db, e);
}

int
store_demo_count_people(struct db *db, int64_t *n, struct err *e)
{
	static const char sql[] = "SELECT count(*) FROM people";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	*n = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_demo_person(struct db *db, const struct demo_person *p, const char *at,
                  int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO people(given_name, family_name, preferred_name,"
	    " date_of_birth, sex, ethnicity, first_language,"
	    " interpreter_needed, religion, disability, send, address,"
	    " postcode, phone, email, local_id, nhs_number, alerts,"
	    " owner_team_id, created_at, created_by, name_key) VALUES ($1,$2,"
	    "$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,"
	    "COALESCE($18,'[]'),$19,$20,$21,$22) RETURNING id";
	/* Names and identifiers in the form the service stores them. */
	char key[NAME_KEY_LEN], local[64], nhs[64];
	if (name_key(p->given_name, p->family_name, key, sizeof(key)) != 0)
		return err_set(e, SPIRE_EINVAL, "given_name",
		               "demo name is not UTF-8");
	if ((p->local_id &&
	     norm_identifier(p->local_id, local, sizeof(local)) != 0) ||
	    (p->nhs_number &&
	     norm_identifier(p->nhs_number, nhs, sizeof(nhs)) != 0))
		return err_set(e, SPIRE_EINVAL, "local_id",
		               "demo identifier is too long");
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, p->given_name);
	db_bind_text(s, 2, p->family_name);
	db_bind_text(s, 3, p->preferred_name);
	db_bind_text(s, 4, p->date_of_birth);
	db_bind_text(s, 5, p->sex);
	db_bind_text(s, 6, p->ethnicity);
	db_bind_text(s, 7, p->first_language);
	db_bind_int(s, 8, p->interpreter_needed);
	db_bind_text(s, 9, p->religion);
	db_bind_int(s, 10, p->disability);
	db_bind_text(s, 11, p->send);
	db_bind_text(s, 12, p->address);
	db_bind_text(s, 13, p->postcode);
	db_bind_text(s, 14, p->phone);
	db_bind_text(s, 15, p->email);
	db_bind_text(s, 16, p->local_id ? local : NULL);
	db_bind_text(s, 17, p->nhs_number ? nhs : NULL);
	db_bind_text(s, 18, p->alerts);
	db_bind_id(s, 19, p->owner_team_id);
	db_bind_text(s, 20, at);
	db_bind_id(s, 21, p->created_by);
	db_bind_text(s, 22, key);
	return db_step_id(s, id, e);
}

int
store_demo_family(struct db *db, const char *name, int64_t owner_team_id,
                  int64_t created_by, const char *at, int64_t *id,
                  struct err *e)
{
	static const char sql[] =
	    "INSERT INTO families(name, owner_team_id, created_at, created_by)"
	    " VALUES ($1, $2, $3, $4) RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, name);
	db_bind_id(s, 2, owner_team_id);
	db_bind_text(s, 3, at);
	db_bind_id(s, 4, created_by);
	return db_step_id(s, id, e);
}

int
store_demo_member(struct db *db, const struct demo_member *m, const char *at,
                  struct err *e)
{
	static const char sql[] =
	    "INSERT INTO family_members(family_id, person_id, member_type,"
	    " relationship, child_id, parental_responsibility, in_household,"
	    " wider_network, created_at, created_by)"
	    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, m->family_id);
	db_bind_int(s, 2, m->person_id);
	db_bind_text(s, 3, m->member_type);
	db_bind_text(s, 4, m->relationship);
	db_bind_id(s, 5, m->child_id);
	db_bind_int(s, 6, m->parental_responsibility);
	db_bind_int(s, 7, m->in_household);
	db_bind_int(s, 8, m->wider_network);
	db_bind_text(s, 9, at);
	db_bind_id(s, 10, m->created_by);
	return db_step_id(s, NULL, e);
}

int
store_demo_case(struct db *db, const struct demo_case *c, const char *at,
                int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO cases(person_id, service_id, team_id, worker_id,"
	    " family_id, start_date, end_date, status, reason, closure_reason,"
	    " created_at, created_by, closed_at, closed_reason, closed_by)"
	    " VALUES ($1,$2,$3,$4,$5,$6,$7,CASE WHEN $8 THEN 'closed' ELSE"
	    " 'open' END,$9,$10,$11,$12,CASE WHEN $8 THEN $11 END,"
	    " CASE WHEN $8 THEN $10 END, CASE WHEN $8 THEN $12 END)"
	    " RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, c->person_id);
	db_bind_int(s, 2, c->service_id);
	db_bind_int(s, 3, c->team_id);
	db_bind_id(s, 4, c->worker_id);
	db_bind_id(s, 5, c->family_id);
	db_bind_text(s, 6, c->start_date);
	db_bind_text(s, 7, c->end_date);
	db_bind_int(s, 8, c->closed);
	db_bind_text(s, 9, c->reason);
	db_bind_text(s, 10, c->closure_reason);
	db_bind_text(s, 11, at);
	db_bind_id(s, 12, c->created_by);
	return db_step_id(s, id, e);
}

int
store_demo_contact(struct db *db, const struct demo_contact *c, const char *at,
                   int64_t *id, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO contacts(case_id, contact_date, contact_type, joint,"
	    " summary, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)"
	    " RETURNING id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, c->case_id);
	db_bind_text(s, 2, c->contact_date);
	db_bind_text(s, 3, c->contact_type);
	db_bind_int(s, 4, c->joint);
	db_bind_text(s, 5, c->summary);
	db_bind_text(s, 6, at);
	db_bind_id(s, 7, c->created_by);
	return db_step_id(s, id, e);
}

int
store_demo_attendee(struct db *db, int64_t contact_id, int64_t person_id,
                    int64_t user_id, const char *at, struct err *e)
{
	static const char sql[] =
	    "INSERT INTO contact_attendees(contact_id, person_id, user_id,"
	    " added_at) VALUES ($1, $2, $3, $4)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, contact_id);
	db_bind_id(s, 2, person_id);
	db_bind_id(s, 3, user_id);
	db_bind_text(s, 4, at);
	return db_step_id(s, NULL, e);
}

int
store_demo_task(struct db *db, const struct demo_task *t, const char *at,
                struct err *e)
{
	static const char sql[] =
	    "INSERT INTO tasks(case_id, title, details, due_date, owner_id,"
	    " team_id, status, done_at, created_at, created_by)"
	    " VALUES ($1,$2,$3,$4,$5,$6,CASE WHEN $7 IS NULL THEN 'open'"
	    " ELSE 'done' END,$7,$8,$9)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_id(s, 1, t->case_id);
	db_bind_text(s, 2, t->title);
	db_bind_text(s, 3, t->details);
	db_bind_text(s, 4, t->due_date);
	db_bind_id(s, 5, t->owner_id);
	db_bind_int(s, 6, t->team_id);
	db_bind_text(s, 7, t->done_at);
	db_bind_text(s, 8, at);
	db_bind_id(s, 9, t->created_by);
	return db_step_id(s, NULL, e);
}

int
store_demo_consent(struct db *db, const struct demo_consent *c, const char *at,
                   struct err *e)
{
	static const char sql[] =
	    "INSERT INTO consents(person_id, agency, purpose, lawful_basis,"
	    " given_by, given_on, status, created_at, created_by, closed_at,"
	    " closed_reason, closed_by) VALUES ($1,$2,$3,$4,$5,$6,CASE WHEN $7"
	    " THEN 'withdrawn' ELSE 'active' END,$8,$9,CASE WHEN $7 THEN $8"
	    " END,CASE WHEN $7 THEN 'The family withdrew consent' END,"
	    " CASE WHEN $7 THEN $9 END)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, c->person_id);
	db_bind_text(s, 2, c->agency);
	db_bind_text(s, 3, c->purpose);
	db_bind_text(s, 4, c->lawful_basis);
	db_bind_text(s, 5, c->given_by);
	db_bind_text(s, 6, c->given_on);
	db_bind_int(s, 7, c->withdrawn);
	db_bind_text(s, 8, at);
	db_bind_id(s, 9, c->created_by);
	return db_step_id(s, NULL, e);
}
