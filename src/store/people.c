/*
 * people.c - person records.
 */
#include "store/people.h"

#include <string.h>

#include "core/names.h"
#include "core/validate.h"

static const char *const SEX[] = {"female", "male", "indeterminate",
                                  "not_known", NULL};
static const char *const SEND[] = {"none", "sen_support", "ehcp", NULL};

/* The 2021 census's 19 ethnic groups, prefixed with their high-level group,
 * plus the two "not given" answers. */
static const char *const ETHNICITY[] = {
    "asian_bangladeshi",
    "asian_chinese",
    "asian_indian",
    "asian_pakistani",
    "asian_other",
    "black_african",
    "black_caribbean",
    "black_other",
    "mixed_white_asian",
    "mixed_white_black_african",
    "mixed_white_black_caribbean",
    "mixed_other",
    "white_british",
    "white_irish",
    "white_gypsy_irish_traveller",
    "white_roma",
    "white_other",
    "other_arab",
    "other_any",
    "not_stated",
    "not_known",
    NULL,
};

const struct field PEOPLE_FIELDS[] = {
    {"given_name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 100, NULL},
    {"family_name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 100, NULL},
    {"preferred_name", FT_TEXT, FF_LINE, 0, 100, NULL},
    {"date_of_birth", FT_DATE, 0, 0, 0, NULL},
    {"sex", FT_ENUM, 0, 0, 0, SEX},
    {"gender", FT_TEXT, FF_LINE, 0, 60, NULL},
    {"ethnicity", FT_ENUM, 0, 0, 0, ETHNICITY},
    {"first_language", FT_TEXT, FF_LINE, 0, 60, NULL},
    {"interpreter_needed", FT_BOOL, 0, 0, 0, NULL},
    {"religion", FT_TEXT, FF_LINE, 0, 60, NULL},
    {"disability", FT_BOOL, 0, 0, 0, NULL},
    {"send", FT_ENUM, 0, 0, 0, SEND},
    {"address", FT_TEXT, 0, 0, 300, NULL},
    {"postcode", FT_POSTCODE, 0, 0, 0, NULL},
    {"phone", FT_PHONE, 0, 0, 0, NULL},
    {"email", FT_EMAIL, 0, 0, 0, NULL},
    {"local_id", FT_IDENT, 0, 0, 40, NULL},
    {"upn", FT_UPN, 0, 0, 0, NULL},
    {"nhs_number", FT_NHS, 0, 0, 0, NULL},
    {"pnc_id", FT_PNC, 0, 0, 0, NULL},
    {"alerts", FT_LIST, 0, 0, 200, NULL},
    {"owner_team_id", FT_ID, FF_SERVER, 0, 0, NULL},
    /* The folded name (core/names.h) the duplicate check compares. */
    {"name_key", FT_TEXT, FF_SERVER, 0, 0, NULL},
};
const size_t PEOPLE_N_FIELDS = FIELDS_COUNT(PEOPLE_FIELDS);

#define COLUMNS                                                                \
	"given_name, family_name, preferred_name, date_of_birth, sex, gender," \
	" ethnicity, first_language, interpreter_needed, religion,"            \
	" disability, send, address, postcode, phone, email, local_id, upn,"   \
	" nhs_number, pnc_id, alerts, owner_team_id, name_key"

static const char get_sql[] =
    "SELECT id, version, " COLUMNS ", created_at, created_by, updated_at,"
    " updated_by, closed_at, closed_reason FROM people WHERE id = $1";

static const char insert_sql[] =
    "INSERT INTO people(" COLUMNS ", created_at, created_by) VALUES ($1,$2,"
    "$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,"
    "$22,$23,$24,$25) RETURNING id";

static const char update_sql[] =
    "UPDATE people SET given_name=$3, family_name=$4, preferred_name=$5,"
    " date_of_birth=$6, sex=$7, gender=$8, ethnicity=$9, first_language=$10,"
    " interpreter_needed=$11, religion=$12, disability=$13, send=$14,"
    " address=$15, postcode=$16, phone=$17, email=$18, local_id=$19,"
    " upn=$20, nhs_number=$21, pnc_id=$22, alerts=$23, owner_team_id=$24,"
    " name_key=$25, updated_at=$26, updated_by=$27, version = version + 1"
    " WHERE id = $1 AND version = $2 AND closed_at IS NULL";

static const char close_sql[] =
    "UPDATE people SET closed_at=$3, closed_reason=$4, closed_by=$5,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NULL";

static const char reopen_sql[] =
    "UPDATE people SET closed_at = NULL, closed_reason = NULL,"
    " closed_by = NULL, updated_at = $3, updated_by = $4,"
    " version = version + 1 WHERE id = $1 AND version = $2"
    " AND closed_at IS NOT NULL";

const struct record_sql PEOPLE_SQL = {
    "person",   PEOPLE_FIELDS, FIELDS_COUNT(PEOPLE_FIELDS), get_sql, insert_sql,
    update_sql, close_sql,
};

const struct record_reopen PEOPLE_REOPEN = {&PEOPLE_SQL, reopen_sql, NULL};

#define SUMMARY                                                                \
	"p.id, p.given_name, p.family_name, p.preferred_name,"                 \
	" p.date_of_birth, p.sex, p.postcode, p.closed_at"

int
store_people_search(struct db *db, const struct people_query *q, json_t **out,
                    struct err *e)
{
	static const char fts_sql[] =
	    "SELECT " SUMMARY " FROM people_fts f JOIN people p"
	    " ON p.id = f.rowid WHERE people_fts MATCH $1"
	    " AND ($2 IS NULL OR p.date_of_birth = $2)"
	    " AND ($3 IS NULL OR $3 IN (p.local_id, p.upn, p.nhs_number,"
	    " p.pnc_id)) AND ($4 OR p.closed_at IS NULL)"
	    " ORDER BY p.family_name, p.given_name, p.id LIMIT $5 OFFSET $6";
	static const char plain_sql[] =
	    "SELECT " SUMMARY " FROM people p"
	    " WHERE ($2 IS NULL OR p.date_of_birth = $2)"
	    " AND ($3 IS NULL OR p.local_id = $3 OR p.upn = $3"
	    " OR p.nhs_number = $3 OR p.pnc_id = $3)"
	    " AND ($4 OR p.closed_at IS NULL) AND $1 IS NULL"
	    " ORDER BY p.family_name, p.given_name, p.id LIMIT $5 OFFSET $6";
	struct db_stmt *s = db_prepare(db, q->fts ? fts_sql : plain_sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, q->fts);
	db_bind_text(s, 2, q->dob);
	db_bind_text(s, 3, q->identifier);
	db_bind_int(s, 4, q->include_closed);
	db_bind_int(s, 5, q->limit);
	db_bind_int(s, 6, q->offset);
	return record_rows(s, out, e);
}

int
store_people_duplicates(struct db *db, const json_t *rec, int64_t exclude_id,
                        json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT " SUMMARY " FROM people p WHERE p.id <> $1"
	    " AND p.closed_at IS NULL AND ("
	    " ($3 IS NOT NULL AND p.date_of_birth = $3 AND p.name_key = $2)"
	    " OR p.local_id = $4 OR p.upn = $5 OR p.nhs_number = $6"
	    " OR p.pnc_id = $7) ORDER BY p.id LIMIT 20";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, exclude_id);
	db_bind_json(s, 2, json_object_get(rec, "name_key"));
	db_bind_json(s, 3, json_object_get(rec, "date_of_birth"));
	db_bind_json(s, 4, json_object_get(rec, "local_id"));
	db_bind_json(s, 5, json_object_get(rec, "upn"));
	db_bind_json(s, 6, json_object_get(rec, "nhs_number"));
	db_bind_json(s, 7, json_object_get(rec, "pnc_id"));
	return record_rows(s, out, e);
}

/* One identifier column of row, normalised, into out; NULL stays NULL. */
static const char *
normal_id(const json_t *row, const char *column, char *out, size_t outlen)
{
	const char *v = json_string_value(json_object_get(row, column));
	if (!v)
		return NULL;
	int rc = strcmp(column, "pnc_id") == 0
	             ? norm_pnc_id(v, out, outlen)
	             : norm_identifier(v, out, outlen);
	return rc == 0 ? out : v;
}

int
store_people_normalise(struct db *db, struct err *e)
{
	static const char page_sql[] =
	    "SELECT id, given_name, family_name, local_id, upn, nhs_number,"
	    " pnc_id FROM people WHERE id > $1 ORDER BY id LIMIT 500";
	static const char normal_sql[] =
	    "UPDATE people SET name_key = $2, local_id = $3, upn = $4,"
	    " nhs_number = $5, pnc_id = $6 WHERE id = $1";
	static const char *const IDS[] = {"local_id", "upn", "nhs_number",
	                                  "pnc_id"};
	int64_t after = 0;
	for (;;) {
		json_t *rows = NULL;
		struct db_stmt *s = db_prepare(db, page_sql, e);
		if (!s)
			return e->code;
		db_bind_int(s, 1, after);
		int rc = record_rows(s, &rows, e);
		if (rc)
			return rc;
		size_t n = json_array_size(rows), i;
		json_t *row;
		json_array_foreach(rows, i, row)
		{
			char key[NAME_KEY_LEN], ids[4][64];
			after = json_integer_value(json_object_get(row, "id"));
			if (name_key(json_string_value(
			                 json_object_get(row, "given_name")),
			             json_string_value(
			                 json_object_get(row, "family_name")),
			             key, sizeof(key)) != 0)
				key[0] = '\0';
			s = db_prepare(db, normal_sql, e);
			if (!s) {
				json_decref(rows);
				return e->code;
			}
			db_bind_int(s, 1, after);
			db_bind_text(s, 2, key[0] ? key : NULL);
			for (int k = 0; k < 4; k++)
				db_bind_text(s, 3 + k,
				             normal_id(row, IDS[k], ids[k],
				                       sizeof(ids[k])));
			rc = db_step(s, e);
			db_done(s);
			if (rc < 0) {
				json_decref(rows);
				return rc;
			}
		}
		json_decref(rows);
		if (n < 500)
			return 0;
	}
}

int
store_people_count(struct db *db, int64_t *n, struct err *e)
{
	static const char sql[] = "SELECT COUNT(*) FROM people";
	*n = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*n = db_col_int(s, 0);
	db_done(s);
	return rc < 0 ? rc : 0;
}
