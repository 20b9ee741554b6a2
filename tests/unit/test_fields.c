/*
 * test_fields.c - table-driven cases for fields_apply() (src/core/fields.c):
 * required, unknown keys, immutable and server fields, enums, lists, types,
 * normalisation, defaults on create, and fields_present().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/fields.h"

/* A vocabulary with a retired term: held records keep it, new values
 * cannot take it. */
static const struct vocab_term COLOUR_TERMS[] = {
    {"red", "Red", NULL, NULL, NULL, 0},
    {"green", "Green", NULL, NULL, NULL, 0},
    {"brown", "Brown", NULL, NULL, NULL, 1},
};
static const struct vocab COLOURS =
    VOCAB_TERMS("colours", "Colour", COLOUR_TERMS);
static const char *const CODES[] = {"red", "green", NULL};

static const struct field FIELDS[] = {
    {"name", FT_TEXT, FF_REQUIRED, 0, 10, NULL, NULL},
    {"colour", FT_ENUM, 0, 0, 0, &COLOURS, NULL},
    {"dob", FT_DATE, 0, 0, 0, NULL, NULL},
    {"seen_at", FT_DATETIME, 0, 0, 0, NULL, NULL},
    {"kind", FT_TEXT, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"owner", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"tags", FT_LIST, 0, 0, 5, NULL, NULL},
    {"paints", FT_LIST, 0, 0, 0, &COLOURS, NULL},
    {"count", FT_INT, 0, 0, 5, NULL, NULL},
    {"parent_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"flag", FT_BOOL, 0, 0, 0, NULL, NULL},
    {"email", FT_EMAIL, 0, 0, 0, NULL, NULL},
    {"phone", FT_PHONE, 0, 0, 0, NULL, NULL},
    {"pc", FT_POSTCODE, 0, 0, 0, NULL, NULL},
    {"nhs", FT_NHS, 0, 0, 0, NULL, NULL},
    {"upn", FT_UPN, 0, 0, 0, NULL, NULL},
    {"pnc", FT_PNC, 0, 0, 0, NULL, NULL},
    {"title", FT_TEXT, FF_LINE, 0, 20, NULL, NULL},
    {"note", FT_TEXT, 0, 0, 20, NULL, NULL},
    {"local_id", FT_IDENT, 0, 0, 10, NULL, NULL},
};

static const char *const IGNORE[] = {"version", NULL};

struct apply_case {
	const char *body;
	int creating;
	const char *field; /* the field named in the error; NULL: success */
};

/* The stored record updates start from. */
static const char OLD[] =
    "{\"name\":\"Ann\",\"kind\":\"k1\",\"owner\":7,\"flag\":false,"
    "\"tags\":[],\"colour\":\"brown\",\"paints\":[\"brown\"]}";

static const struct apply_case CASES[] = {
    {"{\"name\":\"Ann\"}", 1, NULL},
    {"{}", 1, "name"},
    {"{\"name\":null}", 1, "name"},
    {"{\"name\":\"   \"}", 1, "name"},
    {"{\"name\":\"abcdefghijk\"}", 1, "name"}, /* 11 > max 10 */
    {"{\"name\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}", 1, NULL},
    {"{\"name\":\"bad\\u0001\"}", 1, "name"},
    {"{\"name\":5}", 1, "name"},
    {"{\"name\":\"Ann\",\"bogus\":1}", 1, "bogus"},
    {"{\"name\":\"Ann\",\"owner\":3}", 1, "owner"},
    {"{\"name\":\"Ann\",\"owner\":3}", 0, "owner"},
    {"{\"name\":\"Ann\",\"kind\":\"x\"}", 1, NULL},
    {"{\"kind\":\"x\"}", 0, "kind"},
    {"{\"name\":\"Bea\"}", 0, NULL},
    {"{\"name\":null}", 0, "name"},
    {"{\"colour\":\"green\"}", 0, NULL},
    {"{\"colour\":\"blue\"}", 0, "colour"},
    {"{\"colour\":\"Red\"}", 0, "colour"},
    {"{\"colour\":null}", 0, NULL},
    /* A retired term: kept when the record holds it, refused as new. */
    {"{\"colour\":\"brown\"}", 0, NULL},
    {"{\"name\":\"Ann\",\"colour\":\"brown\"}", 1, "colour"},
    {"{\"paints\":[\"brown\",\"red\"]}", 0, NULL},
    {"{\"name\":\"Ann\",\"paints\":[\"brown\"]}", 1, "paints"},
    {"{\"dob\":\"2024-02-29\"}", 0, NULL},
    {"{\"dob\":\"2023-02-29\"}", 0, "dob"},
    {"{\"seen_at\":\"2024-02-29T10:00Z\"}", 0, NULL},
    {"{\"seen_at\":\"2024-02-29\"}", 0, NULL},
    {"{\"seen_at\":\"yesterday\"}", 0, "seen_at"},
    {"{\"tags\":[\"a\",\"bb\"]}", 0, NULL},
    {"{\"tags\":\"a\"}", 0, "tags"},
    {"{\"tags\":[\"a\",3]}", 0, "tags"},
    {"{\"tags\":[\"\"]}", 0, "tags"},
    {"{\"tags\":[\"toolong\"]}", 0, "tags"},
    {"{\"paints\":[\"red\",\"green\"]}", 0, NULL},
    {"{\"paints\":[\"red\",\"blue\"]}", 0, "paints"},
    {"{\"count\":0}", 0, NULL},
    {"{\"count\":5}", 0, NULL},
    {"{\"count\":6}", 0, "count"},
    {"{\"count\":-1}", 0, "count"},
    {"{\"count\":\"3\"}", 0, "count"},
    {"{\"count\":2.5}", 0, "count"},
    {"{\"parent_id\":1}", 0, NULL},
    {"{\"parent_id\":0}", 0, "parent_id"},
    {"{\"parent_id\":-4}", 0, "parent_id"},
    {"{\"flag\":true}", 0, NULL},
    {"{\"flag\":\"yes\"}", 0, "flag"},
    {"{\"flag\":1}", 0, "flag"},
    {"{\"email\":\"a@b.co\"}", 0, NULL},
    {"{\"email\":\"a@b\"}", 0, "email"},
    {"{\"phone\":\"01234 567890\"}", 0, NULL},
    {"{\"phone\":\"call me\"}", 0, "phone"},
    {"{\"pc\":\"SW1A 9ZZZ\"}", 0, "pc"},
    {"{\"nhs\":\"9434765918\"}", 0, "nhs"},
    {"{\"upn\":\"D801123456789\"}", 0, "upn"},
    {"{\"pnc\":\"01/1M\"}", 0, "pnc"},
    {"{\"version\":3,\"name\":\"Cy\"}", 0, NULL}, /* ignored key */
    /* One-line names refuse every control character; notes keep line
     * breaks and tabs but refuse the rest. */
    {"{\"title\":\"a\\tb\"}", 0, "title"},
    {"{\"title\":\"a\\nb\"}", 0, "title"},
    {"{\"title\":\"a\\u0085b\"}", 0, "title"},
    {"{\"title\":\"a\\u202eb\"}", 0, "title"},
    {"{\"title\":\"a b\"}", 0, NULL},
    {"{\"note\":\"a\\nb\\tc\"}", 0, NULL},
    {"{\"note\":\"a\\u0085b\"}", 0, "note"},
    {"{\"local_id\":\"ab-12 3\"}", 0, NULL},
    {"{\"local_id\":\" - \"}", 0, "local_id"},
    {"{\"local_id\":\"a\\nb\"}", 0, "local_id"},
    {"{\"local_id\":\"abcdefghijk\"}", 0, "local_id"},
};

static void
test_apply_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
		const struct apply_case *c = &CASES[i];
		json_t *in = json_loads(c->body, 0, NULL);
		assert_non_null(in);
		json_t *rec =
		    c->creating ? json_object() : json_loads(OLD, 0, NULL);
		struct err e;
		err_clear(&e);
		int rc = fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec,
		                      c->creating, IGNORE, &e);
		if (c->field == NULL && rc != 0)
			fail_msg("case %zu %s: unexpected error %s: %s", i,
			         c->body, e.field, e.message);
		if (c->field != NULL &&
		    (rc != SPIRE_EINVAL || strcmp(e.field, c->field) != 0))
			fail_msg("case %zu %s: rc %d field '%s', want field "
			         "'%s'",
			         i, c->body, rc, e.field, c->field);
		json_decref(in);
		json_decref(rec);
	}
}

