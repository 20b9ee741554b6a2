/*
 * test_measures.c - the youth justice measures on small hand-made case
 * histories, built in a temporary SQLite file with the real migrations.
 * Each case's expected figure is worked out by hand in the comments next
 * to the rows that produce it.
 */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "service/measures/measures.h"
#include "service/measures/measures_int.h"
#include "store/db.h"
#include "store/schema.h"

struct fx {
	char dir[64], path[96], pop_path[96];
	struct db *db;
	struct population pop;
};

static struct fx F;

/* A fresh database with one youth justice team (id 1), and a population
 * of 100 children for every age 10-17 x sex x ethnic group in 2021/22
 * (8,000 in all; 1,600 in each ethnic group; 4,000 of each sex). */
static int
setup(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	snprintf(F.dir, sizeof(F.dir), "/tmp/spire-measures-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/m.db", F.dir);
	snprintf(F.pop_path, sizeof(F.pop_path), "%s/pop.csv", F.dir);
	assert_int_equal(db_open(F.path, DB_OPEN_CREATE, &F.db, &e), 0);
	assert_int_equal(schema_migrate(F.db, &e), 0);
	assert_int_equal(
	    db_exec(F.db,
	            "INSERT INTO teams(service_id, name, created_at) VALUES"
	            " (1, 'YJ North', '2020-01-01'),"
	            " (2, '=HYPERLINK(\"x\")', '2020-01-01')",
	            &e),
	    0);
	FILE *f = fopen(F.pop_path, "w");
	assert_non_null(f);
	fprintf(f, "year,age,sex,ethnic_group,population\n");
	static const char *const G[] = {"white", "black", "asian", "mixed",
	                                "other"};
	for (int age = 10; age <= 17; age++)
		for (int s = 0; s < 2; s++)
			for (int g = 0; g < 5; g++)
				fprintf(f, "2021,%d,%s,%s,100\n", age,
				        s ? "male" : "female", G[g]);
	fclose(f);
	assert_int_equal(population_load(&F.pop, F.pop_path, &e), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(F.db);
	population_release(&F.pop);
	char p[128];
	unlink(F.path);
	snprintf(p, sizeof(p), "%s-wal", F.path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", F.path);
	unlink(p);
	unlink(F.pop_path);
	rmdir(F.dir);
	return 0;
}

/* ---- fixture rows ---- */

static int64_t
last_id(void)
{
	static const char sql[] = "SELECT last_insert_rowid()";
	struct err e;
	struct db_stmt *s = db_prepare(F.db, sql, &e);
	assert_non_null(s);
	assert_int_equal(db_step(s, &e), DB_ROW);
	int64_t id = db_col_int(s, 0);
	db_done(s);
	return id;
}

static void
run_sql(const char *sql, const char *const *text, const int64_t *ints, int n)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(F.db, sql, &e);
	assert_non_null(s);
	for (int i = 0; i < n; i++) {
		if (text && text[i])
			db_bind_text(s, i + 1, text[i]);
		else if (ints && ints[i] != INT64_MIN)
			db_bind_int(s, i + 1, ints[i]);
		else
			db_bind_null(s, i + 1);
	}
	int rc = db_step(s, &e);
	if (rc != DB_DONE)
		fprintf(stderr, "fixture: %s\n", e.message);
	assert_int_equal(rc, DB_DONE);
	db_done(s);
}

/* A child with a youth justice case; the case has the same id as the
 * person (one case per person, created together). */
static int64_t
child_in(const char *dob, const char *sex, const char *eth, int64_t team)
{
	static const char p_sql[] =
	    "INSERT INTO people(given_name, family_name, date_of_birth, sex,"
	    " ethnicity, created_at) VALUES ('Test', 'Child', $1, $2, $3,"
	    " '2020-01-01')";
	static const char c_sql[] =
	    "INSERT INTO cases(person_id, service_id, team_id, start_date,"
	    " created_at) VALUES ($1, 1, $2, '2020-01-01', '2020-01-01')";
	const char *t[] = {dob, sex, eth};
	run_sql(p_sql, t, NULL, 3);
	int64_t id = last_id();
	int64_t v[] = {id, team};
	run_sql(c_sql, NULL, v, 2);
	assert_int_equal(last_id(), id);
	return id;
}

static int64_t
child(const char *dob, const char *eth)
{
	return child_in(dob, "male", eth, 1);
}

static int64_t
offence_arrested(int64_t pid, const char *date, const char *arrest,
                 const char *category, int gravity)
{
	static const char sql[] =
	    "INSERT INTO yj_offences(person_id, case_id, offence_date,"
	    " arrest_date, description, category, gravity, created_at) VALUES"
	    " ($1, $1, $2, $3, 'Fixture', $4, $5, '2020-01-01')";
	const char *t[] = {NULL, date, arrest, category, NULL};
	int64_t v[] = {pid, INT64_MIN, INT64_MIN, INT64_MIN, gravity};
	run_sql(sql, t, v, 5);
	return last_id();
}

static int64_t
offence(int64_t pid, const char *date, const char *category, int gravity)
{
	return offence_arrested(pid, date, NULL, category, gravity);
}

struct oc {
	const char *type, *date, *start, *end, *end_reason, *release;
	int transferred_in;
};

static int64_t
outcome_full(int64_t pid, struct oc o)
{
	static const char sql[] =
	    "INSERT INTO yj_outcomes(person_id, case_id, outcome_type,"
	    " outcome_date, start_date, end_date, end_reason, release_date,"
	    " transferred_in, transferred_from, transferred_to, created_at)"
	    " VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 1"
	    " THEN 'Elsewhere YJS' END, CASE WHEN $6 = 'transferred_out' THEN"
	    " 'Elsewhere YJS' END, '2020-01-01')";
	const char *t[] = {NULL,  o.type,       o.date,    o.start,
	                   o.end, o.end_reason, o.release, NULL};
	int64_t v[] = {pid,       INT64_MIN, INT64_MIN, INT64_MIN,
	               INT64_MIN, INT64_MIN, INT64_MIN, o.transferred_in};
	run_sql(sql, t, v, 8);
	return last_id();
}

static int64_t
outcome(int64_t pid, const char *type, const char *date)
{
	return outcome_full(pid,
	                    (struct oc){type, date, NULL, NULL, NULL, NULL, 0});
}

static void
link_oo(int64_t outcome_id, int64_t offence_id)
{
	static const char sql[] =
	    "INSERT INTO yj_outcome_offences(outcome_id, offence_id, added_at)"
	    " VALUES ($1, $2, '2020-01-01')";
	int64_t v[] = {outcome_id, offence_id};
	run_sql(sql, NULL, v, 2);
}

/* An offence on date proven by a substantive outcome on proven. */
static void
proven(int64_t pid, const char *date, const char *category,
       const char *proven_on)
{
	int64_t f = offence(pid, date, category, 3);
	link_oo(outcome(pid, "referral_order", proven_on), f);
}

static void
close_outcome(int64_t id)
{
	static const char sql[] =
	    "UPDATE yj_outcomes SET closed_at = '2022-01-01', closed_reason ="
	    " 'entered in error' WHERE id = $1";
	int64_t v[] = {id};
	run_sql(sql, NULL, v, 1);
}

/* An end (or start) KPI snapshot; INT64_MIN = not recorded. */
enum {
	K_ACC,
	K_ETE,
	K_ETE_ATT,
	K_SEND,
	K_MH_NEED,
	K_MH_OFF,
	K_MH_ATT,
	K_SM_NEED,
	K_EH,
	K_CIN,
	K_N
};
#define NR INT64_MIN

static void
snapshot(int64_t pid, int64_t oid, const char *point, const char *plan,
         const int64_t k[K_N])
{
	static const char sql[] =
	    "INSERT INTO yj_kpi_snapshots(person_id, case_id, outcome_id,"
	    " point, measured_on, learning_plan, accommodation_suitable,"
	    " ete_suitable, ete_attending, send_identified,"
	    " mental_health_need, mental_health_offered,"
	    " mental_health_attending, substance_misuse_need, early_help,"
	    " child_in_need, created_at) VALUES ($1, $1, $2, $3, '2021-06-01',"
	    " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '2020-01-01')";
	const char *t[14] = {NULL, NULL, point, plan};
	int64_t v[14] = {pid, oid, NR, NR};
	for (int i = 0; i < K_N; i++)
		v[4 + i] = k[i];
	run_sql(sql, t, v, 14);
}

/* ---- running a measure ---- */

static json_t *
measure(const char *name, const char *from, const char *to, const char *by,
        const char *as_of, int suppress)
{
	struct err e;
	err_clear(&e);
	struct measure_query q;
	const struct measure_def *def = measure_find(name);
	assert_non_null(def);
	assert_int_equal(
	    measure_query_parse(&q, def, from, to, by, NULL, as_of, &e), 0);
	if (!q.as_of)
		q.as_of = "2030-01-01";
	q.suppress = suppress;
	json_t *r = NULL;
	int rc = measures_compute(F.db, &q, &F.pop, &r, &e);
	if (rc)
		fprintf(stderr, "measure %s: %s\n", name, e.message);
	assert_int_equal(rc, 0);
	return r;
}

static int64_t
jint(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	if (json_is_null(v))
		return -1;
	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

static double
jnum(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	if (json_is_null(v))
		return -1;
	assert_true(json_is_number(v));
	return json_number_value(v);
}

static const json_t *
group(const json_t *r, const char *name)
{
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(r, "groups"), i, g)
	{
		if (!strcmp(json_string_value(json_object_get(g, "group")),
		            name))
			return g;
	}
	fail_msg("no group %s", name);
	return NULL;
}

static const json_t *
period(const json_t *r, size_t i)
{
	const json_t *p = json_array_get(json_object_get(r, "periods"), i);
	assert_non_null(p);
	return p;
}

/* ---- first-time entrants ---- */

static void
test_fte(void **state)
{
	(void)state;
	/* A: 12 at a caution in Q1 -> entrant (white). */
	outcome(child("2008-06-01", "white_british"), "youth_caution",
	        "2021-05-10");
	/* B: one day before the 10th birthday -> too young. */
	outcome(child("2011-09-01", "white_british"), "youth_caution",
	        "2021-08-31");
	/* C: on the 10th birthday -> entrant, Q2 (white). */
	outcome(child("2011-09-01", "white_other"), "youth_caution",
	        "2021-09-01");
	/* D1: on the 18th birthday -> too old; D2: the day before -> entrant,
	 * Q3 (black). */
	outcome(child("2003-10-01", "black_african"), "referral_order",
	        "2021-10-01");
	outcome(child("2003-10-02", "black_african"), "referral_order",
	        "2021-10-01");
	/* E: first caution before the period: a later order is no entry. */
	int64_t e = child("2007-01-01", "white_british");
	outcome(e, "youth_caution", "2020-12-01");
	outcome(e, "referral_order", "2021-06-01");
	/* F: transferred in (entered elsewhere), then a local conviction:
	 * neither is a local first entry. */
	int64_t f = child("2007-01-01", "white_british");
	outcome_full(f, (struct oc){"referral_order", "2021-05-01",
	                            "2021-05-20", NULL, NULL, NULL, 1});
	outcome(f, "fine", "2021-07-01");
	/* G: an earlier caution entered in error is ignored -> entrant Q2
	 * (asian). */
	int64_t g = child("2007-01-01", "asian_indian");
	close_outcome(outcome(g, "youth_caution", "2021-01-01"));
	outcome(g, "youth_caution", "2021-07-01");
	/* H: only a community resolution (not substantive) -> no entry. */
	outcome(child("2007-01-01", "white_british"), "community_resolution",
	        "2021-05-01");
	/* I: a fine for a breach only is no entry; the caution for a theft
	 * later is -> entrant Q4 (white). */
	int64_t i = child("2007-01-01", "white_irish");
	link_oo(outcome(i, "fine", "2021-06-01"),
	        offence(i, "2021-05-01", "breach", 2));
	link_oo(outcome(i, "youth_caution", "2022-02-01"),
	        offence(i, "2022-01-01", "theft", 2));
	/* J: on the last day -> entrant Q4 (mixed); K: the day after. */
	outcome(child("2007-01-01", "mixed_other"), "youth_caution",
	        "2022-03-31");
	outcome(child("2007-01-01", "mixed_other"), "youth_caution",
	        "2022-04-01");

	/* Entrants: A, C, D2, G, I, J = 6, per 100,000 of 8,000 = 75. */
	json_t *r = measure("first-time-entrants", "2021-04-01", "2022-03-31",
	                    "ethnicity", NULL, 0);
	assert_int_equal(jint(r, "numerator"), 6);
	assert_int_equal(jint(r, "denominator"), 8000);
	assert_true(jnum(r, "value") == 75.0);
	assert_int_equal(json_array_size(json_object_get(r, "periods")), 4);
	assert_int_equal(jint(period(r, 0), "numerator"), 1);
	assert_int_equal(jint(period(r, 1), "numerator"), 2);
	assert_int_equal(jint(period(r, 2), "numerator"), 1);
	assert_int_equal(jint(period(r, 3), "numerator"), 2);
	assert_string_equal(
	    json_string_value(json_object_get(period(r, 3), "period")),
	    "2021/22 Q4");
	/* White: A, C, I = 3 per 1,600 -> 187.5; Black: D2 = 1 -> 62.5,
	 * RRI 62.5 / 187.5 = 0.33. */
	assert_int_equal(jint(group(r, "white"), "numerator"), 3);
	assert_true(jnum(group(r, "white"), "value") == 187.5);
	assert_true(jnum(group(r, "white"), "rri") == 1.0);
	assert_true(jnum(group(r, "black"), "value") == 62.5);
	assert_true(jnum(group(r, "black"), "rri") == 0.33);
	assert_int_equal(jint(group(r, "other"), "numerator"), 0);
	json_decref(r);

	/* Suppressed: every count from 1 to 4 is withheld, and what is
	 * derived from it. */
	r = measure("first-time-entrants", "2021-04-01", "2022-03-31",
	            "ethnicity", NULL, 1);
	/* Every group counted is 1 to 4 (3, 1, 2) and none is a complement
	 * of 5 or more: the total of 6 would narrow them, so it is withheld
	 * too (docs/measures.md, "Secondary suppression"). */
	assert_int_equal(jint(r, "numerator"), -1);
	assert_int_equal(jint(group(r, "white"), "numerator"), -1);
	assert_true(jnum(group(r, "white"), "value") == -1);
	assert_true(jnum(group(r, "black"), "rri") == -1);
	assert_int_equal(jint(group(r, "other"), "numerator"), 0);
	assert_string_equal(
	    json_string_value(json_array_get(
	        json_object_get(group(r, "white"), "suppressed"), 0)),
	    "numerator");
	char *csv = measures_csv(r);
	assert_non_null(csv);
	assert_non_null(strstr(csv, "first-time-entrants,3,whole,2021-04-01,"
	                            "2022-03-31,ethnicity,white,,1600,,,"
	                            "numerator,no\r\n"));
	free(csv);
	json_decref(r);

	/* By age band at entry: A 12, C 10, G 14 -> 10-14 = 3; D2 17, I 15,
	 * J 15 -> 15-17 = 3 (per 5,000 and 3,000). */
	r = measure("first-time-entrants", "2021-04-01", "2022-03-31", "age",
	            NULL, 0);
	assert_int_equal(jint(group(r, "10-14"), "numerator"), 3);
	assert_int_equal(jint(group(r, "15-17"), "numerator"), 3);
	assert_int_equal(jint(group(r, "10-14"), "denominator"), 5000);
	json_decref(r);
}

/* ---- reoffending ---- */

static void
test_reoffending(void **state)
{
	(void)state;
	/* R1: index caution 2021-04-10. Theft 2021-08-01 proven 2021-10-01:
	 * counts. Offence exactly 12 months on (2022-04-10) proven
	 * 2022-09-01: counts. A day later (2022-04-11): outside. -> 2. */
	int64_t r1 = child("2006-01-01", "white_british");
	outcome(r1, "youth_caution", "2021-04-10");
	proven(r1, "2021-08-01", "theft", "2021-10-01");
	proven(r1, "2022-04-10", "theft", "2022-09-01");
	proven(r1, "2022-04-11", "theft", "2022-05-01");
	/* R2: index 2021-05-01. A breach never counts. An offence proven one
	 * day after the 18 months (2022-11-02): no. One proven on the last
	 * day of the 6-month proving period (2022-11-01): counts. -> 1. */
	int64_t r2 = child("2006-01-01", "black_caribbean");
	outcome(r2, "youth_conditional_caution", "2021-05-01");
	proven(r2, "2021-07-01", "breach", "2021-08-01");
	proven(r2, "2021-09-01", "theft", "2022-11-02");
	proven(r2, "2021-10-01", "robbery", "2022-11-01");
	/* R3: custody: sentenced before the period, released 2021-06-15 (the
	 * index). An offence before release does not count; one after does.
	 * -> 1. */
	int64_t r3 = child("2005-01-01", "white_british");
	outcome_full(r3, (struct oc){"detention_training_order", "2021-01-10",
	                             NULL, NULL, NULL, "2021-06-15", 0});
	proven(r3, "2021-06-01", "theft", "2021-07-01");
	proven(r3, "2021-07-15", "theft", "2021-09-01");
	/* R4: sentenced in the period but released after it: not in this
	 * cohort. */
	int64_t r4 = child("2005-01-01", "white_british");
	outcome_full(r4, (struct oc){"detention_training_order", "2021-05-01",
	                             NULL, NULL, NULL, "2021-08-01", 0});
	/* R5: index on the last day of the cohort period; no re-offence. */
	outcome(child("2006-01-01", "white_british"), "youth_caution",
	        "2021-06-30");
	/* R6: an event the day before the period; the first in the period
	 * (2021-05-05) is the index; an offence the same day is not after
	 * it. */
	int64_t r6 = child("2006-01-01", "white_british");
	outcome(r6, "fine", "2021-03-31");
	outcome(r6, "fine", "2021-05-05");
	proven(r6, "2021-05-05", "theft", "2021-06-01");
	/* R7: the only index event was entered in error. */
	close_outcome(outcome(child("2006-01-01", "white_british"),
	                      "youth_caution", "2021-04-20"));
	/* R8: 18 at the index: not in the cohort. */
	outcome(child("2003-05-01", "white_british"), "youth_caution",
	        "2021-05-02");

	/* Cohort R1, R2, R3, R5, R6 = 5; reoffenders R1, R2, R3 = 3 (60 %);
	 * re-offences 2 + 1 + 1 = 4: 1.33 per reoffender, 0.8 per child.
	 * On 2022-06-01 everyone is inside their 18 months: provisional. */
	json_t *r = measure("reoffending", "2021-04-01", "2021-06-30", NULL,
	                    "2022-06-01", 0);
	assert_int_equal(jint(r, "denominator"), 5);
	assert_int_equal(jint(r, "numerator"), 3);
	assert_true(jnum(r, "value") == 60.0);
	json_t *x = json_object_get(r, "extras");
	assert_int_equal(jint(x, "reoffences"), 4);
	assert_int_equal(jint(x, "in_follow_up"), 5);
	assert_true(jnum(r, "reoffences_per_reoffender") == 1.33);
	assert_true(jnum(r, "reoffences_per_child") == 0.8);
	assert_string_equal(json_string_value(json_object_get(r, "status")),
	                    "provisional");
	json_decref(r);
	/* On 2022-12-30 only R5 (index 2021-06-30) is still inside; a day
	 * later everyone's follow-up has ended: final. */
	r = measure("reoffending", "2021-04-01", "2021-06-30", NULL,
	            "2022-12-30", 0);
	assert_int_equal(jint(json_object_get(r, "extras"), "in_follow_up"), 1);
	json_decref(r);
	r = measure("reoffending", "2021-04-01", "2021-06-30", NULL,
	            "2022-12-31", 0);
	assert_int_equal(jint(json_object_get(r, "extras"), "in_follow_up"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "status")),
	                    "final");
	json_decref(r);
	/* A transfer in with its original outcome date in the period joins
	 * the cohort at that date; its re-offence counts. -> 6 and 4. */
	int64_t t = child("2006-01-01", "white_british");
	outcome_full(t, (struct oc){"referral_order", "2021-05-15",
	                            "2021-06-01", NULL, NULL, NULL, 1});
	proven(t, "2021-09-01", "theft", "2021-12-01");
	r = measure("reoffending", "2021-04-01", "2021-06-30", NULL,
	            "2024-01-01", 0);
	assert_int_equal(jint(r, "denominator"), 6);
	assert_int_equal(jint(r, "numerator"), 4);
	json_decref(r);
	/* A twelve-month cohort 2021/22 adds the re-offences' own outcomes
	 * as index events: R4's release (2021-08-01) joins, and each
	 * child's first index in the year is the same as above. */
	r = measure("reoffending", "2021-04-01", "2022-03-31", NULL,
	            "2024-01-01", 0);
	assert_int_equal(jint(r, "denominator"), 7);
	assert_int_equal(jint(r, "numerator"), 4);
	/* Three-month cohorts: Q1 as above; Q2 and Q3 hold the children
	 * whose first index in that quarter is a re-offence's sentence or
	 * R4's release. */
	assert_int_equal(jint(period(r, 0), "denominator"), 6);
	json_decref(r);
}

