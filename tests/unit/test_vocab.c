/*
 * test_vocab.c - the vocabulary registry (src/core/vocab*.c): every
 * vocabulary well formed and found by name, terms looked up, retired terms
 * kept readable but not accepted, the CHECK text and the messages derived
 * from it; and every CHECK (col IN ('...')) list in the live schema, after
 * all migrations, holding exactly its registry vocabulary's codes, so that
 * the migrations' copies cannot drift from the registry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/vocab.h"
#include "core/vocab_casework.h"
#include "core/yj/vocab_yj.h"
#include "service/roles.h"
#include "store/db.h"
#include "store/schema.h"

static int
well_formed(const char *s, const char *allowed)
{
	return s && *s && strspn(s, allowed) == strlen(s);
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"

static void
test_registry_well_formed(void **state)
{
	(void)state;
	size_t count = 0;
	for (size_t d = 0; VOCAB_DOMAINS[d]; d++) {
		const struct vocab_domain *dom = VOCAB_DOMAINS[d];
		assert_true(dom->n > 0);
		for (size_t i = 0; i < dom->n; i++, count++) {
			const struct vocab *v = dom->vocabs[i];
			if (!well_formed(v->name, LOWER "_"))
				fail_msg("vocabulary name '%s'", v->name);
			assert_true(v->label && v->label[0]);
			assert_true(v->n > 0);
			/* Names are unique: the lookup finds this one. */
			assert_ptr_equal(vocab_find(v->name), v);
			for (size_t t = 0; t < v->n; t++) {
				const struct vocab_term *x = &v->terms[t];
				if (!well_formed(x->code, LOWER "0123456789_-"))
					fail_msg("%s: code '%s'", v->name,
					         x->code);
				if (!x->label || !x->label[0] ||
				    strcmp(x->label, x->code) == 0)
					fail_msg("%s.%s: no words for people",
					         v->name, x->code);
				/* Codes are unique within a vocabulary. */
				assert_ptr_equal(vocab_term(v, x->code), x);
				assert_int_equal(vocab_accepts(v, x->code),
				                 !x->retired);
				assert_string_equal(vocab_label(v, x->code),
				                    x->label);
			}
		}
	}
	assert_true(count > 10);
	assert_null(vocab_find("nothing_like_this"));
	assert_null(vocab_find(NULL));
	assert_null(vocab_term(&VOCAB_SEX, "woman"));
	assert_false(vocab_accepts(&VOCAB_SEX, "Female"));
	assert_false(vocab_accepts(NULL, "female"));
	assert_null(vocab_label(&VOCAB_SEX, NULL));
}

static const struct vocab_term COLOUR_TERMS[] = {
    {"red", "Red", NULL, NULL, "warm bright", 0},
    {"green", "Green", "Like grass", NULL, NULL, 0},
    {"sepia", "Sepia", NULL, NULL, "warm", 1},
    {"blue", "SEN blue", NULL, NULL, NULL, 0},
};
static const struct vocab COLOURS =
    VOCAB_TERMS("colours", "Colour", COLOUR_TERMS);

