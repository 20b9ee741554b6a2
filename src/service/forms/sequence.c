/*
 * sequence.c - the order of a scored form's stages (docs/forms.md,
 * distance-travelled): a subject's scorings go start, then reviews, then
 * the end (and a family that comes back starts again). A second start, or
 * a review or an end with no start open, is refused, naming the stage
 * question; the form's first
 * page offers only the stages that may come next (`stages_allowed` on a
 * response). Not for pre/post questionnaires: a parent may take a course
 * more than once, and the measure pairs each pre with the post after it.
 */
#include "service/forms/responses.h"

#include "service/forms/forms.h"

#include <string.h>

#include "service/ctx.h"
#include "service/forms/item.h"
#include "store/forms/responses.h"

/* The subject a response row or body is about: its column and id. */
static const char *
subject_of(const json_t *rec, int64_t *id)
{
	static const struct {
		const char *key, *subject;
	} keys[] = {
	    {"family_id", "family"},
	    {"person_id", "person"},
	    {"case_id", "case"},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(rec, keys[i].key);
		if (json_is_integer(v) && json_integer_value(v) > 0) {
			*id = json_integer_value(v);
			return keys[i].subject;
		}
	}
	*id = 0;
	return NULL;
}

/* The stage question of def and its options' codes in order (borrowed
 * from def); 0 when def has no distance rule or fewer than 2 stages. */
static size_t
stages_of(const struct form *def, const char **question, const char **codes,
          size_t max)
{
	struct forms_block b[1];
	long low;
	*question = NULL;
	if (!def || forms_distance(def, b, 1, question, &low) == 0 ||
	    !*question)
		return 0;
	const json_t *item = forms_item(def, *question);
	size_t n = 0, i;
	json_t *o;
	json_array_foreach(json_object_get(item, "answerOption"), i, o)
	{
		const char *c = item_option_code(o);
		if (c && n < max)
			codes[n++] = c;
	}
	return n >= 2 ? n : 0;
}

/* Where the subject's scorings stand: no start yet, started (its latest
 * start or end a start), or ended (its latest an end). */
enum episode { NOT_STARTED, STARTED, ENDED };

/* The state of the subject rec names from its completed, current
 * responses of def's form other than self_id, newest first (authored):
 * the newest whose stage is the first or the last code decides. */
static int
episode_of(struct ctx *ctx, const struct form *def, const json_t *rec,
           int64_t self_id, const char *question, const char **codes, size_t n,
           enum episode *state, struct err *e)
{
	int64_t sid = 0;
	const char *subject = subject_of(rec, &sid);
	*state = NOT_STARTED;
	if (!subject)
		return 0;
	struct form_response_query q = {
	    .subject = subject,
	    .subject_id = sid,
	    .form_id = def->id,
	    .include_closed = 0,
	    .limit = 10000,
	    .offset = 0,
	};
	json_t *rows = NULL;
	int rc = store_form_responses_list(ctx_db(ctx), &q, &rows, e);
	if (rc)
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		const char *status =
		    json_string_value(json_object_get(row, "status"));
		json_t *id = json_object_get(row, "id");
		if (!status || strcmp(status, "completed") != 0 ||
		    (json_is_integer(id) && json_integer_value(id) == self_id))
			continue;
		const struct form *rdef =
		    forms_find(&ctx->srv->forms, def->id,
		               (long)json_integer_value(
		                   json_object_get(row, "form_version")));
		const char *text =
		    json_string_value(json_object_get(row, "document"));
		json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
		json_t *sc = NULL, *fl = NULL;
		json_t *answers = forms_answers_of(rdef, doc, &sc, &fl);
		const char *stage =
		    json_string_value(json_object_get(answers, question));
		int decided = 0;
		if (stage && strcmp(stage, codes[0]) == 0) {
			*state = STARTED;
			decided = 1;
		} else if (stage && strcmp(stage, codes[n - 1]) == 0) {
			*state = ENDED;
			decided = 1;
		}
		json_decref(answers);
		json_decref(sc);
		json_decref(fl);
		json_decref(doc);
		if (decided)
			break;
	}
	json_decref(rows);
	return 0;
}

/* 1 when stage k may come next: the start when none is open (never
 * started, or ended: a family may come back), a later stage while one
 * is. */
static int
may_come_next(size_t k, enum episode state)
{
	return k == 0 ? state != STARTED : state == STARTED;
}

#define STAGES_MAX 8

int
form_sequence_check(struct ctx *ctx, const struct form *def, const json_t *rec,
                    const json_t *answers, int64_t self_id, struct err *e)
{
	const char *codes[STAGES_MAX], *question;
	size_t n = stages_of(def, &question, codes, STAGES_MAX);
	const char *stage =
	    n ? json_string_value(json_object_get(answers, question)) : NULL;
	if (!stage || err_names(e, question))
		return e->code;
	size_t k = 0;
	while (k < n && strcmp(codes[k], stage) != 0)
		k++;
	if (k == n)
		return e->code;
	enum episode state;
	struct err one;
	err_clear(&one);
	if (episode_of(ctx, def, rec, self_id, question, codes, n, &state,
	               &one)) {
		*e = one;
		return one.code;
	}
	if (may_come_next(k, state))
		return e->code;
	int64_t sid;
	const char *subject = subject_of(rec, &sid);
	const char *who = !subject                         ? "this record"
	                  : strcmp(subject, "family") == 0 ? "this family"
	                  : strcmp(subject, "case") == 0   ? "this case"
	                                                   : "this person";
	const char *title = def->title ? def->title : def->id;
	if (state == STARTED)
		err_rule(e, question,
		         "Select a later stage: %s already has a %s scoring "
		         "at the %s",
		         who, title, codes[0]);
	else if (state == NOT_STARTED)
		err_rule(e, question,
		         "Score the %s first: %s has no %s scoring at the %s "
		         "yet",
		         codes[0], who, title, codes[0]);
	else
		err_rule(e, question, "Score a new %s first: %s’s %s has ended",
		         codes[0], who, title);
	return e->code;
}

int
form_sequence_allowed(struct ctx *ctx, const struct form *def,
                      const json_t *rec, json_t **out, struct err *e)
{
	*out = NULL;
	const char *codes[STAGES_MAX], *question;
	size_t n = stages_of(def, &question, codes, STAGES_MAX);
	if (!n)
		return 0;
	enum episode state;
	json_t *self = json_object_get(rec, "id");
	int rc = episode_of(
	    ctx, def, rec, json_is_integer(self) ? json_integer_value(self) : 0,
	    question, codes, n, &state, e);
	if (rc)
		return rc;
	json_t *allowed = json_array();
	for (size_t k = 0; allowed && k < n; k++)
		if (may_come_next(k, state))
			json_array_append_new(allowed, json_string(codes[k]));
	*out = allowed ? json_pack("{s:s, s:o}", "question", question,
	                           "allowed", allowed)
	               : NULL;
	if (!*out)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}