/* ---- custody and remand, decision points ---- */

static void
test_custody(void **state)
{
	(void)state;
	int64_t a = child("2005-01-01", "black_african");
	outcome(a, "detention_training_order", "2021-05-01");
	outcome(child("2005-01-01", "white_british"), "custodial_sentence",
	        "2021-11-01");
	outcome(child("2005-01-01", "white_british"), "remand_youth_detention",
	        "2021-06-01");
	outcome(child("2005-01-01", "mixed_other"), "remand_local_authority",
	        "2021-07-01");
	/* Entered in error; and one for an 18-year-old: neither counts. */
	close_outcome(outcome(child("2005-01-01", "white_british"),
	                      "detention_training_order", "2021-08-01"));
	outcome(child("2003-01-01", "white_british"),
	        "detention_training_order", "2021-08-01");
	/* Custodial sentences: 2 per 1,000 of 8,000 = 0.25; episodes 4. */
	json_t *r =
	    measure("custody", "2021-04-01", "2022-03-31", NULL, NULL, 0);
	assert_int_equal(jint(r, "numerator"), 2);
	assert_true(jnum(r, "value") == 0.25);
	json_t *x = json_object_get(r, "extras");
	assert_int_equal(jint(x, "episodes"), 4);
	assert_int_equal(jint(x, "remands_youth_detention"), 1);
	assert_int_equal(jint(x, "remands_local_authority"), 1);
	json_decref(r);
	r = measure("remands", "2021-04-01", "2022-03-31", "sex", NULL, 0);
	assert_int_equal(jint(r, "numerator"), 2);
	assert_true(jnum(r, "value") == 0.25);
	/* Both boys: 2 per 1,000 of 4,000 boys = 0.5. */
	assert_true(jnum(group(r, "male"), "value") == 0.5);
	json_decref(r);

	/* Court versus out of court: a caution and a conviction; a
	 * community resolution is not substantive. */
	int64_t b = child("2006-01-01", "white_british");
	outcome(b, "youth_caution", "2021-05-01");
	outcome(b, "community_resolution", "2021-05-01");
	outcome(b, "referral_order", "2021-09-01");
	r = measure("court-decisions", "2021-04-01", "2022-03-31", NULL, NULL,
	            0);
	/* With the two sentences above (the remands are not cautions or
	 * convictions, the closed and the 18-year-old's do not count): 3 of
	 * 4 outcomes were a court's. */
	assert_int_equal(jint(r, "denominator"), 4);
	assert_int_equal(jint(r, "numerator"), 3);
	assert_true(jnum(r, "value") == 75.0);
	json_decref(r);

	/* Arrests (rule 3): every arrest, a child arrested twice counting
	 * twice; arrested-children counts each child once. An arrest outside
	 * the period does not count. */
	offence_arrested(a, "2021-04-01", "2021-04-02", "theft", 2);
	offence_arrested(a, "2021-05-01", "2021-05-02", "theft", 2);
	offence_arrested(b, "2021-03-01", "2021-03-02", "theft", 2);
	r = measure("arrests", "2021-04-01", "2022-03-31", NULL, NULL, 0);
	assert_int_equal(jint(r, "numerator"), 2);
	json_decref(r);
	r = measure("arrested-children", "2021-04-01", "2022-03-31", NULL, NULL,
	            0);
	assert_int_equal(jint(r, "numerator"), 1);
	json_decref(r);
}

