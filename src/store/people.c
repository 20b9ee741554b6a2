/*
 * people.c - person records.
 */
#include "store/people.h"
#include "store/db_backend.h"

#include "core/vocab_casework.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/validate.h"

/* The 2021 census's 19 ethnic groups, prefixed with their high-level group,
 * plus the two "not given" answers. */
const struct field PEOPLE_FIELDS[] = {
    {"given_name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 100, NULL, NULL},
    {"family_name", FT_TEXT, FF_REQUIRED | FF_LINE, 0, 100, NULL, NULL},
    {"preferred_name", FT_TEXT, FF_LINE, 0, 100, NULL, NULL},
    {"date_of_birth", FT_DATE, 0, 0, 0, NULL, NULL},
    {"sex", FT_ENUM, 0, 0, 0, &VOCAB_SEX, NULL},
    {"gender", FT_TEXT, FF_LINE, 0, 60, NULL, NULL},
    {"ethnicity", FT_ENUM, 0, 0, 0, &VOCAB_ETHNICITY, NULL},
    {"first_language", FT_TEXT, FF_LINE, 0, 60, NULL, NULL},
    {"interpreter_needed", FT_BOOL, 0, 0, 0, NULL,
     "the person needs an interpreter"},
    {"religion", FT_TEXT, FF_LINE, 0, 60, NULL, NULL},
    {"disability", FT_BOOL, 0, 0, 0, NULL, "the person has a disability"},
    {"send", FT_ENUM, 0, 0, 0, &VOCAB_SEND,
     "special educational needs or disability (SEND)"},
    {"address", FT_TEXT, 0, 0, 300, NULL, NULL},
    {"postcode", FT_POSTCODE, 0, 0, 0, NULL, NULL},
    {"phone", FT_PHONE, 0, 0, 0, NULL, NULL},
    {"email", FT_EMAIL, 0, 0, 0, NULL, NULL},
    {"local_id", FT_IDENT, 0, 0, 40, NULL, NULL},
    {"upn", FT_UPN, 0, 0, 0, NULL, NULL},
    {"nhs_number", FT_NHS, 0, 0, 0, NULL, NULL},
    {"pnc_id", FT_PNC, 0, 0, 0, NULL, NULL},
    {"alerts", FT_LIST, 0, 0, 200, NULL, NULL},
    {"owner_team_id", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    /* The folded name (core/names.h) the duplicate check compares. */
    {"name_key", FT_TEXT, FF_SERVER, 0, 0, NULL, NULL},
    /* The folded words the name search finds (core/names.h name_words;
     * each store's text index is over this column: migration 21). */
    {"name_words", FT_TEXT, FF_SERVER, 0, 0, NULL, NULL},
};
const size_t PEOPLE_N_FIELDS = FIELDS_COUNT(PEOPLE_FIELDS);

struct record_table PEOPLE_TABLE = {
    .type = "person",
    .table = "people",
    .fields = PEOPLE_FIELDS,
    .n_fields = FIELDS_COUNT(PEOPLE_FIELDS),
    .flags = RT_REOPEN | RT_NO_CLOSED_BY,
};

#define SUMMARY                                                                \
	"p.id, p.given_name, p.family_name, p.preferred_name,"                 \
	" p.date_of_birth, p.sex, p.postcode, p.closed_at"

int
store_people_search(struct db *db, const struct people_query *q, json_t **out,
                    struct err *e)
{
	/* A name query is the backend's own text search (SQLite's FTS5),
	 * with the same parameters and columns as plain_sql. */
	static const char plain_sql[] =
	    "SELECT " SUMMARY " FROM people p"
	    " WHERE ($2 IS NULL OR p.date_of_birth = $2)"
	    " AND ($3 IS NULL OR p.local_id = $3 OR p.upn = $3"
	    " OR p.nhs_number = $3 OR p.pnc_id = $3)"
	    " AND ($4 OR p.closed_at IS NULL) AND $1 IS NULL"
	    " ORDER BY p.family_name, p.given_name, p.id LIMIT $5 OFFSET $6";
	struct db_stmt *s = db_prepare(
	    db, q->fts ? db_dialect(db)->people_name_search : plain_sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, q->fts);
	db_bind_text(s, 2, q->dob);
	db_bind_text(s, 3, q->identifier);
	db_bind_bool(s, 4, q->include_closed);
	db_bind_int(s, 5, q->limit);
	db_bind_int(s, 6, q->offset);
	return record_rows(s, out, e);
}

int
store_people_duplicates(struct db *db, const json_t *rec, int64_t exclude_id,
                        json_t **out, struct err *e)
{
	/* Everyone born that day (a few in a hundred thousand) with their
	 * name key, for the service to compare names by distance, and anyone
	 * with the same identifier. */
	static const char sql[] =
	    "SELECT " SUMMARY ", p.name_key,"
	    " CASE WHEN p.local_id = $3 OR p.upn = $4 OR p.nhs_number = $5"
	    " OR p.pnc_id = $6 THEN 1 ELSE 0 END AS same_identifier"
	    " FROM people p WHERE p.id <> $1"
	    " AND p.closed_at IS NULL AND ("
	    " ($2 IS NOT NULL AND p.date_of_birth = $2)"
	    " OR p.local_id = $3 OR p.upn = $4 OR p.nhs_number = $5"
	    " OR p.pnc_id = $6) ORDER BY p.id LIMIT 200";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, exclude_id);
	db_bind_json(s, 2, json_object_get(rec, "date_of_birth"));
	db_bind_json(s, 3, json_object_get(rec, "local_id"));
	db_bind_json(s, 4, json_object_get(rec, "upn"));
	db_bind_json(s, 5, json_object_get(rec, "nhs_number"));
	db_bind_json(s, 6, json_object_get(rec, "pnc_id"));
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

/* How many people each_person reads at a time. */
#define PEOPLE_PAGE 500
#define PEOPLE_PAGE_TEXT "500"

/* One row of each_person's pages: 0, or an error code (e set). */
typedef int (*person_row_fn)(struct db *db, const json_t *row, struct err *e);

/*
 * Call fn for every person, in id order, a page of PEOPLE_PAGE rows at a
 * time: page_sql selects the columns fn reads (with id) of the people
 * whose id is above $1, ORDER BY id LIMIT PEOPLE_PAGE. Stops at fn's
 * first error. The migrations that rewrite every person's derived
 * columns (6 normalising, 21 refolding) walk the table with it.
 */
static int
each_person(struct db *db, const char *page_sql, person_row_fn fn,
            struct err *e)
{
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
			after = json_integer_value(json_object_get(row, "id"));
			rc = fn(db, row, e);
			if (rc)
				break;
		}
		json_decref(rows);
		if (rc)
			return rc;
		if (n < PEOPLE_PAGE)
			return 0;
	}
}

