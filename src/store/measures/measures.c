/*
 * measures.c - the SQL behind the youth justice measures (see measures.h).
 *
 * Each query returns the same eight leading columns - person_id,
 * record_id, team_id, date, date2, date_of_birth, sex, ethnicity - and
 * then its own values. The queries select facts; what they add up to is
 * decided in src/service/measure_*.c. Not for writes.
 */
#include "store/measures/measures.h"

#include "store/db_backend.h"
#include "store/measures/measures_sql.h"
#include "store/measures/measures_texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEAD_COLUMNS 8

/* The texts in the store's dialect (measures_texts.h). */
static const struct measures_texts *
texts(struct db *db)
{
	const struct db_dialect *d = db_dialect(db);
	return d && d->measures ? d->measures : &MEASURES_TEXTS_SQLITE;
}

/* The queries whose facts are kept in measures_facts; the others are
 * always computed from the records. */
static int
summarised(enum store_measure_query q)
{
	return (q != SMQ_BOARD && q < SMQ_PARENTS_WORKED) ||
	       q == SMQ_PARENT_ENGAGEMENT || q >= SMQ_RELEASES;
}

/* From the summary: the same facts, in (day, record) order, with only
 * the values the kind uses (every result column costs on each row):
 * date2 only for the reoffending cohort (its follow-up's end), NULL for
 * the others, whose date2 no measure reads. */
#define FACTS_SELECT(d2, vs)                                                   \
	"SELECT person_id, record_id, team_id, day, " d2 ", dob, sex,"         \
	" ethnicity" vs " FROM measures_facts WHERE kind = $3 AND day"         \
	" BETWEEN $1 AND $2 ORDER BY day, record_id"
static const char facts0_sql[] = FACTS_SELECT("NULL", "");
static const char facts1_sql[] = FACTS_SELECT("NULL", ", v0");
static const char facts1d_sql[] = FACTS_SELECT("date2", ", v0");
static const char facts2_sql[] = FACTS_SELECT("NULL", ", v0, v1");
static const char facts4_sql[] = FACTS_SELECT("NULL", ", v0, v1, v2, v3");
static const char facts6_sql[] =
    FACTS_SELECT("NULL", ", v0, v1, v2, v3, v4, v5");
/* The parents-seen facts: three kinds, one per point (measures_seen_sql.h). */
static const char seen_facts_sql[] =
    "SELECT person_id, record_id, team_id, day, date2, dob, sex, ethnicity,"
    " v0, v1, v2, v3, v4 FROM measures_facts WHERE kind IN (CAST($3 AS"
    " BIGINT), CAST($3 AS BIGINT) + 1, CAST($3 AS BIGINT) + 2) AND day"
    " BETWEEN $1 AND $2 ORDER BY day, record_id, kind, person_id";
/* The parent-engagement spans (kinds 20 and 21, measures_family_sql.h),
 * cut to the range as Q_PARENT_ENGAGEMENT does: those begun by its last
 * day and not ended before its first, dated on their first day in it.
 * In no order (two ranges of the key; the service sorts them:
 * measure_def.unordered), which spares the database a sort. */
static const char engaged_facts_sql[] =
    "SELECT person_id, record_id, team_id, CASE WHEN day < $1 THEN $1 ELSE"
    " day END, date2, dob, sex, ethnicity, v0 FROM measures_facts WHERE"
    " kind BETWEEN CAST($3 AS BIGINT) AND CAST($3 AS BIGINT) + 1 AND day"
    " <= $2 AND (date2 IS NULL OR date2 >= $1)";
static const char facts18_sql[] = FACTS_SELECT(
    "NULL", ", v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13,"
            " v14, v15, v16, v17");

/* How many of v0..v17 each kind of fact uses. */
static const int FACT_NV[SMQ_N] = {
    [SMQ_FIRST_ENTRIES] = 1,   [SMQ_REOFFENDING] = 1,
    [SMQ_CUSTODY] = 1,         [SMQ_ARRESTS] = 0,
    [SMQ_COURT] = 1,           [SMQ_INTERVENTIONS] = 18,
    [SMQ_PROVEN_OFFENCES] = 1, [SMQ_VICTIMS] = 6,
    [SMQ_BOARD] = 3,           [SMQ_RISK] = 1,
    [SMQ_RELEASES] = 18,       [SMQ_DISPOSALS] = 4,
    [SMQ_STARTED] = 4,         [SMQ_OFFENCE_OUTCOMES] = 2,
    [SMQ_PARENTS_SEEN] = 5,    [SMQ_PARENT_ENGAGEMENT] = 1,
};

/* The summary's first kind of a query's facts: its own number, but for
 * parent-engagement's (20 and 21: numbers 11 and 12 were the unsummarised
 * queries', and 18 and 19 are parents-seen's). */
#define MK_ENGAGED_CASE_N 20

