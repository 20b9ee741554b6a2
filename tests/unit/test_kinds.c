/*
 * test_kinds.c - the record kind registry (src/store/kinds.c) and the
 * relations it declares (src/store/scope.c): every kind has a name and a
 * relation, lookups by name find the compiled-in kinds and those
 * registered at start-up, a registered kind's relation is that of the
 * record its column names (on a real, migrated SQLite file), and the SQL
 * derived for a registered kind is the very text a compiled-in kind with
 * the same declaration runs.
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

#include "temp_db.h"

#include "store/db.h"
#include "store/kinds.h"
#include "store/open.h"
#include "store/parenting/family_plan.h"
#include "store/schema.h"
#include "store/scope.h"

struct fixture {
	struct temp_db t;
	struct kinds kinds;
};

/* Teams 1 and 2 in service 1, team 3 in service 2; user 1 works in team
 * 1 and holds case 1 of person 1; person 2 has no case. Two tables of a
 * resource described by data: notes on a case, and notes on a person. */
static const char ROWS[] =
    "INSERT INTO teams(id, service_id, name, created_at) VALUES"
    " (1, 1, 'A', '2024-01-01'), (2, 1, 'B', '2024-01-01'),"
    " (3, 2, 'C', '2024-01-01');"
    "INSERT INTO users(id, username, full_name, role, team_id,"
    " password_hash, created_at) VALUES"
    " (1, 'w', 'W', 'yjs_officer', 1, 'x', '2024-01-01');"
    "INSERT INTO people(id, given_name, family_name, created_at) VALUES"
    " (1, 'A', 'Child', '2024-01-01'), (2, 'B', 'Other', '2024-01-01');"
    "INSERT INTO cases(id, person_id, service_id, team_id, worker_id,"
    " start_date, created_at) VALUES"
    " (1, 1, 1, 1, 1, '2024-01-01', '2024-01-01');"
    "CREATE TABLE case_notes (id INTEGER PRIMARY KEY, case_id INTEGER,"
    " subject_id INTEGER, closed_at TEXT);"
    "INSERT INTO case_notes VALUES (1, 1, 2, NULL), (2, NULL, 1,"
    " '2024-02-01');"
    "CREATE TABLE person_notes (id INTEGER PRIMARY KEY, about_id INTEGER);"
    "INSERT INTO person_notes VALUES (1, 1), (2, 2);"
    "CREATE TABLE note_replies (id INTEGER PRIMARY KEY, note_id INTEGER);"
    "INSERT INTO note_replies VALUES (1, 1);"
    "CREATE TABLE team_notes (id INTEGER PRIMARY KEY, team_id INTEGER);"
    "INSERT INTO team_notes VALUES (1, 1);";

/* Who asks, and how each relates to case 1 (and so to person 1). */
static const struct {
	struct scope_subject who;
	enum relation rel;
} SUBJECTS[] = {
    {{1, 1, 1}, REL_OWN},
    {{99, 1, 1}, REL_TEAM},
    {{99, 2, 1}, REL_SERVICE},
    {{99, 3, 2}, REL_NONE},
};

#define N_SUBJECTS (sizeof(SUBJECTS) / sizeof(SUBJECTS[0]))

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	temp_db_open(&f->t);
	temp_db_rows(&f->t, ROWS);
	kinds_init(&f->kinds);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	/* After the connection, whose cache holds the kinds' SQL. */
	db_close(f->t.db);
	f->t.db = NULL;
	kinds_release(&f->kinds);
	temp_db_remove(&f->t);
	free(f);
	return 0;
}

/* Every kind has a unique name, a table, and a relation (a statement or a
 * function); `via` kinds name the kind they relate through. */