/* Run sql ($1 the row's id, then the texts) once. */
static int
update_person(struct db *db, const char *sql, int64_t id,
              const char *const *texts, int n, struct err *e)
{
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	for (int k = 0; k < n; k++)
		db_bind_text(s, 2 + k, texts[k]);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Migration 6: the name key and the identifiers as they are matched. */
static int
normalise_row(struct db *db, const json_t *row, struct err *e)
{
	static const char normal_sql[] =
	    "UPDATE people SET name_key = $2, local_id = $3, upn = $4,"
	    " nhs_number = $5, pnc_id = $6 WHERE id = $1";
	static const char *const IDS[] = {"local_id", "upn", "nhs_number",
	                                  "pnc_id"};
	char key[NAME_KEY_LEN], ids[4][64];
	if (name_key(json_string_value(json_object_get(row, "given_name")),
	             json_string_value(json_object_get(row, "family_name")),
	             key, sizeof(key)) != 0)
		key[0] = '\0';
	const char *texts[5] = {key[0] ? key : NULL};
	for (int k = 0; k < 4; k++)
		texts[1 + k] = normal_id(row, IDS[k], ids[k], sizeof(ids[k]));
	return update_person(db, normal_sql,
	                     json_integer_value(json_object_get(row, "id")),
	                     texts, 5, e);
}

int
store_people_normalise(struct db *db, struct err *e)
{
	static const char page_sql[] =
	    "SELECT id, given_name, family_name, local_id, upn, nhs_number,"
	    " pnc_id FROM people WHERE id > $1 ORDER BY id"
	    " LIMIT " PEOPLE_PAGE_TEXT;
	return each_person(db, page_sql, normalise_row, e);
}

/*
 * Migration 21's fill: every person's name key and search words, folded
 * anew in C (core/names.c) a page at a time into the temporary table
 * people_refold (REFOLD_ROWS to an INSERT), then written by one UPDATE
 * ... FROM (SQLite 3.33 and later, PostgreSQL). One UPDATE per person
 * cost a round trip each on PostgreSQL (1,545 s for the authority's
 * 559,730 people: bench/README.md, issue 11 section 2, sessions 22 and
 * 23); the rows written are the same (tests/store/refold_names).
 */
struct refold_page {
	int n;
	int64_t id[PEOPLE_PAGE];
	bool has_key[PEOPLE_PAGE];
	char key[PEOPLE_PAGE][NAME_KEY_LEN];
	char words[PEOPLE_PAGE][NAME_WORDS_LEN];
};

/* Rows of one INSERT into people_refold: three parameters each, within
 * the backends' DB_MAX_PARAMS. */
#define REFOLD_ROWS (DB_MAX_PARAMS / 3)

/* The insert of n (at most REFOLD_ROWS) rows into people_refold:
 * "VALUES ($1, $2, $3), ($4, $5, $6), ..." */
static void
refold_insert_sql(int n, char *out, size_t outlen)
{
	size_t at = (size_t)snprintf(
	    out, outlen,
	    "INSERT INTO people_refold(id, name_key, name_words) VALUES");
	for (int i = 0; i < n && at < outlen; i++)
		at += (size_t)snprintf(out + at, outlen - at,
		                       "%s($%d, $%d, $%d)", i ? ", " : " ",
		                       3 * i + 1, 3 * i + 2, 3 * i + 3);
}

/* Read the page of people whose id is above after into p, folded. */
static int
refold_read(struct db *db, int64_t after, struct refold_page *p, struct err *e)
{
	static const char page_sql[] =
	    "SELECT id, given_name, family_name, preferred_name FROM people"
	    " WHERE id > $1 ORDER BY id LIMIT " PEOPLE_PAGE_TEXT;
	struct db_stmt *s = db_prepare(db, page_sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, after);
	int rc = 0;
	p->n = 0;
	while (p->n < PEOPLE_PAGE && (rc = db_step(s, e)) == DB_ROW) {
		int i = p->n++;
		const char *given = db_col_text(s, 1);
		const char *family = db_col_text(s, 2);
		p->id[i] = db_col_int(s, 0);
		p->has_key[i] =
		    name_key(given, family, p->key[i], NAME_KEY_LEN) == 0 &&
		    p->key[i][0];
		if (name_words(given, family, db_col_text(s, 3), p->words[i],
		               NAME_WORDS_LEN) != 0)
			p->words[i][0] = '\0';
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Write p's rows into people_refold, REFOLD_ROWS to an INSERT. */
static int
refold_write(struct db *db, const struct refold_page *p, struct err *e)
{
	/* "($61, $62, $63), " at most 18 bytes a row. */
	char sql[96 + 18 * REFOLD_ROWS];
	for (int at = 0; at < p->n; at += REFOLD_ROWS) {
		int n = p->n - at < REFOLD_ROWS ? p->n - at : REFOLD_ROWS;
		refold_insert_sql(n, sql, sizeof(sql));
		struct db_stmt *s = db_prepare(db, sql, e);
		if (!s)
			return e->code;
		for (int i = 0; i < n; i++) {
			int r = at + i;
			db_bind_int(s, 3 * i + 1, p->id[r]);
			db_bind_text(s, 3 * i + 2,
			             p->has_key[r] ? p->key[r] : NULL);
			db_bind_text(s, 3 * i + 3, p->words[r]);
		}
		int rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int
store_people_refold(struct db *db, struct err *e)
{
	static const char update_sql[] =
	    "UPDATE people SET name_key = r.name_key, name_words = r.name_words"
	    " FROM people_refold AS r WHERE people.id = r.id";
	struct refold_page *p = malloc(sizeof(*p));
	int rc = 0;
	if (!p) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	if ((rc = db_exec(db, db_dialect(db)->people_refold_table, e)) != 0)
		goto out;
	int64_t after = 0;
	do {
		if ((rc = refold_read(db, after, p, e)) != 0)
			goto out;
		if (p->n == 0)
			break;
		if ((rc = refold_write(db, p, e)) != 0)
			goto out;
		after = p->id[p->n - 1];
	} while (p->n == PEOPLE_PAGE);
	struct db_stmt *s = db_prepare(db, update_sql, e);
	if (!s) {
		rc = e->code;
		goto out;
	}
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		goto out;
	rc = db_exec(db, "DROP TABLE people_refold", e);
out:
	free(p);
	return rc;
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