static void
test_apply_normalises_and_defaults(void **state)
{
	(void)state;
	json_t *in = json_loads(
	    "{\"name\":\"Ann\",\"pc\":\"sw1a1aa\",\"nhs\":\"943 476-5919\","
	    "\"upn\":\"c801 1234 56789\",\"pnc\":\"1998/123456e\","
	    "\"local_id\":\"cv-12 3\"}",
	    0, NULL);
	json_t *rec = json_object();
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, NULL, &e),
	    0);
	assert_string_equal(json_string_value(json_object_get(rec, "pc")),
	                    "SW1A 1AA");
	assert_string_equal(json_string_value(json_object_get(rec, "nhs")),
	                    "9434765919");
	assert_string_equal(json_string_value(json_object_get(rec, "upn")),
	                    "C801123456789");
	assert_string_equal(json_string_value(json_object_get(rec, "pnc")),
	                    "98/123456E");
	assert_string_equal(json_string_value(json_object_get(rec, "local_id")),
	                    "CV123");
	/* Create fills every absent field: false, [] or null. */
	assert_true(json_is_false(json_object_get(rec, "flag")));
	assert_true(json_is_array(json_object_get(rec, "tags")));
	assert_int_equal(json_array_size(json_object_get(rec, "tags")), 0);
	assert_true(json_is_null(json_object_get(rec, "colour")));
	assert_true(json_is_null(json_object_get(rec, "owner")));
	assert_int_equal(json_object_size(rec), FIELDS_COUNT(FIELDS));
	json_decref(in);
	json_decref(rec);
}

