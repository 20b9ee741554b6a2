/*
 * responses.c - form response records (see responses.h).
 */
#include "store/forms/responses.h"

#include "core/forms/vocab_forms.h"

#include "store/forms/pd.h"

#include <stdio.h>
#include <string.h>

const struct field FORM_RESPONSES_FIELDS[] = {
    {"form_id", FT_TEXT, FF_REQUIRED | FF_IMMUTABLE | FF_LINE, 0, 60, NULL,
     NULL},
    {"form_version", FT_INT, FF_IMMUTABLE, 1, 999999, NULL, NULL},
    {"subject_type", FT_ENUM, FF_SERVER, 0, 0, &VOCAB_FORM_SUBJECT_TYPES, NULL},
    {"person_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"family_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"case_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"completed_by", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_FORM_COMPLETED_BY,
     NULL},
    {"authored", FT_DATE, FF_REQUIRED, 0, 0, NULL, NULL},
    {"status", FT_ENUM, FF_REQUIRED, 0, 0, &VOCAB_FORM_RESPONSE_STATUSES, NULL},
    /* Given by the service (forms/responses.c), never by a client. */
    {"document", FT_TEXT, 0, 0, 1000000, NULL, NULL},
    {"supersedes_id", FT_ID, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"correction_reason", FT_TEXT, FF_IMMUTABLE, 0, 500, NULL, NULL},
    /* Whose answers these are and the consent that shares them, when the
     * form was confidential to its subject as it was answered (migration
     * 13): the row keeps its protection whatever becomes of the form's
     * definition. Only the columns of migration 7 are written by
     * store_pd_link (pd.c), which that migration runs. */
    {"confidential_to", FT_ID, FF_SERVER | FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"confidential_share", FT_TEXT, FF_SERVER | FF_IMMUTABLE | FF_LINE, 0, 60,
     NULL, NULL},
};

#define RESPONSE_COLUMNS                                                       \
	"k.id, k.version, k.form_id, k.form_version, k.subject_type,"          \
	" k.person_id, k.family_id, k.case_id, k.completed_by, k.authored,"    \
	" k.status, k.document, k.supersedes_id, k.correction_reason,"         \
	" k.superseded_by, k.created_at, k.created_by, k.updated_at,"          \
	" k.updated_by, k.closed_at, k.closed_reason, k.closed_by,"            \
	" k.confidential_to, k.confidential_share"

/* $1 subject id, $2 form id or NULL, $3 include closed and superseded,
 * $4 limit, $5 offset. */
static const char *const FORM_RESPONSES_COLUMNS[] = {
    "k.superseded_by",
    "(SELECT full_name FROM users WHERE id = k.created_by) AS created_by_name",
    NULL,
};

/* A completed response never changes (a correction supersedes it). */
struct record_table FORM_RESPONSES_TABLE = {
    .type = "form_response",
    .table = "form_responses",
    .fields = FORM_RESPONSES_FIELDS,
    .n_fields = FIELDS_COUNT(FORM_RESPONSES_FIELDS),
    .columns = FORM_RESPONSES_COLUMNS,
    .update_guard = "status = 'in-progress'",
};

#define LIST_SQL(col, also)                                                    \
	"SELECT " RESPONSE_COLUMNS " FROM form_responses k WHERE k." col       \
	" = $1" also " AND ($2 IS NULL OR k.form_id = $2) AND ($3 OR"          \
	" (k.closed_at IS NULL AND k.superseded_by IS NULL))"                  \
	" ORDER BY k.authored DESC, k.id DESC LIMIT $4 OFFSET $5"

/* A person's list holds the responses about the person themselves; those
 * about one of their cases are listed with the case. */
static const char list_person_sql[] =
    LIST_SQL("person_id", " AND k.subject_type = 'person'");
static const char list_family_sql[] = LIST_SQL("family_id", "");
static const char list_case_sql[] = LIST_SQL("case_id", "");

int
store_form_responses_list(struct db *db, const struct form_response_query *q,
                          json_t **out, struct err *e)
{
	const char *sql = list_case_sql;
	if (strcmp(q->subject, "person") == 0)
		sql = list_person_sql;
	else if (strcmp(q->subject, "family") == 0)
		sql = list_family_sql;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, q->subject_id);
	if (q->form_id)
		db_bind_text(s, 2, q->form_id);
	else
		db_bind_null(s, 2);
	db_bind_bool(s, 3, q->include_closed);
	db_bind_int(s, 4, q->limit);
	db_bind_int(s, 5, q->offset);
	return record_rows(s, out, e);
}