/* ---- the KPIs ---- */

static void
test_kpis(void **state)
{
	(void)state;
	int64_t a = child("2005-01-01", "white_british");
	int64_t b = child("2005-01-01", "white_british");
	/* I1: referral order ended (completed) in Q1 with an end snapshot. */
	int64_t i1 = outcome_full(a, (struct oc){"referral_order", "2021-01-01",
	                                         "2021-01-05", "2021-06-01",
	                                         "completed", NULL, 0});
	int64_t k1[K_N] = {1, 1, 0, 1, 1, 1, 1, 0, 0, 1};
	snapshot(a, i1, "end", "ehcp", k1);
	/* I2: a youth caution intervention (OOCD), completed, snapshot with
	 * ETE and the wider services not recorded. */
	int64_t i2 = outcome_full(b, (struct oc){"youth_caution", "2021-03-01",
	                                         "2021-03-01", "2021-09-01",
	                                         "completed", NULL, 0});
	int64_t k2[K_N] = {0, NR, NR, 1, 1, 1, 0, NR, NR, NR};
	snapshot(b, i2, "end", "none", k2);
	/* I3: a community resolution intervention breached, no snapshot. */
	outcome_full(b, (struct oc){"community_resolution", "2021-05-01",
	                            "2021-05-01", "2021-07-01", "breached",
	                            NULL, 0});
	/* I4: ended after the period. I5: only a start snapshot. I6: closed. */
	int64_t i4 = outcome_full(a, (struct oc){"referral_order", "2021-01-01",
	                                         "2021-01-05", "2022-04-01",
	                                         "completed", NULL, 0});
	/* I7: an outcome 22 intervention transferred out: neither completed
	 * nor failed here, left out of KPI 6. */
	outcome_full(b, (struct oc){"outcome_22", "2021-05-01", "2021-05-01",
	                            "2021-08-01", "transferred_out", NULL, 0});
	int64_t k4[K_N] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	snapshot(a, i4, "end", "ehcp", k4);
	int64_t i5 = outcome_full(a, (struct oc){"referral_order", "2021-01-01",
	                                         "2021-01-05", "2021-08-01",
	                                         "completed", NULL, 0});
	snapshot(a, i5, "start", "ehcp", k4);
	int64_t i6 = outcome_full(a, (struct oc){"youth_caution", "2021-01-01",
	                                         "2021-01-05", "2021-08-01",
	                                         "completed", NULL, 0});
	snapshot(a, i6, "end", "ehcp", k4);
	close_outcome(i6);

	static const struct {
		const char *name;
		int64_t num, den;
		double value;
	} cases[] = {
	    /* I1 suitable, I2 not. */
	    {"kpi-accommodation", 1, 2, 50.0},
	    /* Only I1 records ETE: suitable but not attending (rule 3:
	     * the headline is attending a suitable arrangement). */
	    {"kpi-ete", 0, 1, 0.0},
	    /* Both have SEND; only I1 has a formal plan (EHCP) and is in
	     * suitable ETE. */
	    {"kpi-send", 1, 2, 50.0},
	    /* Both have a need, both offered, only I1 attends. */
	    {"kpi-mental-health", 1, 2, 50.0},
	    /* No one with a substance misuse need: no value. */
	    {"kpi-substance-misuse", 0, 0, -1},
	    /* I2 completed, I3 breached; I1 is a court order. */
	    {"kpi-oocd-completion", 1, 2, 50.0},
	    /* Only I1 records them: child in need. */
	    {"kpi-wider-services", 1, 1, 100.0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *r = measure(cases[i].name, "2021-04-01", "2022-03-31",
		                    NULL, NULL, 0);
		if (jint(r, "numerator") != cases[i].num ||
		    jint(r, "denominator") != cases[i].den ||
		    jnum(r, "value") != cases[i].value)
			fail_msg("%s: %lld / %lld = %g", cases[i].name,
			         (long long)jint(r, "numerator"),
			         (long long)jint(r, "denominator"),
			         jnum(r, "value"));
		json_decref(r);
	}
	json_t *r = measure("kpi-mental-health", "2021-04-01", "2022-03-31",
	                    NULL, NULL, 0);
	assert_int_equal(jint(json_object_get(r, "extras"), "offered"), 2);
	json_decref(r);

	/* KPI 9: a robbery of gravity 6 and a theft proven in the period;
	 * a violent offence first proven before the period; a breach. */
	int64_t c = child("2006-01-01", "white_british");
	int64_t order = outcome(c, "referral_order", "2021-05-01");
	link_oo(order, offence(c, "2021-04-01", "robbery", 6));
	link_oo(order, offence(c, "2021-04-01", "theft", 3));
	link_oo(order, offence(c, "2021-04-01", "breach", 3));
	int64_t old = offence(c, "2021-01-01", "violence_against_person", 5);
	link_oo(outcome(c, "youth_caution", "2021-02-01"), old);
	link_oo(outcome(c, "fine", "2021-06-01"), old);
	r = measure("kpi-serious-violence", "2021-04-01", "2022-03-31", NULL,
	            NULL, 0);
	assert_int_equal(jint(r, "numerator"), 1);
	assert_int_equal(jint(r, "denominator"), 2);
	json_decref(r);

	/* KPI 7: one meeting; police senior, health attended, education
	 * absent, the youth justice service is not a statutory partner. A
	 * closed meeting does not count. 1 of 3. */
	assert_int_equal(
	    db_exec(F.db,
	            "INSERT INTO yj_board_meetings(id, meeting_date, title,"
	            " created_at) VALUES (1, '2021-06-01', 'Q1', '2020-01-01'),"
	            " (2, '2021-07-01', 'Oops', '2020-01-01');"
	            "UPDATE yj_board_meetings SET closed_at = '2021-07-02'"
	            " WHERE id = 2;"
	            "INSERT INTO yj_board_attendance(meeting_id, agency,"
	            " attended, senior, added_at) VALUES"
	            " (1, 'police', 1, 1, '2020-01-01'),"
	            " (1, 'health', 1, 0, '2020-01-01'),"
	            " (1, 'education', 0, 0, '2020-01-01'),"
	            " (1, 'youth_justice', 1, 1, '2020-01-01'),"
	            " (2, 'police', 1, 1, '2020-01-01')",
	            &(struct err){0}),
	    0);
	r = measure("kpi-board-attendance", "2021-04-01", "2022-03-31", NULL,
	            NULL, 0);
	assert_int_equal(jint(r, "numerator"), 1);
	assert_int_equal(jint(r, "denominator"), 3);
	assert_true(jnum(r, "value") == 33.33);
	assert_int_equal(jint(json_object_get(r, "extras"), "attended"), 2);
	json_decref(r);
}

/* ---- risk ---- */

static void
test_risk(void **state)
{
	(void)state;
	static const char sql[] =
	    "INSERT INTO yj_assessments(person_id, case_id, assessment_type,"
	    " stage, assessment_date, likelihood_of_reoffending,"
	    " risk_of_serious_harm, safety_wellbeing, created_at) VALUES ($1,"
	    " $1, 'assetplus', 'review', $2, 'low', $3, $4, '2020-01-01')";
	static const struct {
		int child;
		const char *date, *rosh, *sw;
	} rows[] = {
	    /* Child 1: low then high safety concern in Q1: high, once. */
	    {1, "2021-04-10", "low", "low"},
	    {1, "2021-05-10", "medium", "very_high"},
	    /* Child 2: only low and medium. */
	    {2, "2021-06-10", "medium", "medium"},
	    /* Child 3: high risk of serious harm in Q2 only. */
	    {3, "2021-08-10", "high", "low"},
	};
	int64_t ids[4] = {0};
	for (int i = 1; i <= 3; i++)
		ids[i] = child("2006-01-01", "white_british");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *t[] = {NULL, rows[i].date, rows[i].rosh,
		                   rows[i].sw};
		int64_t v[] = {ids[rows[i].child], 0, 0, 0};
		run_sql(sql, t, v, 4);
	}
	/* Child 2's very high judgement was entered in error. */
	const char *t[] = {NULL, "2021-06-11", "very_high", "low"};
	int64_t v[] = {ids[2], 0, 0, 0};
	run_sql(sql, t, v, 4);
	assert_int_equal(db_exec(F.db,
	                         "UPDATE yj_assessments SET closed_at ="
	                         " '2021-07-01' WHERE assessment_date ="
	                         " '2021-06-11'",
	                         &(struct err){0}),
	                 0);
	/* Year: 2 of 3 children; Q1: child 1 of 1 and 2; Q2: child 3. */
	json_t *r = measure("risk", "2021-04-01", "2022-03-31", NULL, NULL, 0);
	assert_int_equal(jint(r, "numerator"), 2);
	assert_int_equal(jint(r, "denominator"), 3);
	assert_true(jnum(r, "value") == 66.67);
	assert_int_equal(jint(period(r, 0), "numerator"), 1);
	assert_int_equal(jint(period(r, 0), "denominator"), 2);
	assert_int_equal(jint(period(r, 1), "numerator"), 1);
	assert_int_equal(jint(period(r, 1), "denominator"), 1);
	json_decref(r);
}

/* ---- the engine: parsing, periods, CSV ---- */

/* The pack's plan: KPIs 1 and 2 (interventions, then releases) share the
 * interventions' scan with the KPIs of one query, and read the releases
 * once for both; another query is a scan of its own. Before, each
 * measure of two queries read both alone (three scans of the
 * interventions in a pack). */
static void
test_plan_shares_second_query(void **state)
{
	(void)state;
	static const char *const names[] = {"kpi-accommodation", "kpi-send",
	                                    "arrests", "kpi-ete",
	                                    "kpi-mental-health"};
	struct measure_query q[5];
	for (size_t i = 0; i < 5; i++) {
		struct err e;
		const struct measure_def *d = measure_find(names[i]);
		assert_non_null(d);
		assert_int_equal(measure_query_parse(&q[i], d, "2024-04-01",
		                                     "2025-03-31", "ethnicity",
		                                     NULL, "2025-06-01", &e),
		                 0);
	}
	assert_int_equal(q[0].def->query2, q[3].def->query2);
	assert_true(q[0].def->query2 != 0 && q[1].def->query2 == 0);
	struct scan_group *g = NULL;
	size_t ng = 0;
	struct err e;
	assert_int_equal(measures_plan(q, 5, &g, &ng, &e), 0);
	assert_int_equal(ng, 2);
	assert_int_equal(g[0].n, 4);
	assert_int_equal(g[0].idx[0], 0);
	assert_int_equal(g[0].idx[1], 1);
	assert_int_equal(g[0].idx[2], 3);
	assert_int_equal(g[0].idx[3], 4);
	assert_int_equal(g[1].n, 1);
	assert_int_equal(g[1].idx[0], 2);
	free(g);
}