static void
test_update_merges_only_given(void **state)
{
	(void)state;
	json_t *rec = json_loads(OLD, 0, NULL);
	json_t *in = json_loads("{\"colour\":\"red\",\"flag\":null}", 0, NULL);
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 0, NULL, &e),
	    0);
	assert_string_equal(json_string_value(json_object_get(rec, "name")),
	                    "Ann");
	assert_string_equal(json_string_value(json_object_get(rec, "kind")),
	                    "k1");
	assert_int_equal(json_integer_value(json_object_get(rec, "owner")), 7);
	assert_string_equal(json_string_value(json_object_get(rec, "colour")),
	                    "red");
	assert_true(json_is_false(json_object_get(rec, "flag")));
	assert_null(json_object_get(rec, "dob")); /* not added on update */
	json_decref(in);
	json_decref(rec);
	/* Not an object at all. */
	json_t *arr = json_array();
	rec = json_object();
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), arr, rec, 1, NULL, &e),
	    SPIRE_EINVAL);
	json_decref(arr);
	json_decref(rec);
}

/* An optional text left empty or all spaces is no value (null), on
 * create and on a change, where it clears what was there (session 28). */
static void
test_empty_text_is_no_value(void **state)
{
	(void)state;
	json_t *in = json_loads(
	    "{\"name\":\"Ann\",\"note\":\"\",\"title\":\"   \"}", 0, NULL);
	json_t *rec = json_object();
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, NULL, &e),
	    0);
	assert_true(json_is_null(json_object_get(rec, "note")));
	assert_true(json_is_null(json_object_get(rec, "title")));
	json_decref(in);
	json_decref(rec);
	rec = json_loads("{\"name\":\"Ann\",\"note\":\"Met mum\"}", 0, NULL);
	in = json_loads("{\"note\":\" \\n\\t \"}", 0, NULL);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 0, NULL, &e),
	    0);
	assert_true(json_is_null(json_object_get(rec, "note")));
	json_decref(in);
	/* A required text left empty is still refused. */
	in = json_loads("{\"name\":\" \"}", 0, NULL);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 0, NULL, &e),
	    SPIRE_EINVAL);
	assert_string_equal(e.field, "name");
	json_decref(in);
	json_decref(rec);
}

/* Every field in error is named, the first in e and the others after it,
 * each with a message for people (no JSON keys, no formats). */
