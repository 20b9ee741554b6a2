/*
 * contacts.c - contact records and their attendees.
 */
#include "store/contacts.h"

#include "core/vocab_casework.h"

const struct field CONTACTS_FIELDS[] = {
    {"case_id", FT_ID, FF_REQUIRED | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"contact_date", FT_DATETIME, FF_REQUIRED, 0, 0, NULL,
     "date of the contact"},
    {"contact_type", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_CONTACT_TYPES,
     "type of contact"},
    {"joint", FT_BOOL, 0, 0, 0, NULL,
     "the contact was joint with another agency"},
    {"summary", FT_TEXT, FF_REQUIRED, 0, 10000, NULL, NULL},
    /* Migration 16: as practitioners record a contact (issue 10). */
    {"contact_time", FT_TEXT, FF_LINE, 0, 20, NULL, "time of the contact"},
    {"duration_minutes", FT_INT, 0, 1, 1440, NULL, NULL},
    {"location", FT_TEXT, FF_LINE, 0, 200, NULL, NULL},
    {"outcome", FT_ENUM, 0, 0, 0, &VOCAB_CONTACT_OUTCOMES, NULL},
    {"child_seen", FT_BOOL_NULL, 0, 0, 0, NULL, "the child was seen"},
    {"seen_alone", FT_BOOL_NULL, 0, 0, 0, NULL, "the child was seen alone"},
    /* Shown in the child's chronology (migration 15). */
    {"significant", FT_BOOL, 0, 0, 0, NULL,
     "the contact is a significant event"},
};
const size_t CONTACTS_N_FIELDS = FIELDS_COUNT(CONTACTS_FIELDS);

static const char *const CONTACT_COLUMNS[] = {
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    "c.person_id",
    NULL,
};

static const char *const CONTACT_LIST_BY[] = {"case_id", NULL};

struct record_table CONTACTS_TABLE = {
    .type = "contact",
    .table = "contacts",
    .fields = CONTACTS_FIELDS,
    .n_fields = FIELDS_COUNT(CONTACTS_FIELDS),
    .columns = CONTACT_COLUMNS,
    .joins = " JOIN cases c ON c.id = k.case_id",
    .list_by = CONTACT_LIST_BY,
    .list_order = "k.contact_date DESC, COALESCE(k.contact_time, '') DESC,"
                  " k.id DESC",
    .flags = RT_NO_CLOSED_BY,
};

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

/* Append to arr a row object for each row of s ($1 bound), then done. */
static int
rows_into(struct db_stmt *s, json_t *arr, struct err *e)
{
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *row = db_row_json(s);
		if (!row || json_array_append_new(arr, row)) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			break;
		}
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_contacts_attendees(struct db *db, int64_t contact_id, json_t **out,
                         struct err *e)
{
	static const char people_sql[] =
	    "SELECT p.id, p.given_name, p.family_name FROM contact_attendees a"
	    " JOIN people p ON p.id = a.person_id WHERE a.contact_id = $1"
	    " AND a.removed_at IS NULL ORDER BY a.id";
	static const char users_sql[] =
	    "SELECT u.id, u.full_name FROM contact_attendees a JOIN users u"
	    " ON u.id = a.user_id WHERE a.contact_id = $1"
	    " AND a.removed_at IS NULL ORDER BY a.id";
	*out = NULL;
	json_t *people = json_array(), *users = json_array();
	json_t *list = json_object();
	int rc = 0;
	if (!people || !users || !list ||
	    json_object_set(list, "people", people) ||
	    json_object_set(list, "practitioners", users))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	const char *const sql[] = {people_sql, users_sql};
	json_t *const into[] = {people, users};
	for (int i = 0; i < 2 && rc == 0; i++) {
		struct db_stmt *s = db_prepare(db, sql[i], e);
		if (!s) {
			rc = e->code;
			break;
		}
		db_bind_int(s, 1, contact_id);
		rc = rows_into(s, into[i], e);
	}
	json_decref(people);
	json_decref(users);
	if (rc)
		json_decref(list);
	else
		*out = list;
	return rc;
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
	    "SELECT CASE WHEN role IN ('parent', 'analyst', 'admin') OR"
	    " team_id IS NULL THEN 3 WHEN disabled_at IS NULL THEN 1 ELSE 2"
	    " END FROM users WHERE id = $1";
	return state_of(db, sql, id, out, e);
}