static void
test_query_parse(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to, *by, *interval, *as_of, *field;
	} bad[] = {
	    {NULL, "2022-01-01", NULL, NULL, NULL, "from"},
	    {"2021-02-30", "2022-01-01", NULL, NULL, NULL, "from"},
	    {"2021-01-01", "2020-01-01", NULL, NULL, NULL, "to"},
	    {"2021-01-01", "2022-01-01", "colour", NULL, NULL, "by"},
	    {"2021-01-01", "2022-01-01", NULL, "week", NULL, "interval"},
	    {"2021-01-01", "2022-01-01", NULL, NULL, "soon", "as_of"},
	    {"1990-01-01", "2022-01-01", NULL, NULL, NULL, "to"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct err e;
		err_clear(&e);
		struct measure_query q;
		assert_int_equal(measure_query_parse(&q, MEASURES[0],
		                                     bad[i].from, bad[i].to,
		                                     bad[i].by, bad[i].interval,
		                                     bad[i].as_of, &e),
		                 SPIRE_EINVAL);
		assert_string_equal(e.field, bad[i].field);
	}
}

static void
test_periods_and_csv(void **state)
{
	(void)state;
	/* Yearly over four financial years, clipped to from..to. */
	json_t *r = NULL;
	struct err e;
	err_clear(&e);
	struct measure_query q;
	assert_int_equal(measure_query_parse(&q, measure_find("custody"),
	                                     "2020-06-15", "2023-05-01", "team",
	                                     "year", "2030-01-01", &e),
	                 0);
	outcome(child_in("2005-01-01", "male", "white_british", 2),
	        "custodial_sentence", "2021-01-01");
	/* Teams whose names start with ; and with a line break (ids 3, 4),
	 * and one with an accented name (5). */
	assert_int_equal(db_exec(F.db,
	                         "INSERT INTO teams(service_id, name,"
	                         " created_at) VALUES (1, ';cmd|calc', "
	                         "'2020-01-01'), (1, char(10) || '=1+1',"
	                         " '2020-01-01'), (1, 'Équipe Nord',"
	                         " '2020-01-01')",
	                         &e),
	                 0);
	for (int64_t t = 3; t <= 5; t++)
		outcome(child_in("2005-01-01", "male", "white_british", t),
		        "custodial_sentence", "2021-01-01");
	assert_int_equal(measures_compute(F.db, &q, &F.pop, &r, &e), 0);
	json_t *p = json_object_get(r, "periods");
	assert_int_equal(json_array_size(p), 4);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(p, 0), "from")),
	    "2020-06-15");
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(p, 0), "period")),
	    "2020/21");
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(p, 3), "to")),
	    "2023-05-01");
	/* A team whose name starts with = is neutralised in the CSV. */
	char *csv = measures_csv(r);
	assert_non_null(csv);
	assert_non_null(strstr(csv, ",team,\"'=HYPERLINK(\"\"x\"\")\",1,"));
	/* ; and a line break are neutralised too; the file starts with the
	 * UTF-8 byte-order mark, then the header. */
	assert_non_null(strstr(csv, ",team,';cmd|calc,1,"));
	assert_non_null(strstr(csv, ",team,\"'\n=1+1\",1,"));
	assert_null(strstr(csv, ",team,;"));
	assert_non_null(strstr(csv, ",team,Équipe Nord,1,"));
	assert_memory_equal(csv, "\xEF\xBB\xBFmeasure,rule_version,", 23);
	free(csv);
	json_decref(r);
}

/* ---- entered in error reaches every measure ---- */

/* Numerator, denominator and the facts listed behind measure name in
 * 2021/22 (the children list's source). */
struct fig {
	int64_t num, den, listed;
};

static int
count_fact(void *arg, const struct measure_fact *f, struct err *e)
{
	(void)f;
	(void)e;
	(*(int64_t *)arg)++;
	return 0;
}

static struct fig
figure(const struct measure_def *def, const char *from, const char *to)
{
	struct fig g = {0, 0, 0};
	json_t *r = measure(def->name, from, to, NULL, NULL, 0);
	g.num = jint(r, "numerator");
	g.den = def->value == MV_PERCENT ? jint(r, "denominator") : -1;
	json_decref(r);
	struct err e;
	err_clear(&e);
	struct measure_query q;
	assert_int_equal(measure_query_parse(&q, def, from, to, NULL, NULL,
	                                     "2030-01-01", &e),
	                 0);
	if (def->personal)
		assert_int_equal(
		    measures_facts(F.db, &q, NULL, count_fact, &g.listed, &e),
		    0);
	return g;
}