static void
test_every_kind_described(void **state)
{
	(void)state;
	size_t n = kinds_count(NULL);
	size_t domains = 0;
	for (size_t i = 0; SCOPE_CASEWORK_KINDS[i]; i++)
		domains++;
	for (size_t i = 0; SCOPE_YJ_KINDS[i]; i++)
		domains++;
	for (size_t i = 0; SCOPE_FORMS_KINDS[i]; i++)
		domains++;
	for (size_t i = 0; SCOPE_PARENTING_KINDS[i]; i++)
		domains++;
	for (size_t i = 0; SCOPE_PEER_KINDS[i]; i++)
		domains++;
	for (size_t i = 0; SCOPE_FAMILY_PLAN_KINDS[i]; i++)
		domains++;
	assert_int_equal(n, domains);
	for (size_t i = 0; i < n; i++) {
		const struct record_kind *k = kinds_at(NULL, i);
		assert_non_null(k);
		assert_non_null(k->name);
		assert_true(k->name[0] != '\0');
		assert_non_null(k->table);
		if (!k->sql && !k->relation)
			fail_msg("kind %s has no relation", k->name);
		if (k->via && !k->of)
			fail_msg("kind %s names no kind for %s", k->name,
			         k->via);
		assert_string_equal(scope_kind_name(k), k->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(kinds_at(NULL, j)->name, k->name) == 0)
				fail_msg("two kinds called %s", k->name);
		assert_ptr_equal(kinds_find(NULL, k->name), k);
	}
	assert_null(kinds_at(NULL, n));
	assert_string_equal(scope_kind_name(RK_NONE), "record");
}

static void
test_lookup(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		const struct record_kind *kind;
	} cases[] = {
	    {"person", RK_PERSON},
	    {"case", RK_CASE},
	    {"family", RK_FAMILY},
	    {"offence", RK_OFFENCE},
	    {"victim", RK_VICTIM},
	    {"form_response", RK_FORM_RESPONSE},
	    {"family_member", RK_FAMILY_MEMBER},
	    {"nothing", NULL},
	    {"", NULL},
	    {"Person", NULL},
	    {NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_ptr_equal(kinds_find(NULL, cases[i].name),
		                 cases[i].kind);
	/* What the policy reads is declared on the kind. */
	assert_true(RK_VICTIM->flags & KIND_YOUTH_JUSTICE);
	assert_false(RK_OFFENCE->flags & KIND_YOUTH_JUSTICE);
	assert_true(RK_PERSON->flags & KIND_VICTIM_RULE);
	assert_true(RK_CONSENT->flags & KIND_VICTIM_RULE);
	assert_false(RK_CONTACT->flags & KIND_VICTIM_RULE);
}

/* The relation of subject to (kind, id), asserting it is found. */
static enum relation
relation_of(struct db *db, const struct scope_subject *who,
            const struct record_kind *kind, int64_t id, int64_t *person_id)
{
	struct err e;
	err_clear(&e);
	enum relation rel = REL_NONE;
	int rc =
	    scope_relation(db, who, kind, id, REL_OWN, &rel, person_id, &e);
	if (rc)
		fail_msg("%s %lld: %d %s", kind->name, (long long)id, rc,
		         e.message);
	return rel;
}

/* A kind registered for a table of case notes relates as the case its
 * case_id names, about the person in subject_id. */
static void
test_registered_via_case(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	const struct record_kind *note =
	    kinds_add_via(&f->kinds, "case_note", "case_notes", "case_id",
	                  "case", "subject_id", 0, &e);
	if (!note)
		fail_msg("register: %s (%s)", e.message, e.field);
	assert_ptr_equal(kinds_find(&f->kinds, "case_note"), note);
	assert_ptr_equal(kinds_at(&f->kinds, kinds_count(NULL)), note);
	assert_int_equal(kinds_count(&f->kinds), kinds_count(NULL) + 1);
	assert_null(kinds_find(NULL, "case_note"));
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		int64_t pid = 0, case_pid = 0;
		enum relation rel =
		    relation_of(f->t.db, &SUBJECTS[i].who, note, 1, &pid);
		assert_int_equal(rel, SUBJECTS[i].rel);
		assert_int_equal(rel, relation_of(f->t.db, &SUBJECTS[i].who,
		                                  RK_CASE, 1, &case_pid));
		assert_int_equal(pid, 2);
	}
	/* A note on no case, and no note at all, are not found. */
	enum relation rel;
	int64_t pid;
	assert_int_equal(scope_relation(f->t.db, &SUBJECTS[0].who, note, 2,
	                                REL_OWN, &rel, &pid, &e),
	                 SPIRE_ENOTFOUND);
	assert_int_equal(scope_relation(f->t.db, &SUBJECTS[0].who, note, 99,
	                                REL_OWN, &rel, &pid, &e),
	                 SPIRE_ENOTFOUND);
	assert_string_equal(e.field, "id");
	/* A registered kind can be what must still be open (store/open.h). */
	int open = -1;
	err_clear(&e);
	assert_int_equal(store_is_open(f->t.db, note, 1, &open, &e), 0);
	assert_int_equal(open, 1);
	assert_int_equal(store_is_kept(f->t.db, note, 2, &open, &e), 0);
	assert_int_equal(open, 0);
	assert_string_equal(store_open_kind_name(note), "case_note");
	assert_string_equal(store_open_kind_name(RK_PERSON), "person's record");
}