static void
test_terms_and_derived_text(void **state)
{
	(void)state;
	/* Retired: readable, not accepted as new. */
	assert_non_null(vocab_term(&COLOURS, "sepia"));
	assert_false(vocab_accepts(&COLOURS, "sepia"));
	assert_string_equal(vocab_label(&COLOURS, "sepia"), "Sepia");

	assert_true(vocab_term_has(&COLOUR_TERMS[0], "warm"));
	assert_true(vocab_term_has(&COLOUR_TERMS[0], "bright"));
	assert_false(vocab_term_has(&COLOUR_TERMS[0], "war"));
	assert_false(vocab_term_has(&COLOUR_TERMS[1], "warm"));
	assert_false(vocab_term_has(NULL, "warm"));

	/* The CHECK keeps retired codes, so old rows stay valid. */
	char sql[200];
	assert_int_equal(vocab_check_sql(&COLOURS, "colour", sql, sizeof(sql)),
	                 0);
	assert_string_equal(
	    sql, "CHECK (colour IN ('red', 'green', 'sepia', 'blue'))");
	char tiny[20];
	assert_int_equal(
	    vocab_check_sql(&COLOURS, "colour", tiny, sizeof(tiny)), -1);
	assert_string_equal(tiny, "");

	/* Messages: current terms, in words, acronyms kept. */
	char words[100];
	vocab_choices(&COLOURS, words, sizeof(words));
	assert_string_equal(words, "Red, green or SEN blue");
	char first[40] = "AssetPlus or prevention";
	vocab_lower_first(first);
	assert_string_equal(first, "AssetPlus or prevention");
	snprintf(first, sizeof(first), "%s", "SEN support");
	vocab_lower_first(first);
	assert_string_equal(first, "SEN support");
	snprintf(first, sizeof(first), "%s", "Low or high");
	vocab_lower_first(first);
	assert_string_equal(first, "low or high");
	char cut[12];
	vocab_choices(&COLOURS, cut, sizeof(cut));
	assert_true(strlen(cut) < sizeof(cut));
	assert_non_null(strstr(cut, "..."));

	json_t *j = vocab_json(&COLOURS);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	                    "colours");
	json_t *terms = json_object_get(j, "terms");
	assert_int_equal(json_array_size(terms), 4);
	json_t *green = json_array_get(terms, 1);
	assert_string_equal(json_string_value(json_object_get(green, "hint")),
	                    "Like grass");
	assert_true(
	    json_is_true(json_object_get(json_array_get(terms, 2), "retired")));
	assert_null(json_object_get(json_array_get(terms, 0), "hint"));
	json_decref(j);
}

/* The rules that read sets of outcome types read them from the registry:
 * the substantive ones are exactly the types the schema's generated
 * "substantive" column counts (checked on the live schema below). */
static void
test_outcome_groups(void **state)
{
	(void)state;
	const struct vocab *v = &VOCAB_OUTCOME_TYPES;
	for (size_t i = 0; i < v->n; i++) {
		const char *g = v->terms[i].group;
		assert_non_null(g);
		assert_non_null(vocab_term(&VOCAB_OUTCOME_KINDS, g));
	}
	assert_true(vocab_term_has(vocab_term(v, "youth_caution"),
	                           VOCAB_TAG_SUBSTANTIVE));
	assert_false(vocab_term_has(vocab_term(v, "remand_youth_detention"),
	                            VOCAB_TAG_SUBSTANTIVE));
}

/* Which column holds which vocabulary: every CHECK (col IN ('...')) in the
 * live schema must be listed here, and every row here must be found. */