static void
summary_consistent(void)
{
	struct err e;
	err_clear(&e);
	int64_t missing = -1, extra = -1;
	assert_int_equal(store_measures_compare(F.db, &missing, &extra, &e), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(extra, 0);
}

/* Close record id of table as reason, or reopen it (reason NULL). The
 * statements are static: db_prepare caches them by address. */
#define CLOSE_SQL(t)                                                           \
	"UPDATE " t " SET closed_at = CASE WHEN $2 IS NULL THEN NULL ELSE"     \
	" '2022-06-01' END, closed_reason = $2 WHERE id = $1"
static void
set_closed(const char *table, int64_t id, const char *reason)
{
	static const char *const SQL[][2] = {
	    {"cases", CLOSE_SQL("cases")},
	    {"people", CLOSE_SQL("people")},
	    {"yj_offences", CLOSE_SQL("yj_offences")},
	};
	const char *sql = NULL;
	for (size_t i = 0; i < sizeof(SQL) / sizeof(SQL[0]); i++)
		if (!strcmp(SQL[i][0], table))
			sql = SQL[i][1];
	assert_non_null(sql);
	const char *t[] = {NULL, reason};
	int64_t v[] = {id, NR};
	run_sql(sql, t, v, 2);
}

static void
test_entered_in_error(void **state)
{
	(void)state;
	/* One 15-year-old (born 2006-01-01) counted once in every measure
	 * about children in 2021/22, all on one case (id = child id):
	 * - offence f1 2021-04-20, arrested 2021-04-21 (arrests), violence
	 *   gravity 6, proven by o1 (serious violence 1/1);
	 * - o1 youth caution 2021-05-10 (first-time entrant; reoffending
	 *   index; court decisions' denominator), an intervention
	 *   2021-05-10..2021-09-10 completed (OOCD completion 1/1), whose end
	 *   snapshot records yes to every KPI question (KPIs 1-5, 8: 1/1);
	 * - f2 theft 2021-08-01 proven by o2, a referral order 2021-10-01:
	 *   a re-offence within 12 months of o1 (reoffending 1/1), and a
	 *   court decision (court decisions 1/2);
	 * - o3 remand to youth detention 2021-11-01 (remands 1), o4 a
	 *   custodial sentence 2021-12-01 (custody 1);
	 * - the victim of f1, linked to o1, consented to contact (victims
	 *   1/1); an AssetPlus 2021-06-01 judging risk of serious harm high
	 *   (risk 1/1). */
	int64_t kid = child("2006-01-01", "white_british");
	int64_t f1 = offence_arrested(kid, "2021-04-20", "2021-04-21",
	                              "violence_against_person", 6);
	int64_t o1 = outcome_full(
	    kid, (struct oc){"youth_caution", "2021-05-10", "2021-05-10",
	                     "2021-09-10", "completed", NULL, 0});
	link_oo(o1, f1);
	static const char snap_sql[] =
	    "INSERT INTO yj_kpi_snapshots(person_id, case_id, outcome_id,"
	    " point, measured_on, accommodation_suitable, ete_suitable,"
	    " ete_attending, send_identified, learning_plan,"
	    " mental_health_need, mental_health_offered,"
	    " mental_health_attending, substance_misuse_need,"
	    " substance_misuse_offered, substance_misuse_attending,"
	    " early_help, created_at) VALUES ($1, $1, $2, 'end', '2021-09-10',"
	    " 1, 1, 1, 1, 'ehcp', 1, 1, 1, 1, 1, 1, 1, '2020-01-01')";
	int64_t sv[] = {kid, o1};
	run_sql(snap_sql, NULL, sv, 2);
	proven(kid, "2021-08-01", "theft", "2021-10-01");
	outcome(kid, "remand_youth_detention", "2021-11-01");
	outcome(kid, "custodial_sentence", "2021-12-01");
	/* For the diversion measure (issue 10). */
	outcome(kid, "diversion", "2021-07-01");
	static const char victim_person_sql[] =
	    "INSERT INTO people(given_name, family_name, created_at) VALUES"
	    " ('Victim', 'Person', '2020-01-01')";
	run_sql(victim_person_sql, NULL, NULL, 0);
	int64_t victim = last_id();
	static const char victim_sql[] =
	    "INSERT INTO yj_victims(person_id, case_id, offence_id, victim_id,"
	    " outcome_id, consent_to_contact, created_at) VALUES ($1, $1, $2,"
	    " $3, $4, 1, '2020-01-01')";
	int64_t vv[] = {kid, f1, victim, o1};
	run_sql(victim_sql, NULL, vv, 4);
	static const char assess_sql[] =
	    "INSERT INTO yj_assessments(person_id, case_id, assessment_type,"
	    " stage, assessment_date, risk_of_serious_harm, created_at) VALUES"
	    " ($1, $1, 'assetplus', 'start', '2021-06-01', 'high',"
	    " '2020-01-01')";
	int64_t av[] = {kid};
	run_sql(assess_sql, NULL, av, 1);
	summary_consistent();

	static const char FROM[] = "2021-04-01", TO[] = "2022-03-31";
	enum { MAXM = 32 };
	struct fig base[MAXM];
	size_t nm = 0;
	for (; MEASURES[nm]; nm++) {
		assert_true(nm < MAXM);
		base[nm] = figure(MEASURES[nm], FROM, TO);
		/* The whole-family measures have their own fixture
		 * (tests/api/family_measures.test.mjs). */
		if (!MEASURES[nm]->personal || MEASURES[nm]->family)
			continue;
		/* Every measure about children counts this child. */
		if (base[nm].num < 1)
			fail_msg("%s does not count the fixture",
			         MEASURES[nm]->name);
		assert_true(base[nm].listed >= 1);
	}

	/* What is done to the records, and whether the child's facts must
	 * then be gone (1) or counted as before (0). Each step is undone
	 * (reopened) before the next, and the figures must come back. */
	static const struct {
		const char *table, *reason;
		int gone;
	} steps[] = {
	    {"cases", "Entered in error: opened for the wrong child", 1},
	    {"people", "Entered in error: duplicate of another record", 1},
	    {"people", "entered in error", 1},
	    {"cases", "Order completed", 0},
	    {"people", "Moved out of the area", 0},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		set_closed(steps[i].table, kid, steps[i].reason);
		summary_consistent();
		/* Every measure is checked (and named) before failing. */
		int bad = 0;
		for (size_t m = 0; m < nm; m++) {
			if (!MEASURES[m]->personal || MEASURES[m]->family)
				continue;
			struct fig g = figure(MEASURES[m], FROM, TO);
			struct fig want = base[m];
			if (steps[i].gone) {
				want.num = 0;
				want.den = want.den < 0 ? -1 : 0;
				want.listed = 0;
			}
			if (g.num == want.num && g.den == want.den &&
			    g.listed == want.listed)
				continue;
			bad++;
			print_error("%s after closing the %s (%s): %lld/%lld"
			            " listed %lld, want %lld/%lld listed"
			            " %lld\n",
			            MEASURES[m]->name, steps[i].table,
			            steps[i].reason, (long long)g.num,
			            (long long)g.den, (long long)g.listed,
			            (long long)want.num, (long long)want.den,
			            (long long)want.listed);
		}
		set_closed(steps[i].table, kid, NULL);
		summary_consistent();
		for (size_t m = 0; m < nm; m++) {
			struct fig g = figure(MEASURES[m], FROM, TO);
			assert_int_equal(g.num, base[m].num);
			assert_int_equal(g.den, base[m].den);
			assert_int_equal(g.listed, base[m].listed);
		}
	}

	/* The example: the case closed as entered in error, then
	 * the person; both reopened bring the child back. */
	set_closed("cases", kid, "Entered in error");
	set_closed("people", kid, "Entered in error: wrong child");
	summary_consistent();
	const struct measure_def *fte = measure_find("first-time-entrants");
	assert_int_equal(figure(fte, FROM, TO).num, 0);
	assert_int_equal(figure(fte, FROM, TO).listed, 0);
	set_closed("people", kid, NULL);
	set_closed("cases", kid, NULL);
	summary_consistent();
	assert_int_equal(figure(fte, FROM, TO).num, 1);

	/* The victim's own record entered in error, or the offence against
	 * them: the victim no longer counts (victims 0/0); nothing else
	 * changes with the victim's record. */
	const struct measure_def *kv = measure_find("kpi-victims");
	set_closed("people", victim, "Entered in error: not a victim");
	summary_consistent();
	assert_int_equal(figure(kv, FROM, TO).den, 0);
	assert_int_equal(figure(kv, FROM, TO).listed, 0);
	for (size_t m = 0; m < nm; m++) {
		if (MEASURES[m] == kv)
			continue;
		assert_int_equal(figure(MEASURES[m], FROM, TO).num,
		                 base[m].num);
	}
	set_closed("people", victim, NULL);
	summary_consistent();
	assert_int_equal(figure(kv, FROM, TO).den, 1);
	set_closed("yj_offences", f1, "entered in error");
	summary_consistent();
	assert_int_equal(figure(kv, FROM, TO).den, 0);
	set_closed("yj_offences", f1, NULL);
	summary_consistent();
	assert_int_equal(figure(kv, FROM, TO).den, 1);
}

/* A child's records on two cases: when the case holding the first
 * outcome is entered in error, the first entry moves to the outcome on
 * the other case. */
static void
test_entered_in_error_moves_first_entry(void **state)
{
	(void)state;
	/* Case 1 (id = child id): a youth caution 2021-05-10. Case 2: a
	 * referral order 2022-06-01. 2021/22: 1 entrant; 2022/23: 0. */
	int64_t kid = child("2006-01-01", "white_british");
	int64_t other = child("2007-02-02", "black_african");
	outcome(kid, "youth_caution", "2021-05-10");
	static const char case_sql[] =
	    "INSERT INTO cases(person_id, service_id, team_id, start_date,"
	    " created_at) VALUES ($1, 1, 1, '2022-01-01', '2022-01-01')";
	int64_t cv[] = {kid};
	run_sql(case_sql, NULL, cv, 1);
	int64_t case2 = last_id();
	static const char o_sql[] =
	    "INSERT INTO yj_outcomes(person_id, case_id, outcome_type,"
	    " outcome_date, created_at) VALUES ($1, $2, 'referral_order',"
	    " '2022-06-01', '2022-06-01')";
	int64_t ov[] = {kid, case2};
	run_sql(o_sql, NULL, ov, 2);
	const struct measure_def *fte = measure_find("first-time-entrants");
	assert_int_equal(figure(fte, "2021-04-01", "2022-03-31").num, 1);
	assert_int_equal(figure(fte, "2022-04-01", "2023-03-31").num, 0);
	/* Case 1 entered in error: the entry is the referral order. */
	set_closed("cases", kid, "Entered in error");
	summary_consistent();
	assert_int_equal(figure(fte, "2021-04-01", "2022-03-31").num, 0);
	assert_int_equal(figure(fte, "2022-04-01", "2023-03-31").num, 1);
	/* Reopened: back to the caution. */
	set_closed("cases", kid, NULL);
	summary_consistent();
	assert_int_equal(figure(fte, "2021-04-01", "2022-03-31").num, 1);
	assert_int_equal(figure(fte, "2022-04-01", "2023-03-31").num, 0);
	/* The case moved to another child: both children refreshed. */
	static const char move_sql[] =
	    "UPDATE cases SET person_id = $2 WHERE id = $1";
	int64_t mv[] = {case2, other};
	run_sql(move_sql, NULL, mv, 2);
	summary_consistent();
}

/* ---- the summary against the records, after random writes ---- */

static uint64_t rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static void
rnd_date(char buf[11], int from_year, int years)
{
	snprintf(buf, 11, "%04d-%02d-%02d",
	         from_year + (int)rnd((unsigned)years), 1 + (int)rnd(12),
	         1 + (int)rnd(28));
}

/* Run sql; constraint failures are fine (a random write may be refused
 * by the records' CHECKs, as the API would refuse it). */
static void
try_sql(const char *sql, const char *const *text, const int64_t *ints, int n)
{
	struct err e;
	err_clear(&e);
	struct db_stmt *s = db_prepare(F.db, sql, &e);
	assert_non_null(s);
	for (int i = 0; i < n; i++) {
		if (text && text[i])
			db_bind_text(s, i + 1, text[i]);
		else if (ints && ints[i] != INT64_MIN)
			db_bind_int(s, i + 1, ints[i]);
		else
			db_bind_null(s, i + 1);
	}
	(void)db_step(s, &e);
	db_done(s);
}

static int64_t
pick_id(const char *table_sql, int64_t pid)
{
	struct err e;
	struct db_stmt *s = db_prepare(F.db, table_sql, &e);
	assert_non_null(s);
	db_bind_int(s, 1, pid);
	db_bind_int(s, 2, rnd(1000));
	int64_t id = 0;
	if (db_step(s, &e) == DB_ROW)
		id = db_col_int(s, 0);
	db_done(s);
	return id;
}

/* The parents of the random writes' children (test_summary_matches_records):
 * child i (1-based) is in family i with adults PARENTS[i][0..1]; some
 * adults are in two children's families. PCASE[j] is adult j's parenting
 * case (0: none). */
#define MAX_KIDS 64
static int64_t PARENTS[MAX_KIDS + 1][2];
static int64_t FAMILY[MAX_KIDS + 1];

/* A write to what a parents-seen point is made of: contacts and their
 * attendees, review assessments, families and their members, a parent's
 * person record or victim records naming them, an intervention's dates
 * (docs/measures.md, migration 22). */
static void
random_seen_write(int64_t pid, unsigned what)
{
	static const char pick_intervention[] =
	    "SELECT id FROM yj_outcomes WHERE person_id = $1 AND start_date IS"
	    " NOT NULL ORDER BY (id * 7919 + $2) % 1009 LIMIT 1";
	static const char pick_contact[] =
	    "SELECT ct.id FROM contacts ct JOIN contact_attendees ca ON"
	    " ca.contact_id = ct.id WHERE ca.person_id IN (SELECT person_id"
	    " FROM family_members WHERE family_id = $1) ORDER BY (ct.id * 7919"
	    " + $2) % 1009 LIMIT 1";
	static const char pick_member[] =
	    "SELECT id FROM family_members WHERE family_id = $1 ORDER BY (id *"
	    " 7919 + $2) % 1009 LIMIT 1";
	static const char pick_review[] =
	    "SELECT id FROM yj_assessments WHERE person_id = $1 AND stage ="
	    " 'review' ORDER BY (id * 7919 + $2) % 1009 LIMIT 1";
	int64_t parent = PARENTS[pid][rnd(2)];
	int64_t o = pick_id(pick_intervention, pid);
	/* Days from a point of o: -16..+16. */
	int64_t off = (int64_t)rnd(33) - 16;
	switch (what) {
	case 0:   /* a contact on the child's case near a point, attended */
	case 1: { /* or on the parent's parenting case */
		static const char c_sql[] =
		    "INSERT INTO contacts(case_id, contact_date, contact_type,"
		    " summary, created_at) SELECT CASE WHEN $5 THEN "
		    "COALESCE((SELECT"
		    " id FROM cases WHERE person_id = $6 AND service_id = 6 "
		    "LIMIT"
		    " 1), $1) ELSE $1 END, date(CASE $3 WHEN 0 THEN start_date "
		    "WHEN 1"
		    " THEN COALESCE(end_date, start_date) ELSE date(start_date,"
		    " '+60 days') END, $2 || ' days') || CASE WHEN $4 THEN"
		    " 'T10:30:00Z' ELSE '' END, 'visit', 'Random', '2020-01-01'"
		    " FROM yj_outcomes WHERE id = $7";
		static const char a_sql[] =
		    "INSERT INTO contact_attendees(contact_id, person_id,"
		    " added_at) VALUES ($1, $2, '2020-01-01')";
		if (!o)
			break;
		char offs[16];
		snprintf(offs, sizeof(offs), "%+lld", (long long)off);
		const char *t[] = {NULL, offs, NULL, NULL, NULL, NULL, NULL};
		int64_t v[] = {pid, 0, rnd(3), rnd(2), what == 1, parent, o};
		try_sql(c_sql, t, v, 7);
		int64_t ct = pick_id("SELECT max(id) FROM contacts WHERE $1 ="
		                     " $1 AND $2 = $2",
		                     0);
		int64_t av[] = {ct, rnd(5) ? parent : pid};
		try_sql(a_sql, NULL, av, 2);
		break;
	}
	case 2: { /* an attendee removed or back, a contact moved or closed */
		static const char rm_sql[] =
		    "UPDATE contact_attendees SET removed_at = CASE WHEN"
		    " removed_at IS NULL THEN '2024-01-01' END WHERE "
		    "contact_id ="
		    " $1";
		static const char move_sql[] =
		    "UPDATE contacts SET contact_date = "
		    "date(substr(contact_date,"
		    " 1, 10), $2 || ' days') WHERE id = $1";
		static const char close_sql[] =
		    "UPDATE contacts SET closed_at = CASE WHEN closed_at IS "
		    "NULL AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END WHERE id = $1";
		int64_t ct = pick_id(pick_contact, FAMILY[pid]);
		char offs[16];
		snprintf(offs, sizeof(offs), "%+lld", (long long)off);
		const char *t[] = {NULL, offs};
		int64_t v[] = {ct, 0};
		unsigned k = rnd(3);
		if (ct)
			try_sql(k == 0   ? rm_sql
			        : k == 1 ? move_sql
			                 : close_sql,
			        t, v, k == 1 ? 2 : 1);
		break;
	}
	case 3: { /* a review assessment of an intervention, or one changed */
		static const char sql[] =
		    "INSERT INTO yj_assessments(person_id, case_id, outcome_id,"
		    " assessment_type, stage, assessment_date, created_at)"
		    " SELECT $1, case_id, id, 'assetplus', 'review',"
		    " date(start_date, '+' || $2 || ' days'), '2020-01-01' FROM"
		    " yj_outcomes WHERE id = $3";
		static const char change_sql[] =
		    "UPDATE yj_assessments SET closed_at = CASE WHEN $2 THEN"
		    " CASE WHEN closed_at IS NULL THEN '2024-01-01' END ELSE"
		    " closed_at END, assessment_date = CASE WHEN $2 THEN"
		    " assessment_date ELSE date(assessment_date, '+9 days') END"
		    " WHERE id = $1";
		if (rnd(3)) {
			int64_t v[] = {pid, (int64_t)rnd(500), o};
			if (o)
				try_sql(sql, NULL, v, 3);
		} else {
			int64_t v[] = {pick_id(pick_review, pid), rnd(2)};
			try_sql(change_sql, NULL, v, 2);
		}
		break;
	}
	case 4: { /* a member of the child's family changes, or one joins */
		static const char toggle_sql[] =
		    "UPDATE family_members SET closed_at = CASE WHEN $2 = 0 "
		    "THEN"
		    " CASE WHEN closed_at IS NULL THEN '2024-01-01' END ELSE"
		    " closed_at END, parental_responsibility = CASE WHEN $2 = 1"
		    " THEN 1 - parental_responsibility ELSE"
		    " parental_responsibility END, in_household = CASE WHEN $2 "
		    "="
		    " 2 THEN 1 - in_household ELSE in_household END WHERE id = "
		    "$1";
		static const char join_sql[] =
		    "INSERT INTO family_members(family_id, person_id,"
		    " member_type, relationship, parental_responsibility,"
		    " in_household, created_at) VALUES ($1, $2, 'adult',"
		    " 'grandparent', $3, 1, '2020-01-01')";
		if (rnd(4)) {
			int64_t v[] = {pick_id(pick_member, FAMILY[pid]),
			               rnd(3)};
			try_sql(toggle_sql, NULL, v, 2);
		} else {
			int64_t other = 1 + rnd(MAX_KIDS);
			int64_t v[] = {
			    FAMILY[pid],
			    PARENTS[other][rnd(2)] ? PARENTS[other][0] : parent,
			    rnd(2)};
			if (v[1])
				try_sql(join_sql, NULL, v, 3);
		}
		break;
	}
	case 5: { /* the family closed or reopened; a parent's record closed,
		   * reopened or their ethnicity changed */
		static const char fam_sql[] =
		    "UPDATE families SET closed_at = CASE WHEN closed_at IS "
		    "NULL AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END WHERE id = $1";
		static const char close_sql[] =
		    "UPDATE people SET closed_at = CASE WHEN closed_at IS NULL "
		    "AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END, closed_reason = CASE WHEN "
		    "closed_at"
		    " IS NULL THEN 'Moved away' END WHERE id = $1";
		static const char eth_sql[] =
		    "UPDATE people SET ethnicity = CASE WHEN ethnicity ="
		    " 'white_british' THEN 'asian_indian' ELSE 'white_british'"
		    " END, sex = CASE WHEN sex = 'male' THEN 'female' ELSE"
		    " 'male' END WHERE id = $1";
		unsigned k = rnd(4);
		int64_t v[] = {k == 0 ? FAMILY[pid] : parent};
		try_sql(k == 0   ? fam_sql
		        : k == 1 ? close_sql
		                 : eth_sql,
		        NULL, v, 1);
		break;
	}
	case 6: { /* a parent named as a victim, or that record closed */
		static const char sql[] =
		    "INSERT INTO yj_victims(person_id, case_id, offence_id,"
		    " victim_id, created_at) SELECT person_id, case_id, id, $2,"
		    " '2020-01-01' FROM yj_offences WHERE person_id = $1 LIMIT "
		    "1";
		static const char close_sql[] =
		    "UPDATE yj_victims SET closed_at = CASE WHEN closed_at IS "
		    "NULL AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END WHERE victim_id = $1";
		int64_t v[] = {pid, parent};
		if (rnd(2))
			try_sql(sql, NULL, v, 2);
		else
			try_sql(close_sql, NULL, v + 1, 1);
		break;
	}
	default: { /* an intervention's dates corrected, or it is moved to
		    * the child's other case or reopened */
		static const char sql[] =
		    "UPDATE yj_outcomes SET start_date = CASE WHEN $2 = 0 THEN"
		    " date(start_date, '+3 days') ELSE start_date END, end_date"
		    " = CASE WHEN $2 = 1 THEN CASE WHEN end_date IS NULL THEN"
		    " date(start_date, '+90 days') END ELSE end_date END,"
		    " end_reason = CASE WHEN $2 = 1 THEN CASE WHEN end_date IS"
		    " NULL THEN 'completed' END ELSE end_reason END,"
		    " closed_at = CASE WHEN $2 = 2 THEN CASE WHEN closed_at IS"
		    " NULL THEN '2024-01-01' END ELSE closed_at END WHERE id = "
		    "$1";
		int64_t v[] = {o, rnd(3)};
		if (o)
			try_sql(sql, NULL, v, 2);
		break;
	}
	}
}

/* A write to what parent-engagement's spans are made of: a parent's
 * support on one of the child's youth justice cases (agreed or not,
 * started or not, ended, moved to another case, closed, entered in error),
 * the child's cases (a second one, dates, service), a parent's parenting
 * case or person record entered in error (docs/measures.md, migration
 * 23). */
static void
random_engaged_write(int64_t pid, unsigned what)
{
	static const char pick_yj_case[] =
	    "SELECT id FROM cases WHERE person_id = $1 AND service_id = 1"
	    " ORDER BY (id * 7919 + $2) % 1009 LIMIT 1";
	static const char pick_support[] =
	    "SELECT s.id FROM parent_supports s JOIN cases c ON c.id ="
	    " s.child_case_id WHERE c.person_id = $1 ORDER BY (s.id * 7919 +"
	    " $2) % 1009 LIMIT 1";
	static const char *const AGREE[] = {"agreed", "agreed", "declined",
	                                    "not_reached"};
	static const char *const EIE_WHY[] = {"Entered in error: wrong parent",
	                                      "Ended: duplicate"};
	int64_t parent = PARENTS[pid][rnd(2)];
	char d1[11], d2[11];
	rnd_date(d1, 2019, 5);
	rnd_date(d2, 2019, 5);
	if (strcmp(d2, d1) < 0) {
		char t[11];
		memcpy(t, d1, sizeof(t));
		memcpy(d1, d2, sizeof(t));
		memcpy(d2, t, sizeof(t));
	}
	switch (what) {
	case 0:
	case 1: { /* a support on one of the child's youth justice cases */
		static const char sql[] =
		    "INSERT INTO parent_supports(person_id, case_id, child_id,"
		    " child_case_id, agreement, agreement_date, start_date,"
		    " end_date, end_reason, created_at) VALUES ($1, (SELECT id"
		    " FROM cases WHERE person_id = $1 AND service_id = 6 LIMIT"
		    " 1), $2, $3, $4, CASE WHEN $4 IS NULL THEN NULL ELSE $5"
		    " END, $6, $7, CASE WHEN $7 IS NULL THEN NULL ELSE"
		    " 'completed' END, '2020-01-01')";
		int64_t c = pick_id(pick_yj_case, pid);
		unsigned k = rnd(5);
		const char *t[] = {NULL,
		                   NULL,
		                   NULL,
		                   k < 4 ? AGREE[k] : NULL,
		                   d1,
		                   rnd(4) ? d1 : NULL,
		                   rnd(2) ? d2 : NULL};
		int64_t v[] = {parent, pid, c, NR, NR, NR, NR};
		if (c && parent)
			try_sql(sql, t, v, 7);
		break;
	}
	case 2: { /* a support's dates, agreement or closing changed */
		static const char sql[] =
		    "UPDATE parent_supports SET start_date = CASE WHEN $2 = 0"
		    " THEN date(COALESCE(start_date, '2021-01-01'), '-40 days')"
		    " ELSE start_date END, end_date = CASE WHEN $2 = 1 THEN"
		    " CASE WHEN end_date IS NULL THEN date(COALESCE(start_date,"
		    " '2021-01-01'), '+75 days') END ELSE end_date END,"
		    " end_reason = CASE WHEN $2 = 1 THEN CASE WHEN end_date IS"
		    " NULL THEN 'completed' END ELSE end_reason END, agreement"
		    " = CASE WHEN $2 = 2 THEN CASE WHEN agreement = 'agreed'"
		    " THEN 'declined' ELSE 'agreed' END ELSE agreement END,"
		    " agreement_date = CASE WHEN $2 = 2 THEN"
		    " COALESCE(agreement_date, '2020-06-01') ELSE"
		    " agreement_date END, closed_at = CASE WHEN $2 = 3 THEN"
		    " CASE WHEN closed_at IS NULL THEN '2024-01-01' END ELSE"
		    " closed_at END WHERE id = $1";
		int64_t v[] = {pick_id(pick_support, pid), rnd(4)};
		if (v[0])
			try_sql(sql, NULL, v, 2);
		break;
	}
	case 3: { /* a support moved to another child's case, or back */
		static const char sql[] =
		    "UPDATE parent_supports SET child_case_id = $2 WHERE id ="
		    " $1";
		int64_t other = 1 + rnd(MAX_KIDS);
		int64_t v[] = {pick_id(pick_support, pid),
		               pick_id(pick_yj_case, other)};
		if (v[0] && v[1])
			try_sql(sql, NULL, v, 2);
		break;
	}
	case 4: { /* a second case of the child, or a case's dates or
		   * service changed */
		static const char add_sql[] =
		    "INSERT INTO cases(person_id, service_id, team_id,"
		    " start_date, end_date, created_at) VALUES ($1, 1, $2, $3,"
		    " $4, '2020-01-01')";
		static const char change_sql[] =
		    "UPDATE cases SET start_date = CASE WHEN $2 = 0 THEN $3"
		    " ELSE start_date END, end_date = CASE WHEN $2 = 1 THEN"
		    " CASE WHEN end_date IS NULL THEN $4 END ELSE end_date END,"
		    " service_id = CASE WHEN $2 = 2 AND id <> person_id THEN"
		    " 7 - service_id ELSE service_id END WHERE id = $1";
		if (rnd(3) == 0) {
			const char *t[] = {NULL, NULL, d1, rnd(2) ? d2 : NULL};
			int64_t v[] = {pid, 1 + rnd(2), NR, NR};
			try_sql(add_sql, t, v, 4);
		} else {
			int64_t c = pick_id(
			    "SELECT id FROM cases WHERE person_id = $1 AND"
			    " service_id IN (1, 6) ORDER BY (id * 7919 + $2) %"
			    " 1009 LIMIT 1",
			    pid);
			const char *t[] = {NULL, NULL, d1, d2};
			int64_t v[] = {c, rnd(3), 0, 0};
			if (c)
				try_sql(change_sql, t, v, 4);
		}
		break;
	}
	default: { /* a parent's parenting case or person record entered in
		    * error, or reopened */
		static const char case_sql[] =
		    "UPDATE cases SET closed_at = CASE WHEN closed_at IS NULL"
		    " AND $1 = $1 AND $2 = $2 THEN '2024-01-01' END,"
		    " closed_reason = CASE WHEN closed_at IS NULL THEN $2 END"
		    " WHERE person_id = $1 AND service_id = 6";
		static const char person_sql[] =
		    "UPDATE people SET closed_at = CASE WHEN closed_at IS NULL"
		    " AND $1 = $1 AND $2 = $2 THEN '2024-01-01' END,"
		    " closed_reason = CASE WHEN closed_at IS NULL THEN $2 END"
		    " WHERE id = $1";
		const char *t[] = {NULL, EIE_WHY[rnd(2)]};
		int64_t v[] = {parent, 0};
		/* A parent's own record only for every fourth child, so that
		 * parents-seen keeps parents to meet. */
		if (parent)
			try_sql(rnd(2) && pid % 4 == 0 ? person_sql : case_sql,
			        t, v, 2);
		break;
	}
	}
}

/* The engagement writes' own random stream, so that the other writes
 * stay what they were before migration 23. */
static uint64_t engaged_rng_state;

static void
random_write(int nchildren, int64_t first_victim)
{
	/* Every third write, one to what parent-engagement reads too. */
	static unsigned calls;
	if (++calls % 3 == 0) {
		uint64_t keep = rng_state;
		rng_state = engaged_rng_state;
		int64_t child_id = 1 + rnd((unsigned)nchildren);
		random_engaged_write(child_id, rnd(6));
		engaged_rng_state = rng_state;
		rng_state = keep;
	}
	static const char *const TYPES[] = {"prevention",
	                                    "diversion",
	                                    "community_resolution",
	                                    "outcome_22",
	                                    "youth_caution",
	                                    "youth_conditional_caution",
	                                    "referral_order",
	                                    "youth_rehabilitation_order",
	                                    "fine",
	                                    "discharge",
	                                    "detention_training_order",
	                                    "custodial_sentence",
	                                    "remand_youth_detention",
	                                    "remand_local_authority"};
	static const char *const CATS[] = {
	    "violence_against_person", "robbery", "drugs", "theft", "breach",
	    "criminal_damage"};
	static const char *const ETH[] = {"white_british", "black_african",
	                                  "asian_indian",  "mixed_other",
	                                  "other_arab",    NULL};
	static const char *const LEVELS[] = {"low", "medium", "high",
	                                     "very_high"};
	static const char *const REASONS[] = {"completed", "breached",
	                                      "revoked", "transferred_out"};
	static const char pick_offence[] =
	    "SELECT id FROM yj_offences WHERE person_id = $1 ORDER BY"
	    " (id * 7919 + $2) % 1009 LIMIT 1";
	static const char pick_outcome[] =
	    "SELECT id FROM yj_outcomes WHERE person_id = $1 ORDER BY"
	    " (id * 7919 + $2) % 1009 LIMIT 1";
	static const char pick_intervention[] =
	    "SELECT id FROM yj_outcomes WHERE person_id = $1 AND start_date IS"
	    " NOT NULL ORDER BY (id * 7919 + $2) % 1009 LIMIT 1";
	static const char pick_link[] =
	    "SELECT l.id FROM yj_outcome_offences l JOIN yj_outcomes o ON o.id"
	    " = l.outcome_id WHERE o.person_id = $1 ORDER BY (l.id * 7919 +"
	    " $2) % 1009 LIMIT 1";
	int64_t pid = 1 + rnd((unsigned)nchildren);
	char d1[11], d2[11], d3[11], d4[11];
	rnd_date(d1, 2019, 5);
	unsigned what = rnd(29);
	if (what >= 17) {
		/* Contacts twice as often as the rest. */
		random_seen_write(pid, what >= 25 ? what - 25 : what - 17);
		return;
	}
	switch (what) {
	case 0:
	case 1: { /* an offence */
		static const char sql[] =
		    "INSERT INTO yj_offences(person_id, case_id, offence_date,"
		    " arrest_date, description, category, gravity, created_at)"
		    " VALUES ($1, $1, $2, CASE WHEN $5 THEN date($2, '+3 days')"
		    " END, 'Random', $3, $4, '2020-01-01')";
		const char *t[] = {NULL, d1, CATS[rnd(6)], NULL, NULL};
		int64_t v[] = {pid, 0, 0, 1 + rnd(8), rnd(2)};
		try_sql(sql, t, v, 5);
		break;
	}
	case 2:
	case 3: { /* an outcome, maybe an intervention that ended */
		/* A custodial sentence released; a remand to youth detention
		 * released (bail) or not (sentenced: rule generation 7). */
		static const char sql[] =
		    "INSERT INTO yj_outcomes(person_id, case_id, outcome_type,"
		    " outcome_date, start_date, end_date, end_reason,"
		    " release_date, transferred_in, transferred_from,"
		    " transferred_to, created_at) VALUES ($1, $1, $2, $3,"
		    " CASE WHEN $4 THEN date($3, '+5 days') END, CASE WHEN $4"
		    " AND $5 THEN date($3, '+' || $6 || ' days') END, CASE WHEN"
		    " $4 AND $5 THEN $7 END, CASE WHEN ($2 IN"
		    " ('detention_training_order','custodial_sentence')"
		    " OR ($2 = 'remand_youth_detention' AND $6 % 2 = 0)) AND $5"
		    " THEN date($3, '+' || $6 || ' days') END, $8, CASE WHEN $8"
		    " THEN 'Elsewhere' END, CASE WHEN $4 AND $5 AND $7 ="
		    " 'transferred_out' THEN 'Elsewhere' END, '2020-01-01')";
		const char *t[] = {NULL, TYPES[rnd(14)],  d1,  NULL, NULL,
		                   NULL, REASONS[rnd(4)], NULL};
		int64_t v[] = {pid,           0, 0,          rnd(2), rnd(3) > 0,
		               10 + rnd(400), 0, rnd(8) == 0};
		try_sql(sql, t, v, 8);
		break;
	}
	case 4:
	case 5: { /* link an offence to an outcome of the child */
		static const char sql[] =
		    "INSERT INTO yj_outcome_offences(outcome_id, offence_id,"
		    " added_at) VALUES ($1, $2, '2020-01-01')";
		int64_t o = pick_id(pick_outcome, pid);
		int64_t f = pick_id(pick_offence, pid);
		if (o && f) {
			int64_t v[] = {o, f};
			try_sql(sql, NULL, v, 2);
		}
		break;
	}
	case 6: { /* entered in error */
		static const char sql[] =
		    "UPDATE yj_outcomes SET closed_at = '2024-01-01',"
		    " closed_reason = 'entered in error' WHERE id = $1";
		int64_t v[] = {pick_id(pick_outcome, pid)};
		try_sql(sql, NULL, v, 1);
		break;
	}
	case 7: {
		static const char sql[] =
		    "UPDATE yj_offences SET closed_at = '2024-01-01',"
		    " closed_reason = 'entered in error' WHERE id = $1";
		int64_t v[] = {pick_id(pick_offence, pid)};
		try_sql(sql, NULL, v, 1);
		break;
	}
	case 8: { /* a link taken away; or an outcome's date corrected */
		static const char unlink_sql[] =
		    "UPDATE yj_outcome_offences SET removed_at = '2024-01-01'"
		    " WHERE id = $1";
		static const char redate_sql[] =
		    "UPDATE yj_outcomes SET outcome_date = $2, version ="
		    " version + 1 WHERE id = $1";
		if (rnd(2)) {
			int64_t v[] = {pick_id(pick_link, pid)};
			try_sql(unlink_sql, NULL, v, 1);
		} else {
			const char *t[] = {NULL, d1};
			int64_t v[] = {pick_id(pick_outcome, pid), 0};
			try_sql(redate_sql, t, v, 2);
		}
		break;
	}
	case 9: { /* a KPI snapshot at the end (or start, or release) */
		static const char sql[] =
		    "INSERT INTO yj_kpi_snapshots(person_id, case_id, "
		    "outcome_id,"
		    " point, measured_on, accommodation_suitable, ete_suitable,"
		    " send_identified, learning_plan, mental_health_need,"
		    " early_help, created_at) VALUES ($1, $1, $2, $3,"
		    " '2021-01-01', $4, $5, $6, $7, $8, $9, '2020-01-01')";
		int64_t o = pick_id(pick_intervention, pid);
		static const char *const POINTS[] = {"end", "end", "end",
		                                     "start", "release"};
		const char *t[] = {NULL, NULL, POINTS[rnd(5)],           NULL,
		                   NULL, NULL, rnd(2) ? "ehcp" : "none", NULL,
		                   NULL};
		int64_t v[] = {pid,
		               o,
		               0,
		               rnd(3) ? (int64_t)rnd(2) : NR,
		               rnd(3) ? (int64_t)rnd(2) : NR,
		               (int64_t)rnd(2),
		               0,
		               (int64_t)rnd(2),
		               rnd(2) ? (int64_t)rnd(2) : NR};
		if (o)
			try_sql(sql, t, v, 9);
		break;
	}
	case 10: { /* a child's details change */
		static const char sql[] =
		    "UPDATE people SET date_of_birth = $2, ethnicity = $3 WHERE"
		    " id = $1";
		rnd_date(d2, 2003, 10);
		const char *t[] = {NULL, d2, ETH[rnd(6)]};
		int64_t v[] = {pid, 0, 0};
		try_sql(sql, t, v, 3);
		break;
	}
	case 11: { /* the case moves to the other team */
		static const char sql[] =
		    "UPDATE cases SET team_id = 3 - team_id WHERE id = $1";
		int64_t v[] = {pid};
		try_sql(sql, NULL, v, 1);
		break;
	}
	case 12: { /* an assessment */
		static const char sql[] =
		    "INSERT INTO yj_assessments(person_id, case_id,"
		    " assessment_type, stage, assessment_date,"
		    " likelihood_of_reoffending, risk_of_serious_harm,"
		    " safety_wellbeing, created_at) VALUES ($1, $1, "
		    "'assetplus',"
		    " 'start', $2, 'low', $3, $4, '2020-01-01')";
		const char *t[] = {NULL, d1, LEVELS[rnd(4)], LEVELS[rnd(4)]};
		int64_t v[] = {pid, 0, 0, 0};
		try_sql(sql, t, v, 4);
		break;
	}
	case 14:   /* the child's case closed (entered in error or not), or
	            * reopened */
	case 15: { /* the child's or a victim's person record, likewise */
		static const char case_sql[] =
		    "UPDATE cases SET closed_at = CASE WHEN closed_at IS NULL "
		    "AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END, closed_reason = CASE WHEN"
		    " closed_at IS NULL THEN $2 END WHERE id = $1";
		static const char person_sql[] =
		    "UPDATE people SET closed_at = CASE WHEN closed_at IS NULL "
		    "AND $1 = $1 AND $2 = $2"
		    " THEN '2024-01-01' END, closed_reason = CASE WHEN"
		    " closed_at IS NULL THEN $2 END WHERE id = $1";
		static const char *const WHY[] = {"Entered in error: duplicate",
		                                  "entered in error",
		                                  "Order completed"};
		/* Only every third child's records, so that most of the
		 * data stays counted. */
		const char *t[] = {NULL, WHY[rnd(3)]};
		int64_t third = pid - pid % 3 + 3; /* 3, 6, ... */
		if (third > nchildren)
			third = 3;
		int64_t who = rnd(4) ? third : first_victim + rnd(3);
		int64_t v[] = {who, 0};
		try_sql(rnd(2) ? case_sql : person_sql, t, v, 2);
		break;
	}
	case 16: { /* an outcome or offence reopened */
		static const char sql[] =
		    "UPDATE yj_outcomes SET closed_at = NULL, closed_reason ="
		    " NULL WHERE id = $1;";
		static const char f_sql[] =
		    "UPDATE yj_offences SET closed_at = NULL, closed_reason ="
		    " NULL WHERE id = $1;";
		int o = (int)rnd(2);
		int64_t v[] = {pick_id(o ? pick_outcome : pick_offence, pid)};
		try_sql(o ? sql : f_sql, NULL, v, 1);
		break;
	}
	default: { /* a victim of one of the child's offences */
		static const char sql[] =
		    "INSERT INTO yj_victims(person_id, case_id, offence_id,"
		    " victim_id, outcome_id, consent_to_contact, rj_offered,"
		    " created_at) VALUES ($1, $1, $2, $3, $4, $5, $5,"
		    " '2020-01-01')";
		int64_t f = pick_id(pick_offence, pid);
		int64_t o = pick_id(pick_intervention, pid);
		int64_t v[] = {pid, f, first_victim + rnd(3), o ? o : NR,
		               (int64_t)rnd(2)};
		if (f)
			try_sql(sql, NULL, v, 5);
		break;
	}
	}
	(void)d3;
	(void)d4;
}

static void
assert_same_figures(const char *from, const char *to)
{
	static const char *const BYS[] = {NULL, "ethnicity", "team", "age",
	                                  "sex"};
	for (size_t m = 0; MEASURES[m]; m++) {
		for (size_t b = 0; b < sizeof(BYS) / sizeof(BYS[0]); b++) {
			struct err e;
			err_clear(&e);
			/* Parents have no age bands: refused (400). */
			if (!measure_takes_by(MEASURES[m], BYS[b]))
				continue;
			struct measure_query q;
			assert_int_equal(
			    measure_query_parse(&q, MEASURES[m], from, to,
			                        BYS[b], NULL, "2023-06-01", &e),
			    0);
			json_t *summary = NULL, *records = NULL;
			assert_int_equal(
			    measures_compute(F.db, &q, &F.pop, &summary, &e),
			    0);
			q.from_records = 1;
			assert_int_equal(
			    measures_compute(F.db, &q, &F.pop, &records, &e),
			    0);
			if (!json_equal(summary, records)) {
				char *a = json_dumps(summary, JSON_COMPACT);
				char *c = json_dumps(records, JSON_COMPACT);
				fprintf(stderr, "summary: %s\nrecords: %s\n", a,
				        c);
				free(a);
				free(c);
				fail_msg("%s by %s: the summary differs",
				         MEASURES[m]->name,
				         BYS[b] ? BYS[b] : "none");
			}
			json_decref(summary);
			json_decref(records);
		}
	}
}

/* Readers for measures_compute_many_at: connections to path (or, with
 * broken set, to an empty database, where every scan fails). */
struct readers_fx {
	const char *path;
	int opened, closed;
};

static struct db *
fx_get(void *arg)
{
	struct readers_fx *r = arg;
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	if (db_open(r->path, DB_OPEN_READONLY, &db, &e) != 0)
		return NULL;
	r->opened++;
	return db;
}

static void
fx_put(void *arg, struct db *db)
{
	struct readers_fx *r = arg;
	r->closed++;
	db_close(db);
}

/* The pack computed at once on more connections gives rs (each figure
 * as one connection gave it); a snapshot that cannot be shown to be the
 * same uses none; a connection whose scans fail fails the whole, with
 * nothing left (ASan). */
static void
at_once_same(const struct measure_query *qs, size_t n, json_t **rs)
{
	json_t *at[32] = {0};
	struct err e;
	err_clear(&e);
	struct readers_fx fx = {F.path, 0, 0};
	struct db_generation gen;
	assert_int_equal(db_generation(F.db, &gen), 1);
	struct measures_readers rd = {fx_get, fx_put, &fx, &gen};
	assert_int_equal(db_begin_read(F.db, &e), 0);
	assert_int_equal(
	    measures_compute_many_at(F.db, &rd, qs, n, &F.pop, at, &e), 0);
	db_end_read(F.db);
	for (size_t i = 0; i < n; i++) {
		assert_true(json_equal(at[i], rs[i]));
		json_decref(at[i]);
	}
	assert_int_equal(fx.opened, fx.closed);
	/* A generation other than the one before the snapshot: no
	 * borrowed connection is kept. */
	struct db_generation other = gen;
	other.bytes[0] ^= 0xff;
	rd.gen = &other;
	assert_int_equal(db_begin_read(F.db, &e), 0);
	assert_int_equal(
	    measures_compute_many_at(F.db, &rd, qs, n, &F.pop, at, &e), 0);
	db_end_read(F.db);
	for (size_t i = 0; i < n; i++) {
		assert_true(json_equal(at[i], rs[i]));
		json_decref(at[i]);
	}
	assert_int_equal(fx.opened, fx.closed);
	/* Scans on an empty database fail: whether this thread took one
	 * is the scheduler's, but either every figure is there and right or
	 * none is and the error says why. */
	char empty[128];
	snprintf(empty, sizeof(empty), "%s/empty.db", F.dir);
	struct db *made = NULL;
	assert_int_equal(db_open(empty, DB_OPEN_CREATE, &made, &e), 0);
	db_close(made);
	fx.path = empty;
	rd.gen = &gen;
	assert_int_equal(db_begin_read(F.db, &e), 0);
	int rc = measures_compute_many_at(F.db, &rd, qs, n, &F.pop, at, &e);
	db_end_read(F.db);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			assert_true(json_equal(at[i], rs[i]));
		else
			assert_null(at[i]);
		json_decref(at[i]);
	}
	if (rc)
		assert_true(e.message[0] != 0);
	cpu_set_t cpus;
	if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0 &&
	    CPU_COUNT(&cpus) > 1)
		assert_true(fx.opened > 0);
	assert_int_equal(fx.opened, fx.closed);
	char p[160];
	snprintf(p, sizeof(p), "%s-wal", empty);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", empty);
	unlink(p);
	snprintf(p, sizeof(p), "%s.access", empty);
	unlink(p);
	unlink(empty);
}