/* A kind registered for notes on a person relates as that person does,
 * and is about them; a kind on a registered kind relates through it. */
static void
test_registered_via_person_and_chain(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	const struct record_kind *pnote =
	    kinds_add_via(&f->kinds, "person_note", "person_notes", "about_id",
	                  "person", NULL, KIND_VICTIM_RULE, &e);
	const struct record_kind *cnote =
	    kinds_add_via(&f->kinds, "case_note", "case_notes", "case_id",
	                  "case", NULL, 0, &e);
	const struct record_kind *reply =
	    kinds_add_via(&f->kinds, "note_reply", "note_replies", "note_id",
	                  "case_note", NULL, 0, &e);
	if (!pnote || !cnote || !reply)
		fail_msg("register: %s (%s)", e.message, e.field);
	assert_true(pnote->flags & KIND_VICTIM_RULE);
	assert_ptr_equal(reply->of, cnote);
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		int64_t pid = 0, person_pid = 0;
		enum relation rel =
		    relation_of(f->t.db, &SUBJECTS[i].who, pnote, 1, &pid);
		assert_int_equal(rel, SUBJECTS[i].rel);
		assert_int_equal(rel, relation_of(f->t.db, &SUBJECTS[i].who,
		                                  RK_PERSON, 1, &person_pid));
		assert_int_equal(pid, 1);
		/* Person 2 has no case: no one relates to them. */
		assert_int_equal(
		    relation_of(f->t.db, &SUBJECTS[i].who, pnote, 2, &pid),
		    REL_NONE);
		assert_int_equal(pid, 2);
		/* Without `about`, the person is the case's. */
		assert_int_equal(
		    relation_of(f->t.db, &SUBJECTS[i].who, cnote, 1, &pid),
		    SUBJECTS[i].rel);
		assert_int_equal(pid, 1);
		assert_int_equal(
		    relation_of(f->t.db, &SUBJECTS[i].who, reply, 1, &pid),
		    SUBJECTS[i].rel);
		assert_int_equal(pid, 1);
	}
}

/* A kind registered for notes a team keeps relates as the team does: its
 * members as team, the rest of its service as service, and no one as own. */
static void
test_registered_via_team(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	const struct record_kind *tnote =
	    kinds_add_via(&f->kinds, "team_note", "team_notes", "team_id",
	                  "team", NULL, 0, &e);
	if (!tnote)
		fail_msg("register: %s (%s)", e.message, e.field);
	static const enum relation want[N_SUBJECTS] = {REL_TEAM, REL_TEAM,
	                                               REL_SERVICE, REL_NONE};
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		int64_t pid = -1;
		assert_int_equal(
		    relation_of(f->t.db, &SUBJECTS[i].who, tnote, 1, &pid),
		    want[i]);
		assert_int_equal(pid, 0);
	}
}

/* A registered kind's SQL is derived from the same text as the kinds
 * compiled in: the same declaration gives the same statement. */