static const char supersede_sql[] =
    "UPDATE form_responses SET superseded_by = $3, updated_at = $4,"
    " updated_by = $5, version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL AND superseded_by IS NULL"
    " AND status = 'completed'";

int
store_form_responses_supersede(struct db *db, int64_t id, int64_t version,
                               int64_t by_id, const char *at, int64_t user_id,
                               struct err *e)
{
	int rc =
	    record_history_keep(db, &FORM_RESPONSES_TABLE, id, at, user_id, e);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(db, supersede_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_int(s, 3, by_id);
	db_bind_text(s, 4, at);
	db_bind_id(s, 5, user_id);
	rc = db_step(s, e);
	db_done(s);
	if (rc == DB_DONE)
		rc = db_changes(db) == 1
		         ? 0
		         : err_set(e, SPIRE_ECONFLICT, "version",
		                   "This response was changed or corrected "
		                   "while you were working: reload it and "
		                   "try again");
	return rc;
}

static const char subject_sql[] =
    "SELECT subject_type, COALESCE(case_id, family_id, person_id)"
    " FROM form_responses WHERE id = $1";

int
store_form_response_subject(struct db *db, int64_t id,
                            const struct record_kind **kind,
                            int64_t *subject_id, struct err *e)
{
	struct db_stmt *s = db_prepare(db, subject_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *t = db_col_text(s, 0);
		*kind = t && strcmp(t, "case") == 0     ? RK_CASE
		        : t && strcmp(t, "family") == 0 ? RK_FAMILY
		                                        : RK_PERSON;
		*subject_id = db_col_int(s, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = SPIRE_ENOTFOUND;
	}
	db_done(s);
	/* A response that belongs to an assessment is read as the
	 * assessment is (docs/forms.md). */
	int64_t owner = 0;
	if (rc == 0 && (rc = store_pd_owner(db, id, &owner, e)) == 0 && owner) {
		*kind = RK_ASSESSMENT;
		*subject_id = owner;
	}
	return rc;
}

static const char shared_sql[] =
    "SELECT 1 FROM consents c JOIN services s ON s.code = c.shared_with"
    " WHERE c.person_id = $1 AND c.shares = $2 AND s.id = $3"
    " AND c.status = 'active' AND c.closed_at IS NULL";

int
store_form_response_shared(struct db *db, int64_t person_id, const char *share,
                           int64_t service_id, int *shared, struct err *e)
{
	*shared = 0;
	if (!person_id || !share || !service_id)
		return 0;
	struct db_stmt *s = db_prepare(db, shared_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, share);
	db_bind_int(s, 3, service_id);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	*shared = rc == DB_ROW;
	return 0;
}

static const char of_form_sql[] =
    "SELECT k.id, k.form_version, k.subject_type, k.person_id, k.family_id,"
    " k.case_id, k.authored, k.document FROM form_responses k"
    " WHERE k.form_id = $1 AND k.status = 'completed'"
    " AND k.closed_at IS NULL AND k.superseded_by IS NULL"
    " ORDER BY k.subject_type, COALESCE(k.case_id, k.family_id, k.person_id),"
    " k.authored, k.id";

int
store_form_responses_of_form(struct db *db, const char *form_id, json_t **out,
                             struct err *e)
{
	struct db_stmt *s = db_prepare(db, of_form_sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, form_id);
	return record_rows(s, out, e);
}

static const char audience_sql[] =
    "SELECT COALESCE((SELECT t.name FROM cases c JOIN teams t ON t.id ="
    " c.team_id WHERE c.id = $1), ''), COALESCE((SELECT sv.name FROM cases c"
    " JOIN services sv ON sv.id = c.service_id WHERE c.id = $1), ''),"
    " COALESCE((SELECT p.given_name || ' ' || p.family_name FROM people p"
    " WHERE p.id = $2), '')";

int
store_form_response_audience(struct db *db, int64_t case_id, int64_t person_id,
                             char *team, char *service, char *person,
                             size_t len, struct err *e)
{
	team[0] = service[0] = person[0] = '\0';
	struct db_stmt *s = db_prepare(db, audience_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, person_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		const char *t = db_col_text(s, 0), *v = db_col_text(s, 1),
		           *p = db_col_text(s, 2);
		snprintf(team, len, "%s", t ? t : "");
		snprintf(service, len, "%s", v ? v : "");
		snprintf(person, len, "%s", p ? p : "");
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}