static const struct {
	const char *table, *column, *vocab; /* vocab NULL: the roles */
} COLUMNS[] = {
    {"users", "role", NULL},
    {"family_members", "member_type", "family_member_types"},
    {"cases", "status", "case_statuses"},
    {"tasks", "status", "task_statuses"},
    {"consents", "status", "consent_statuses"},
    {"consents", "shares", "consent_shares"},
    {"consents", "shared_with", "services"},
    {"family_plan_actions", "owner_type", "family_plan_owner_types"},
    {"family_plan_actions", "status", "family_plan_action_statuses"},
    {"yj_offences", "category", "offence_categories"},
    {"yj_outcomes", "outcome_type", "outcome_types"},
    {"yj_outcomes", "end_reason", "end_reasons"},
    {"yj_assessments", "assessment_type", "assessment_types"},
    {"yj_assessments", "stage", "assessment_stages"},
    {"yj_assessments", "likelihood_of_reoffending", "levels"},
    {"yj_assessments", "risk_of_serious_harm", "levels"},
    {"yj_assessments", "safety_wellbeing", "levels"},
    {"yj_assessments", "intervention_level", "intervention_levels"},
    {"yj_kpi_snapshots", "point", "kpi_points"},
    {"yj_kpi_snapshots", "accommodation", "accommodation"},
    {"yj_kpi_snapshots", "ete_provision", "ete_provision"},
    {"yj_kpi_snapshots", "learning_plan", "learning_plans"},
    {"yj_board_attendance", "agency", "board_agencies"},
    {"form_responses", "subject_type", "form_subject_types"},
    {"form_responses", "completed_by", "form_completed_by"},
    {"form_responses", "status", "form_response_statuses"},
    {"parent_supports", "agreement", "parent_agreements"},
    {"parent_supports", "end_reason", "parent_support_end_reasons"},
    {"parent_sessions", "status", "parent_session_statuses"},
    {"parent_sessions", "session_type", "parent_session_types"},
    {"parent_sessions", "topic", "parent_session_topics"},
    {"parent_sessions", "contract_outcome", "parent_contract_outcomes"},
    {"parent_plan_items", "status", "parent_plan_statuses"},
    {"peer_mentors", "gender", "mentor_genders"},
    {"parent_preferences", "mentor_gender", "mentor_genders"},
    {"parent_referrals", "destination", "referral_destinations"},
    {"parent_referrals", "status", "referral_statuses"},
    {"steps_decisions", "decision", "steps_decisions"},
    {"contacts", "outcome", "contact_outcomes"},
    {"yj_hearings", "hearing_type", "hearing_types"},
    {"yj_hearings", "hearing_outcome", "hearing_outcomes"},
    {"yj_court_reports", "report_type", "court_report_types"},
};

#define N_COLUMNS (sizeof(COLUMNS) / sizeof(COLUMNS[0]))

/* Which rows of COLUMNS the schema had. */
static int found[N_COLUMNS];

/* 1 when the quoted codes of list (the text inside IN (...)) are exactly
 * the codes of v (or of ROLE_NAMES when v is NULL), in any order. */
static int
same_codes(const char *list, size_t len, const struct vocab *v, char *why,
           size_t whylen)
{
	size_t want = 0, seen = 0;
	if (v)
		want = v->n;
	else
		while (ROLE_NAMES[want])
			want++;
	const char *p = list, *end = list + len;
	while (p < end) {
		const char *q = memchr(p, '\'', (size_t)(end - p));
		if (!q)
			break;
		const char *close = memchr(q + 1, '\'', (size_t)(end - q - 1));
		if (!close)
			break;
		char code[80];
		snprintf(code, sizeof(code), "%.*s", (int)(close - q - 1),
		         q + 1);
		int known = 0;
		if (v)
			known = vocab_term(v, code) != NULL;
		else
			for (size_t i = 0; ROLE_NAMES[i]; i++)
				known |= strcmp(ROLE_NAMES[i], code) == 0;
		if (!known) {
			snprintf(why, whylen, "'%s' is not in the registry",
			         code);
			return 0;
		}
		seen++;
		p = close + 1;
	}
	if (seen != want) {
		snprintf(why, whylen, "%zu codes in the CHECK, %zu registered",
		         seen, want);
		return 0;
	}
	return 1;
}

