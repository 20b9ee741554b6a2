/*
 * test_prepost.c - pre/post pairs of a pre/post questionnaire
 * (service/forms/prepost.c over store_form_responses_of_form): per
 * subject and scored group, the first "pre" and the last "post" after it,
 * with the scores saved in the responses; subjects without both, drafts,
 * superseded and closed responses left out. On the shipped
 * forms/parenting-confidence.json, responses written as the engine writes
 * them, in a migrated database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "service/forms/forms.h"
#include "service/forms/responses.h"
#include "store/forms/responses.h"
#include "temp_db.h"

static const char ROWS[] =
    "INSERT INTO people(id, given_name, family_name, created_at) VALUES"
    " (1, 'A', 'One', '2024-01-01'), (2, 'B', 'Two', '2024-01-01'),"
    " (3, 'C', 'Three', '2024-01-01');";

/* Write a response of def about person with every item answered v
 * (a Likert code), stage `when`, on date; status as given. */
static int64_t
respond(struct temp_db *t, const struct form *def, int64_t person,
        const char *when, const char *v, const char *date, const char *status)
{
	static const char *const ITEMS[] = {
	    "conf_handle", "conf_boundaries", "conf_talk",  "conf_help",
	    "wb_calm",     "wb_cope",         "wb_support", NULL};
	json_t *answers = json_pack("{s:s}", "when", when);
	for (const char *const *k = ITEMS; *k; k++)
		json_object_set_new(answers, *k, json_string(v));
	struct err e;
	err_clear(&e);
	assert_int_equal(forms_validate(def, answers, 1, &e), 0);
	json_t *doc = NULL;
	assert_int_equal(forms_response(def, answers, status, date, &doc, &e),
	                 0);
	char *text = json_dumps(doc, JSON_COMPACT);
	json_t *rec = json_pack(
	    "{s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s}", "form_id", def->id,
	    "form_version", (json_int_t)def->version, "subject_type", "person",
	    "person_id", (json_int_t)person, "completed_by", "parent",
	    "authored", date, "status", status, "document", text);
	int64_t id = 0;
	assert_int_equal(record_insert(t->db, &FORM_RESPONSES_TABLE, rec,
	                               "2024-01-01T00:00:00Z", 0, &id, &e),
	                 0);
	free(text);
	json_decref(rec);
	json_decref(doc);
	json_decref(answers);
	return id;
}

static void
test_pairs(void **state)
{
	(void)state;
	struct temp_db t;
	temp_db_open(&t);
	temp_db_rows(&t, ROWS);
	struct forms forms;
	struct err e;
	err_clear(&e);
	if (forms_load_dir(&forms, "forms", &e) != 0)
		fail_msg("forms: %s", e.message);
	const struct form *def = forms_find(&forms, "parenting-confidence", 0);
	assert_non_null(def);
	/* Person 1: pre (disagree, 2), a later pre (agree, 4, not the
	 * first), post (neither, 3), then a last post (strongly agree, 5). */
	int64_t pre1 =
	    respond(&t, def, 1, "pre", "disagree", "2024-01-10", "completed");
	respond(&t, def, 1, "pre", "agree", "2024-01-20", "completed");
	respond(&t, def, 1, "post", "neither", "2024-03-01", "completed");
	int64_t post1 = respond(&t, def, 1, "post", "strongly_agree",
	                        "2024-04-01", "completed");
	/* Person 2: a pre only, and a post still a draft. */
	respond(&t, def, 2, "pre", "disagree", "2024-01-10", "completed");
	respond(&t, def, 2, "post", "agree", "2024-03-01", "in-progress");
	/* Person 3: a post before any pre is no pair. */
	respond(&t, def, 3, "post", "agree", "2024-01-05", "completed");
	respond(&t, def, 3, "pre", "disagree", "2024-02-05", "completed");

	json_t *pairs = NULL;
	assert_int_equal(form_pre_post_pairs(
	                     t.db, &forms, "parenting-confidence", &pairs, &e),
	                 0);
	assert_int_equal(json_array_size(pairs), 2); /* two groups */
	for (size_t i = 0; i < 2; i++) {
		json_t *p = json_array_get(pairs, i);
		assert_string_equal(
		    json_string_value(json_object_get(p, "group")),
		    i == 0 ? "confidence" : "wellbeing");
		assert_int_equal(
		    json_integer_value(json_object_get(p, "subject_id")), 1);
		json_t *pre = json_object_get(p, "pre"),
		       *post = json_object_get(p, "post");
		assert_int_equal(json_integer_value(json_object_get(pre, "id")),
		                 pre1);
		assert_int_equal(
		    json_integer_value(json_object_get(post, "id")), post1);
		assert_true(json_real_value(json_object_get(pre, "score")) ==
		            2.0);
		assert_true(json_real_value(json_object_get(post, "score")) ==
		            5.0);
		assert_true(json_real_value(json_object_get(p, "change")) ==
		            3.0);
	}
	json_decref(pairs);
	/* A form that is not pre/post is refused, naming form_id. */
	err_clear(&e);
	assert_int_equal(
	    form_pre_post_pairs(t.db, &forms, "steps-to-change", &pairs, &e),
	    SPIRE_EINVAL);
	assert_string_equal(e.field, "form_id");
	forms_release(&forms);
	record_table_release(&FORM_RESPONSES_TABLE);
	temp_db_remove(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