static void
test_summary_matches_records(void **state)
{
	(void)state;
	static const char *const ETH[] = {
	    "white_british",   "white_other",       "black_caribbean",
	    "asian_pakistani", "mixed_white_asian", "other_any"};
	rng_state = 20261201;
	engaged_rng_state = 20261202;
	const int nchildren = 40;
	for (int i = 0; i < nchildren; i++) {
		char dob[11];
		rnd_date(dob, 2003, 10);
		child_in(dob, rnd(3) ? "male" : "female", ETH[rnd(6)],
		         1 + rnd(2));
	}
	/* Each child's family: the child and one or two adults, some of
	 * them also in the next child's family; some with a parenting case
	 * (service 6, parenting). */
	static const char fam_sql[] =
	    "INSERT INTO families(name, created_at) VALUES ('F', '2020-01-01')";
	static const char adult_sql[] =
	    "INSERT INTO people(given_name, family_name, date_of_birth, sex,"
	    " ethnicity, created_at) VALUES ('Test', 'Parent', $1, $2, $3,"
	    " '2020-01-01')";
	static const char member_sql[] =
	    "INSERT INTO family_members(family_id, person_id, member_type,"
	    " relationship, parental_responsibility, in_household,"
	    " created_at) VALUES ($1, $2, $3, 'parent', $4, $5, '2020-01-01')";
	static const char pcase_sql[] =
	    "INSERT INTO cases(person_id, service_id, team_id, start_date,"
	    " created_at) VALUES ($1, 6, 2, '2020-01-01', '2020-01-01')";
	assert_true(nchildren <= MAX_KIDS);
	memset(PARENTS, 0, sizeof(PARENTS));
	for (int i = 1; i <= nchildren; i++) {
		run_sql(fam_sql, NULL, NULL, 0);
		FAMILY[i] = last_id();
		int64_t cm[] = {FAMILY[i], i, NR, 0, 1};
		const char *ct[] = {NULL, NULL, "child", NULL, NULL};
		run_sql(member_sql, ct, cm, 5);
		for (int k = 0; k < 2; k++) {
			if (k == 1 && i > 1 && rnd(3) == 0) {
				/* The previous child's parent too. */
				PARENTS[i][1] = PARENTS[i - 1][0];
			} else {
				char dob[11];
				rnd_date(dob, 1970, 20);
				const char *t[] = {dob,
				                   rnd(2) ? "male" : "female",
				                   ETH[rnd(6)]};
				run_sql(adult_sql, t, NULL, 3);
				PARENTS[i][k] = last_id();
				if (rnd(3) == 0) {
					int64_t pv[] = {PARENTS[i][k]};
					run_sql(pcase_sql, NULL, pv, 1);
				}
			}
			int64_t am[] = {FAMILY[i], PARENTS[i][k], NR,
			                rnd(4) > 0, rnd(2)};
			const char *at[] = {NULL, NULL, "adult", NULL, NULL};
			run_sql(member_sql, at, am, 5);
		}
	}
	int64_t first_victim = 0;
	for (int i = 0; i < 3; i++) {
		static const char sql[] =
		    "INSERT INTO people(given_name, family_name, created_at)"
		    " VALUES ('Victim', 'Person', '2020-01-01')";
		run_sql(sql, NULL, NULL, 0);
		if (!first_victim)
			first_victim = last_id();
	}
	for (int round = 0; round < 6; round++) {
		for (int i = 0; i < 260; i++)
			random_write(nchildren, first_victim);
		struct err e;
		err_clear(&e);
		int64_t missing = -1, extra = -1;
		assert_int_equal(
		    store_measures_compare(F.db, &missing, &extra, &e), 0);
		assert_int_equal(missing, 0);
		assert_int_equal(extra, 0);
		assert_same_figures("2019-04-01", "2024-03-31");
		assert_same_figures("2021-07-01", "2021-09-30");
	}
	/* And it was not trivially empty. */
	json_t *r = measure("court-decisions", "2019-04-01", "2024-03-31", NULL,
	                    NULL, 0);
	assert_true(jint(r, "denominator") > 20);
	json_decref(r);
	r = measure("reoffending", "2019-04-01", "2024-03-31", NULL, NULL, 0);
	assert_true(jint(r, "numerator") > 0);
	json_decref(r);
	/* Parents seen and not seen at each kind of point. */
	r = measure("parents-seen", "2019-04-01", "2024-03-31", NULL, NULL, 0);
	assert_true(jint(r, "numerator") >= 3);
	assert_true(jint(r, "denominator") > 20 + jint(r, "numerator"));
	const json_t *pts = json_object_get(r, "points");
	assert_true(jint(json_object_get(pts, "review"), "denominator") > 5);
	assert_true(jint(json_object_get(pts, "end"), "denominator") > 5);
	json_decref(r);
	/* Children with a parent engaged, and children without. */
	r = measure("parent-engagement", "2021-04-01", "2022-03-31", NULL, NULL,
	            0);
	assert_true(jint(r, "numerator") >= 3);
	assert_true(jint(r, "denominator") > 5 + jint(r, "numerator"));
	json_decref(r);
	/* The board pack computed together (shared scans) gives what each
	 * measure gives alone. */
	struct measure_query qs[32];
	json_t *rs[32];
	size_t n = 0;
	for (size_t m = 0; MEASURES[m]; m++) {
		struct err pe;
		/* Steps to Change is about families: no ethnic groups. */
		if (!measure_takes_by(MEASURES[m], "ethnicity"))
			continue;
		assert_int_equal(measure_query_parse(&qs[n], MEASURES[m],
		                                     "2020-04-01", "2023-03-31",
		                                     "ethnicity", NULL,
		                                     "2023-06-01", &pe),
		                 0);
		n++;
	}
	struct err me;
	assert_int_equal(measures_compute_many(F.db, qs, n, &F.pop, rs, &me),
	                 0);
	at_once_same(qs, n, rs);
	for (size_t i = 0; i < n; i++) {
		json_t *one = NULL;
		assert_int_equal(
		    measures_compute(F.db, &qs[i], &F.pop, &one, &me), 0);
		assert_true(json_equal(one, rs[i]));
		json_decref(one);
		json_decref(rs[i]);
	}
	/* A bulk load skips the triggers and rebuilds before it commits. */
	struct err be;
	err_clear(&be);
	assert_int_equal(db_begin(F.db, &be), 0);
	assert_int_equal(store_measures_bulk_begin(F.db, &be), 0);
	outcome(1, "youth_caution", "2021-05-05");
	outcome(2, "custodial_sentence", "2021-06-05");
	assert_int_equal(store_measures_bulk_end(F.db, &be), 0);
	assert_int_equal(db_commit(F.db, &be), 0);
	int64_t bm = -1, bx = -1;
	assert_int_equal(store_measures_compare(F.db, &bm, &bx, &be), 0);
	assert_int_equal(bm + bx, 0);
	/* A rebuild from scratch changes nothing. */
	struct err e;
	err_clear(&e);
	assert_int_equal(store_measures_rebuild(F.db, &e), 0);
	int64_t missing = -1, extra = -1;
	assert_int_equal(store_measures_compare(F.db, &missing, &extra, &e), 0);
	assert_int_equal(missing + extra, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fte, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reoffending, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_custody, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_kpis, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_risk, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_query_parse, setup, teardown),
	    cmocka_unit_test(test_plan_shares_second_query),
	    cmocka_unit_test_setup_teardown(test_periods_and_csv, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_entered_in_error, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        test_entered_in_error_moves_first_entry, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_summary_matches_records, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