/* Check every "CHECK (col IN (" of table's sql. */
static void
check_table(const char *table, const char *sql)
{
	static const char open[] = "CHECK (";
	for (const char *p = strstr(sql, open); p; p = strstr(p + 1, open)) {
		const char *col = p + strlen(open);
		size_t n = strspn(col, LOWER "_");
		const char *in = col + n;
		if (strncmp(in, " IN", 3) != 0)
			continue;
		in += 3;
		in += strspn(in, " ");
		if (*in != '(')
			continue;
		const char *close = strchr(in, ')');
		assert_non_null(close);
		/* Booleans' IN (0, 1) lists are not vocabularies. */
		if (!memchr(in, '\'', (size_t)(close - in)))
			continue;
		size_t k = 0;
		while (k < N_COLUMNS &&
		       !(strcmp(COLUMNS[k].table, table) == 0 &&
		         strlen(COLUMNS[k].column) == n &&
		         strncmp(COLUMNS[k].column, col, n) == 0))
			k++;
		if (k == N_COLUMNS)
			fail_msg("%s.%.*s has a CHECK list but no registry "
			         "vocabulary",
			         table, (int)n, col);
		const struct vocab *v = NULL;
		if (COLUMNS[k].vocab) {
			v = vocab_find(COLUMNS[k].vocab);
			assert_non_null(v);
		}
		char why[120];
		if (!same_codes(in + 1, (size_t)(close - in - 1), v, why,
		                sizeof(why)))
			fail_msg("%s.%s differs from the registry's %s: %s",
			         table, COLUMNS[k].column,
			         COLUMNS[k].vocab ? COLUMNS[k].vocab : "roles",
			         why);
		found[k] = 1;
	}
}

static void
test_live_schema_checks_match_registry(void **state)
{
	(void)state;
	char dir[] = "/tmp/spire-unit-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/v.db", dir);
	struct err e;
	err_clear(&e);
	struct db *db = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &e), 0);
	if (schema_migrate(db, &e))
		fail_msg("migrate: %s", e.message);
	/* The tables as the last migration left them (SQLite keeps each
	 * table's CREATE text, rewritten by every ALTER). */
	struct db_stmt *s = db_prepare(
	    db,
	    "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND"
	    " sql IS NOT NULL ORDER BY name",
	    &e);
	assert_non_null(s);
	int tables = 0;
	while (db_step(s, &e) == DB_ROW) {
		check_table(db_col_text(s, 0), db_col_text(s, 1));
		tables++;
	}
	db_done(s);
	assert_true(tables > 10);
	for (size_t k = 0; k < N_COLUMNS; k++)
		if (!found[k])
			fail_msg("%s.%s: no CHECK list found in the schema",
			         COLUMNS[k].table, COLUMNS[k].column);
	/* The generated "substantive" column counts the registry's
	 * substantive outcome types, and "kind" their group. */
	struct db_stmt *ins = db_prepare(
	    db,
	    "INSERT INTO teams(id, service_id, name, created_at) VALUES (1, 1,"
	    " 'T', '2024-01-01'); ",
	    &e);
	assert_non_null(ins);
	assert_int_equal(db_step(ins, &e), DB_DONE);
	db_done(ins);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO people(id, given_name, family_name,"
	            " created_at) VALUES (1, 'A', 'B', '2024-01-01');"
	            "INSERT INTO cases(id, person_id, service_id, team_id,"
	            " start_date, created_at) VALUES (1, 1, 1, 1,"
	            " '2024-01-01', '2024-01-01');",
	            &e),
	    0);
	const struct vocab *v = &VOCAB_OUTCOME_TYPES;
	for (size_t i = 0; i < v->n; i++) {
		struct db_stmt *o = db_prepare(
		    db,
		    "INSERT INTO yj_outcomes(person_id, case_id, outcome_type,"
		    " outcome_date, created_at) VALUES (1, 1, $1, '2024-02-01',"
		    " '2024-02-01') RETURNING kind, substantive",
		    &e);
		assert_non_null(o);
		db_bind_text(o, 1, v->terms[i].code);
		if (db_step(o, &e) != DB_ROW)
			fail_msg("%s: %s", v->terms[i].code, e.message);
		assert_string_equal(db_col_text(o, 0), v->terms[i].group);
		assert_int_equal(
		    db_col_int(o, 1),
		    vocab_term_has(&v->terms[i], VOCAB_TAG_SUBSTANTIVE));
		db_done(o);
	}
	db_close(db);
	unlink(path);
	char wal[80];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registry_well_formed),
	    cmocka_unit_test(test_terms_and_derived_text),
	    cmocka_unit_test(test_outcome_groups),
	    cmocka_unit_test(test_live_schema_checks_match_registry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