_Static_assert(SMQ_FIRST_ENTRIES == 0 && SMQ_REOFFENDING == 1 &&
                   SMQ_CUSTODY == 2 && SMQ_ARRESTS == 3 && SMQ_COURT == 4 &&
                   SMQ_INTERVENTIONS == 5 && SMQ_PROVEN_OFFENCES == 6 &&
                   SMQ_VICTIMS == 7 && SMQ_RISK == 9 && SMQ_RELEASES == 13 &&
                   SMQ_DISPOSALS == 14 && SMQ_STARTED == 15 &&
                   SMQ_OFFENCE_OUTCOMES == 16 && SMQ_PARENTS_SEEN == 17 &&
                   SMQ_N == 18,
               "fact kinds are numbered as in measures_sql.h");

static int scan(struct db *db, const char *sql, int kind, int nv,
                const char *from, const char *to, store_measure_fn fn,
                void *arg, struct err *e);

int
store_measures_scan(struct db *db, enum store_measure_query q, const char *from,
                    const char *to, int from_records, store_measure_fn fn,
                    void *arg, struct err *e)
{
	if ((int)q < 0 || q >= SMQ_N)
		return err_set(e, SPIRE_EINVAL, NULL, "no such measure query");
	int summary = !from_records && summarised(q);
	const char *sql = texts(db)->record[q];
	if (summary && q == SMQ_PARENTS_SEEN)
		sql = seen_facts_sql;
	else if (summary && q == SMQ_PARENT_ENGAGEMENT)
		sql = engaged_facts_sql;
	else if (summary)
		sql = q == SMQ_REOFFENDING ? facts1d_sql
		      : FACT_NV[q] == 0    ? facts0_sql
		      : FACT_NV[q] == 1    ? facts1_sql
		      : FACT_NV[q] == 2    ? facts2_sql
		      : FACT_NV[q] == 4    ? facts4_sql
		      : FACT_NV[q] == 6    ? facts6_sql
		                           : facts18_sql;
	const struct measures_texts *t = texts(db);
	if (summary && t->before_scan && *t->before_scan &&
	    db_exec(db, t->before_scan, e) != 0)
		return e->code;
	int kind = !summary                     ? -1
	           : q == SMQ_PARENT_ENGAGEMENT ? MK_ENGAGED_CASE_N
	                                        : (int)q;
	int rc = scan(db, sql, kind, summary ? FACT_NV[q] : -1, from, to, fn,
	              arg, e);
	if (summary && t->after_scan && *t->after_scan) {
		struct err e2;
		err_clear(&e2);
		if (db_exec(db, t->after_scan, &e2) != 0 && rc == 0) {
			*e = e2;
			rc = e->code;
		}
	}
	return rc;
}

/* Run sql ($1..$2 the dates; $3 the kind when kind >= 0, whose facts have
 * nv values) and hand each row to fn (store_measures_scan). */
static int
scan(struct db *db, const char *sql, int kind, int nv, const char *from,
     const char *to, store_measure_fn fn, void *arg, struct err *e)
{
	int summary = kind >= 0;
	struct db_stmt *s = db_prepare_rows(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	if (summary)
		db_bind_int(s, 3, kind);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct store_measure_row r;
		int n = summary ? nv : db_column_count(s) - LEAD_COLUMNS;
		if (n < 0 || n > STORE_MEASURE_NV) {
			rc = err_set(e, SPIRE_EDB, NULL, "bad measure query");
			break;
		}
		r.person_id = db_col_int(s, 0);
		r.record_id = db_col_int(s, 1);
		r.team_id = db_col_int(s, 2);
		r.date = db_col_text(s, 3);
		r.date2 = db_col_text(s, 4);
		r.dob = db_col_text(s, 5);
		r.sex = db_col_text(s, 6);
		r.ethnicity = db_col_text(s, 7);
		r.nv = n;
		for (int i = 0; i < n; i++)
			r.v[i] =
			    db_column_type(s, LEAD_COLUMNS + i) == DB_T_NULL
			        ? STORE_MEASURE_NULL
			        : db_col_int(s, LEAD_COLUMNS + i);
		if (!r.date)
			continue;
		if ((rc = fn(arg, &r, e)) != 0)
			break;
	}
	db_done(s);
	return rc < 0 || rc > DB_ROW ? rc : 0;
}

int
store_measures_bulk_end(struct db *db, struct err *e)
{
	return db_exec(db, texts(db)->rebuild, e);
}

int
store_measures_rebuild(struct db *db, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = store_measures_bulk_end(db, e)) != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

int
store_measures_bulk_begin(struct db *db, struct err *e)
{
	return db_exec(db,
	               "DELETE FROM measures_bulk;"
	               "INSERT INTO measures_bulk(active) VALUES (1)",
	               e);
}

