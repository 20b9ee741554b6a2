/*
 * contacts.c - contact records and their attendees.
 */
#include "store/contacts.h"

static const char *const CONTACT_TYPES[] = {
    "home_visit", "office_visit", "phone", "video", "session",
    "meeting",    "letter",       "other", NULL,
};

const struct field CONTACTS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL},
    {"contact_date", FT_DATETIME, FF_REQUIRED, 0, 0, NULL},
    {"contact_type", FT_ENUM, FF_REQUIRED, 0, 0, CONTACT_TYPES},
    {"joint", FT_BOOL, 0, 0, 0, NULL},
    {"summary", FT_TEXT, FF_REQUIRED, 0, 10000, NULL},
};
const size_t CONTACTS_N_FIELDS = FIELDS_COUNT(CONTACTS_FIELDS);

/* The attendees of contact k as JSON text. json() keeps the inner arrays
 * JSON rather than strings when they pass through a subquery. */
#define ATTENDEES                                                              \
	"json_object('people', json((SELECT json_group_array(json_object("     \
	"'id', x.id, 'given_name', x.given_name, 'family_name',"               \
	" x.family_name)) FROM (SELECT p.id, p.given_name, p.family_name"      \
	" FROM contact_attendees a JOIN people p ON p.id = a.person_id"        \
	" WHERE a.contact_id = k.id AND a.removed_at IS NULL ORDER BY a.id)"   \
	" x)), 'practitioners', json((SELECT json_group_array(json_object("    \
	"'id', x.id, 'full_name', x.full_name)) FROM (SELECT u.id,"            \
	" u.full_name FROM contact_attendees a JOIN users u ON u.id ="         \
	" a.user_id WHERE a.contact_id = k.id AND a.removed_at IS NULL"        \
	" ORDER BY a.id) x))) AS attendees"

#define CONTACT_SELECT                                                         \
	"SELECT k.id, k.version, k.case_id, k.contact_date, k.contact_type,"   \
	" k.joint, k.summary, k.created_at, k.created_by,"                     \
	" (SELECT full_name FROM users WHERE id = k.created_by)"               \
	" AS created_by_name, k.updated_at, k.updated_by, k.closed_at,"        \
	" k.closed_reason, c.person_id, " ATTENDEES                            \
	" FROM contacts k JOIN cases c ON c.id = k.case_id"

static const char get_sql[] = CONTACT_SELECT " WHERE k.id = $1";

static const char insert_sql[] =
    "INSERT INTO contacts(case_id, contact_date, contact_type, joint,"
    " summary, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    " RETURNING id";

static const char update_sql[] =
    "UPDATE contacts SET case_id = $3, contact_date = $4,"
    " contact_type = $5, joint = $6, summary = $7, updated_at = $8,"
    " updated_by = $9, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE contacts SET closed_at = $3, closed_reason = $4, closed_by = $5,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

const struct record_sql CONTACTS_SQL = {
    "contact", CONTACTS_FIELDS, FIELDS_COUNT(CONTACTS_FIELDS),
    get_sql,   insert_sql,      update_sql,
    close_sql,
};

int
store_contacts_list(struct db *db, int64_t case_id, int include_closed,
                    int64_t limit, int64_t offset, json_t **out, struct err *e)
{
	static const char sql[] =
	    CONTACT_SELECT " WHERE k.case_id = $1 AND ($2 OR k.closed_at IS"
	                   " NULL) ORDER BY k.contact_date DESC, k.id DESC"
	                   " LIMIT $3 OFFSET $4";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	db_bind_bool(s, 2, include_closed);
	db_bind_int(s, 3, limit);
	db_bind_int(s, 4, offset);
	return record_rows(s, out, e);
}

int
store_contacts_attendee_add(struct db *db, int64_t contact_id,
                            int64_t person_id, int64_t user_id, const char *at,
                            struct err *e)
{
	static const char sql[] =
	    "INSERT INTO contact_attendees(contact_id, person_id, user_id,"
	    " added_at) VALUES ($1, $2, $3, $4)";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, contact_id);
	if (person_id)
		db_bind_int(s, 2, person_id);
	if (user_id)
		db_bind_int(s, 3, user_id);
	db_bind_text(s, 4, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_contacts_attendees_remove(struct db *db, int64_t contact_id,
                                const char *at, struct err *e)
{
	static const char sql[] =
	    "UPDATE contact_attendees SET removed_at = $2"
	    " WHERE contact_id = $1 AND removed_at IS NULL";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, contact_id);
	db_bind_text(s, 2, at);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Step a one-row state query for id. */
static int
state_of(struct db *db, const char *sql, int64_t id, enum attendee_state *out,
         struct err *e)
{
	*out = ATTENDEE_NONE;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*out = (enum attendee_state)db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_contacts_person_state(struct db *db, int64_t id, enum attendee_state *out,
                            struct err *e)
{
	static const char sql[] =
	    "SELECT CASE WHEN closed_at IS NULL THEN 1 ELSE 2 END"
	    " FROM people WHERE id = $1";
	return state_of(db, sql, id, out, e);
}

int
store_contacts_user_state(struct db *db, int64_t id, enum attendee_state *out,
                          struct err *e)
{
	static const char sql[] =
	    "SELECT CASE WHEN role = 'parent' THEN 3 WHEN disabled_at IS NULL"
	    " THEN 1 ELSE 2 END FROM users WHERE id = $1";
	return state_of(db, sql, id, out, e);
}