static void
test_apply_names_every_error(void **state)
{
	(void)state;
	json_t *in =
	    json_loads("{\"name\":\" \",\"dob\":\"2023-02-29\",\"bogus\":1,"
	               "\"colour\":\"blue\",\"nhs\":\"123\",\"count\":9,"
	               "\"pc\":\"x\"}",
	               0, NULL);
	json_t *rec = json_object();
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, NULL, &e),
	    SPIRE_EINVAL);
	static const char *const want[] = {"name", "dob",   "bogus", "colour",
	                                   "nhs",  "count", "pc"};
	assert_int_equal(err_count(&e), 7);
	assert_string_equal(e.field, want[0]);
	for (size_t i = 1; i < 7; i++)
		assert_string_equal(e.more[i - 1].field, want[i]);
	assert_string_equal(e.message, "Enter the name");
	assert_string_equal(e.more[0].message,
	                    "Date of birth must be a real date");
	assert_string_equal(e.more[4].message, "Count must be between 0 and 5");
	json_decref(in);
	json_decref(rec);
	/* Missing required fields are named with the rest. */
	in = json_loads("{\"colour\":\"blue\"}", 0, NULL);
	rec = json_object();
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, NULL, &e),
	    SPIRE_EINVAL);
	assert_int_equal(err_count(&e), 2);
	assert_string_equal(e.field, "colour");
	assert_string_equal(e.more[0].field, "name");
	json_decref(in);
	json_decref(rec);
	/* A date-and-time field asks for a real date: the screens ask for
	 * the day only, and a date alone is accepted. */
	in = json_loads("{\"name\":\"A\",\"seen_at\":\"2025-02-30\"}", 0, NULL);
	rec = json_object();
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, NULL, &e),
	    SPIRE_EINVAL);
	assert_string_equal(e.field, "seen_at");
	assert_string_equal(e.message, "Seen at must be a real date");
	json_decref(in);
	json_decref(rec);
}

static void
test_labels(void **state)
{
	(void)state;
	static const struct {
		const char *name, *label;
	} c[] = {
	    {"date_of_birth", "date of birth"},
	    {"nhs_number", "NHS number"},
	    {"pnc_id", "PNC ID"},
	    {"upn", "unique pupil number"},
	    {"given_name", "first name"},
	    {"contact_date", "contact date"},
	    /* A reference reads as what it names; typed IDs keep "ID". */
	    {"team_id", "team"},
	    {"owner_team_id", "owner team"},
	    {"local_id", "local ID"},
	    {"yro_requirements", "youth rehabilitation order requirements"},
	    {"rj_offered", "restorative justice offered"},
	    {"ete_hours_offered", "ETE hours offered"},
	    /* As the contact screen labels it (issue 10). */
	    {"duration_minutes", "duration (minutes)"},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char out[80];
		fields_label(c[i].name, out, sizeof(out));
		assert_string_equal(out, c[i].label);
	}
}

static void
test_present(void **state)
{
	(void)state;
	json_t *rec = json_loads("{\"flag\":1,\"tags\":\"[\\\"a\\\"]\","
	                         "\"paints\":\"not json\",\"count\":1}",
	                         0, NULL);
	fields_present(FIELDS, FIELDS_COUNT(FIELDS), rec);
	assert_true(json_is_true(json_object_get(rec, "flag")));
	json_t *tags = json_object_get(rec, "tags");
	assert_true(json_is_array(tags));
	assert_string_equal(json_string_value(json_array_get(tags, 0)), "a");
	assert_true(json_is_array(json_object_get(rec, "paints")));
	assert_int_equal(json_integer_value(json_object_get(rec, "count")), 1);
	json_decref(rec);
	assert_true(fields_in(CODES, "red"));
	assert_false(fields_in(CODES, "blue"));
	assert_false(fields_in(NULL, "red"));
}

/* A short vocabulary's message lists its current terms in the words
 * people see (not codes, not retired terms). */
static void
test_choices_in_words(void **state)
{
	(void)state;
	json_t *rec = json_object();
	json_t *in =
	    json_loads("{\"name\":\"Ann\",\"colour\":\"blue\"}", 0, NULL);
	struct err e;
	err_clear(&e);
	assert_int_equal(
	    fields_apply(FIELDS, FIELDS_COUNT(FIELDS), in, rec, 1, IGNORE, &e),
	    SPIRE_EINVAL);
	assert_string_equal(e.field, "colour");
	assert_string_equal(e.message, "Select the colour: red or green");
	json_decref(in);
	json_decref(rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_apply_table),
	    cmocka_unit_test(test_apply_normalises_and_defaults),
	    cmocka_unit_test(test_update_merges_only_given),
	    cmocka_unit_test(test_empty_text_is_no_value),
	    cmocka_unit_test(test_present),
	    cmocka_unit_test(test_apply_names_every_error),
	    cmocka_unit_test(test_labels),
	    cmocka_unit_test(test_choices_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