int
store_measures_compare(struct db *db, int64_t *missing, int64_t *extra,
                       struct err *e)
{
	struct db_stmt *s = db_prepare(db, texts(db)->compare, e);
	if (!s)
		return e->code;
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*missing = db_col_int(s, 0);
		*extra = db_col_int(s, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_EDB, NULL, "no comparison");
	}
	db_done(s);
	return rc;
}

int
store_measures_teams(struct db *db, struct store_measure_team **out, int *n,
                     struct err *e)
{
	static const char sql[] =
	    "SELECT id, service_id, name FROM teams ORDER BY id";
	*out = NULL;
	*n = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	struct store_measure_team *v = NULL;
	int len = 0, cap = 0, rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (len == cap) {
			int ncap = cap ? cap * 2 : 16;
			if (ncap > 100000) {
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "too many teams");
				break;
			}
			void *p = realloc(v, (size_t)ncap * sizeof(*v));
			if (!p) {
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
				break;
			}
			v = p;
			cap = ncap;
		}
		v[len].id = db_col_int(s, 0);
		v[len].service_id = db_col_int(s, 1);
		const char *name = db_col_text(s, 2);
		snprintf(v[len].name, sizeof(v[len].name), "%s",
		         name ? name : "");
		len++;
	}
	db_done(s);
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return 0;
}

int
store_measures_person(struct db *db, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] =
	    "SELECT id, given_name, family_name, date_of_birth FROM people"
	    " WHERE id = $1";
	*out = NULL;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*out = db_row_json(s);
		rc = *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	} else if (rc == DB_DONE) {
		rc = err_set(e, SPIRE_ENOTFOUND, NULL, "no such person");
	}
	db_done(s);
	return rc;
}

/* ---- form responses (the whole-family measures) ---- */

/* A response's subject, not entered in error; $1.. as each query binds. */
#define RESPONSE_SELECT                                                        \
	"SELECT k.id, COALESCE(k.person_id, 0), COALESCE(k.family_id, 0),"     \
	" COALESCE(k.case_id, 0), COALESCE(c.team_id, 0), k.form_version,"     \
	" k.authored, p.date_of_birth, p.sex, p.ethnicity, "
#define RESPONSE_FROM                                                          \
	" FROM form_responses k LEFT JOIN cases c ON c.id = k.case_id LEFT"    \
	" JOIN people p ON p.id = k.person_id WHERE k.status = 'completed'"    \
	" AND k.closed_at IS NULL AND k.superseded_by IS NULL AND (p.id IS"    \
	" NULL OR NOT " EIE("p") ") AND (c.id IS NULL OR NOT " EIE("c") ")"

static int
response_rows(struct db_stmt *s, store_measure_response_fn fn, void *arg,
              struct err *e)
{
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct store_measure_response r = {
		    .id = db_col_int(s, 0),
		    .person_id = db_col_int(s, 1),
		    .family_id = db_col_int(s, 2),
		    .case_id = db_col_int(s, 3),
		    .team_id = db_col_int(s, 4),
		    .form_version = db_col_int(s, 5),
		    .authored = db_col_text(s, 6),
		    .dob = db_col_text(s, 7),
		    .sex = db_col_text(s, 8),
		    .ethnicity = db_col_text(s, 9),
		    .document = db_col_text(s, 10),
		};
		if (!r.authored)
			continue;
		if ((rc = fn(arg, &r, e)) != 0)
			break;
	}
	db_done(s);
	return rc < 0 || rc > DB_ROW ? rc : 0;
}

int
store_measures_responses(struct db *db, const char *form_id, const char *to,
                         store_measure_response_fn fn, void *arg, struct err *e)
{
	static const char sql[] = RESPONSE_SELECT
	    "k.document" RESPONSE_FROM
	    " AND k.form_id = $1 AND k.authored <= $2 ORDER BY"
	    " COALESCE(k.person_id, 0), COALESCE(k.family_id, 0), k.authored,"
	    " k.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, form_id);
	db_bind_text(s, 2, to);
	return response_rows(s, fn, arg, e);
}

int
store_measures_response_subject(struct db *db, int64_t id,
                                store_measure_response_fn fn, void *arg,
                                struct err *e)
{
	static const char sql[] =
	    RESPONSE_SELECT "NULL" RESPONSE_FROM " AND k.id = $1";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	return response_rows(s, fn, arg, e);
}

int
store_measures_step_ups(struct db *db, const char *from, const char *to,
                        store_measure_response_fn fn, void *arg, struct err *e)
{
	static const char sql[] =
	    "SELECT d.id, 0, d.family_id, 0, 0, 0, d.decision_date, NULL, NULL,"
	    " NULL, NULL FROM steps_decisions d WHERE d.closed_at IS NULL AND"
	    " d.decision IN ('step_up_social_care',"
	    " 'step_up_targeted_early_help') AND d.decision_date BETWEEN $1 AND"
	    " $2 ORDER BY d.decision_date, d.id";
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	return response_rows(s, fn, arg, e);
}