static void
test_one_relation_text(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_clear(&e);
	const struct {
		const struct record_kind *compiled;
		const char *name;
	} cases[] = {
	    {RK_OFFENCE, "offence_again"},      {RK_VICTIM, "victim_again"},
	    {RK_CONTACT, "contact_again"},      {RK_CONSENT, "consent_again"},
	    {RK_FAMILY_MEMBER, "member_again"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct record_kind *c = cases[i].compiled;
		const struct record_kind *k =
		    kinds_add_via(&f->kinds, cases[i].name, c->table, c->via,
		                  c->of->name, c->about, c->flags, &e);
		if (!k)
			fail_msg("%s: %s", c->name, e.message);
		assert_string_equal(k->sql, c->sql);
		assert_ptr_equal(k->relation, c->relation);
		assert_int_equal(k->flags, c->flags);
	}
}

static void
test_register_refusals(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name, *table, *via, *of, *about, *field;
	} cases[] = {
	    {"case", "case_notes", "case_id", "case", NULL, "name"},
	    {NULL, "case_notes", "case_id", "case", NULL, "name"},
	    {"Note", "case_notes", "case_id", "case", NULL, "name"},
	    {"note", "case_notes; DROP TABLE cases", "case_id", "case", NULL,
	     "table"},
	    {"note", "case_notes", "case_id = 1 OR 1", "case", NULL, "via"},
	    {"note", "case_notes", "", "case", NULL, "via"},
	    {"note", "case_notes", "case_id", "nothing", NULL, "of"},
	    {"note", "case_notes", "case_id", NULL, NULL, "of"},
	    {"note", "case_notes", "case_id", "case", "x)", "about"},
	    {"note_with_a_name_that_is_far_too_long_to_be_any_sql_identifier_"
	     "at_all",
	     "case_notes", "case_id", "case", NULL, "name"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		err_clear(&e);
		assert_null(kinds_add_via(&f->kinds, cases[i].name,
		                          cases[i].table, cases[i].via,
		                          cases[i].of, cases[i].about, 0, &e));
		assert_int_equal(e.code, SPIRE_EINVAL);
		if (strcmp(e.field, cases[i].field) != 0)
			fail_msg("case %zu: field %s, want %s", i, e.field,
			         cases[i].field);
	}
	assert_int_equal(kinds_count(&f->kinds), kinds_count(NULL));
}

/* A family's relation stops at its owner team once that is enough, and
 * is otherwise the whole of it: family 1 is held by team 1 and has person
 * 1 (case 1, user 1's own) as an open member; family 2 is held by team 3
 * (service 2) with the same member. SUBJECTS: 0 user 1 in team 1, 1 in
 * team 1, 2 in team 2 (service 1), 3 in team 3 (service 2). */
static void
test_family_relation_steps(void **state)
{
	struct fixture *f = *state;
	temp_db_rows(&f->t,
	             "INSERT INTO families(id, name, owner_team_id, created_at)"
	             " VALUES (1, 'One', 1, '2024-01-01'),"
	             " (2, 'Two', 3, '2024-01-01');"
	             "INSERT INTO family_members(id, family_id, person_id,"
	             " member_type, relationship, created_at) VALUES"
	             " (1, 1, 1, 'child', 'child', '2024-01-01'),"
	             " (2, 2, 1, 'child', 'child', '2024-01-01');");
	static const struct {
		int64_t family;
		size_t subject;
		enum relation enough, rel;
	} cases[] = {
	    /* The owner team is enough: the members' cases are not read,
	     * so the relation found is the team's, not the closest. */
	    {1, 0, REL_TEAM, REL_TEAM},
	    {1, 0, REL_SERVICE, REL_TEAM},
	    {1, 0, REL_OWN, REL_OWN},
	    {1, 2, REL_SERVICE, REL_SERVICE},
	    {1, 3, REL_SERVICE, REL_NONE},
	    /* The owner team is not: the whole relation, through the
	     * member's case. */
	    {2, 0, REL_TEAM, REL_OWN},
	    {2, 1, REL_TEAM, REL_TEAM},
	    {2, 2, REL_SERVICE, REL_SERVICE},
	    /* Subject 3 is in team 3, which holds family 2. */
	    {2, 3, REL_SERVICE, REL_TEAM},
	    {2, 3, REL_OWN, REL_TEAM},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		err_clear(&e);
		enum relation rel = REL_NONE;
		int64_t person = -1;
		assert_int_equal(
		    scope_relation(f->t.db, &SUBJECTS[cases[i].subject].who,
		                   RK_FAMILY, cases[i].family, cases[i].enough,
		                   &rel, &person, &e),
		    0);
		if (rel != cases[i].rel)
			fail_msg(
			    "family %lld, subject %zu, enough %d: %d, not %d",
			    (long long)cases[i].family, cases[i].subject,
			    (int)cases[i].enough, (int)rel, (int)cases[i].rel);
		assert_int_equal(person, 0);
	}
	struct err e;
	err_clear(&e);
	enum relation rel;
	int64_t person;
	assert_int_equal(scope_relation(f->t.db, &SUBJECTS[0].who, RK_FAMILY,
	                                99, REL_SERVICE, &rel, &person, &e),
	                 SPIRE_ENOTFOUND);
	assert_string_equal(e.field, "id");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_kind_described),
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test_setup_teardown(test_family_relation_steps, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_registered_via_case, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        test_registered_via_person_and_chain, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_registered_via_team, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_one_relation_text, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_register_refusals, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
