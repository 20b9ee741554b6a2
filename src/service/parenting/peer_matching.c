/*
 * peer_matching.c - the matching view (peer_matching.h). The criteria are
 * the parent's stated ones, in order: language, the mentor's gender,
 * faith, cultural background. Each the parent stated is met or not by
 * each mentor; those the parent said matter to them weigh before the
 * others. Reads parent_preferences and peer_mentors only: never the
 * person's record (ethnicity, religion or anything else recorded).
 */
#include "service/parenting/peer_matching.h"

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "service/parenting/peer_records.h"
#include "service/policy.h"
#include "store/parenting/peer_tables.h"

#define WORDS_MAX 24
#define WORD_LEN 64

/* The folded words of s (at most WORDS_MAX), split at anything that is
 * not a letter or digit of ASCII or a byte of a multi-byte character. */
static size_t
words_of(const char *s, char out[WORDS_MAX][WORD_LEN])
{
	size_t n = 0;
	while (s && *s && n < WORDS_MAX) {
		while (*s &&
		       !((unsigned char)*s >= 0x80 ||
		         (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		         (*s >= '0' && *s <= '9')))
			s++;
		const char *start = s;
		while (*s &&
		       ((unsigned char)*s >= 0x80 || (*s >= 'a' && *s <= 'z') ||
		        (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			s++;
		size_t len = (size_t)(s - start);
		if (len == 0 || len >= WORD_LEN)
			continue;
		char word[WORD_LEN];
		memcpy(word, start, len);
		word[len] = '\0';
		if (name_fold(word, out[n], WORD_LEN) == 0 && out[n][0])
			n++;
	}
	return n;
}

int
peer_words_within(const char *wanted, const char *offered)
{
	char w[WORDS_MAX][WORD_LEN], o[WORDS_MAX][WORD_LEN];
	size_t nw = words_of(wanted, w), no = words_of(offered, o);
	if (nw == 0)
		return 0;
	for (size_t i = 0; i < nw; i++) {
		size_t j = 0;
		while (j < no && strcmp(w[i], o[j]) != 0)
			j++;
		if (j == no)
			return 0;
	}
	return 1;
}

static const char *
str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s && strspn(s, " ") < strlen(s) ? s : NULL;
}

/* One criterion the parent stated, as shown: {name, matters, met}. */
static json_t *
criterion(const char *name, const json_t *pref, const char *matters_key,
          int met)
{
	return json_pack("{s:s, s:b, s:b}", "name", name, "matters",
	                 json_is_true(json_object_get(pref, matters_key)),
	                 "met", met);
}

/* A mentor's place in the list: the criteria the parent stated, how many
 * are met, how many of those that matter are not. */
struct ranked {
	json_t *item;
	int language_met, language_stated;
	int met, unmet_that_matter;
	size_t order; /* the register's order (by name) */
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->language_stated && x->language_met != y->language_met)
		return y->language_met - x->language_met;
	if (x->unmet_that_matter != y->unmet_that_matter)
		return x->unmet_that_matter - y->unmet_that_matter;
	if (x->met != y->met)
		return y->met - x->met;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The languages of the parent's list that the mentor's list holds. */
static json_t *
shared_languages(const json_t *wanted, const json_t *offered)
{
	json_t *shared = json_array();
	size_t i, j;
	const json_t *w, *o;
	json_array_foreach(wanted, i, w)
	{
		json_array_foreach(offered, j, o)
		{
			if (peer_words_within(json_string_value(w),
			                      json_string_value(o))) {
				json_array_append(shared, (json_t *)w);
				break;
			}
		}
	}
	return shared;
}

/* Judge one mentor against the parent's stated preferences. */
static int
judge(const json_t *pref, json_t *mentor, struct ranked *r)
{
	json_t *criteria = json_array();
	r->item =
	    json_pack("{s:O, s:o}", "mentor", mentor, "criteria", criteria);
	if (!r->item || !criteria)
		return -1;
	if (!pref)
		goto done;
	const json_t *langs = json_object_get(pref, "languages");
	if (json_array_size(langs) > 0) {
		json_t *shared = shared_languages(
		    langs, json_object_get(mentor, "languages"));
		if (!shared)
			return -1;
		int met = json_array_size(shared) > 0;
		json_t *c =
		    criterion("language", pref, "language_matters", met);
		if (!c)
			return -1;
		json_object_set_new(c, "shared", shared);
		json_array_append_new(criteria, c);
		r->language_stated = 1;
		r->language_met = met;
	}
	const char *gender = str_of(pref, "mentor_gender");
	if (gender) {
		const char *has = str_of(mentor, "gender");
		json_array_append_new(
		    criteria, criterion("gender", pref, "gender_matters",
		                        has && strcmp(has, gender) == 0));
	}
	if (str_of(pref, "faith"))
		json_array_append_new(
		    criteria,
		    criterion("faith", pref, "faith_matters",
		              peer_words_within(str_of(pref, "faith"),
		                                str_of(mentor, "faith"))));
	if (str_of(pref, "cultural_background"))
		json_array_append_new(
		    criteria,
		    criterion("cultural_background", pref, "culture_matters",
		              peer_words_within(
		                  str_of(pref, "cultural_background"),
		                  str_of(mentor, "cultural_background"))));
done:;
	size_t i;
	const json_t *c;
	json_array_foreach(criteria, i, c)
	{
		int met = json_is_true(json_object_get(c, "met"));
		r->met += met;
		r->unmet_that_matter +=
		    !met && json_is_true(json_object_get(c, "matters"));
	}
	json_object_set_new(r->item, "met", json_integer(r->met));
	json_object_set_new(r->item, "unmet_that_matter",
	                    json_integer(r->unmet_that_matter));
	return 0;
}

int
peer_matches(struct ctx *ctx, int64_t person_id, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *pref = NULL, *mentors = NULL, *items = NULL;
	struct ranked *ranked = NULL;
	struct scope_subject subject = policy_subject(ctx);
	int victim = 0;
	enum relation own = REL_NONE;
	int rc =
	    scope_victim(ctx_db(ctx), &subject, person_id, &victim, &own, e);
	/* The matching view reads the parent's preferences, which a
	 * reason given for the parent does not open. */
	if (rc == 0)
		rc = policy_glass_sealed(ctx, RK_PARENT_PREFERENCES, person_id,
		                         NULL, e);
	if (rc)
		goto out;
	if (victim) {
		/* As any record outside the caseload: not who is a victim. */
		if (!ctx_audit(ctx, "denied", "person", person_id, person_id))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		else
			rc = err_set(e, SPIRE_EFORBIDDEN, NULL,
			             "This record is outside your caseload");
		goto out;
	}
	rc = store_peer_preferences_of(ctx_db(ctx), person_id, &pref, e);
	if (rc == 0 && pref)
		records_present(&PARENT_PREFERENCES, pref);
	int manager = (ctx->user->role & ROLE_MANAGER) != 0;
	if (rc == 0)
		rc = store_peer_mentors_available(
		    ctx_db(ctx), manager ? 0 : ctx->user->team_id,
		    ctx->user->service_id, &mentors, e);
	if (rc)
		goto out;
	size_t n = json_array_size(mentors);
	ranked = calloc(n ? n : 1, sizeof(*ranked));
	items = json_array();
	if (!ranked || !items) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_array_get(mentors, i);
		records_present(&PEER_MENTORS, m);
		ranked[i].order = i;
		if (judge(pref, m, &ranked[i])) {
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
			goto out;
		}
	}
	qsort(ranked, n, sizeof(*ranked), rank_cmp);
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(items, ranked[i].item);
		ranked[i].item = NULL;
	}
	int64_t pref_id = json_integer_value(json_object_get(pref, "id"));
	if (!ctx_audit(ctx, "read", pref ? "parent_preferences" : "person",
	               pref ? pref_id : person_id, person_id)) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	*out = json_pack("{s:I, s:O?, s:O}", "person_id", (json_int_t)person_id,
	                 "preferences", pref, "items", items);
	if (!*out)
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
out:
	for (size_t i = 0; ranked && i < json_array_size(mentors); i++)
		json_decref(ranked[i].item);
	free(ranked);
	json_decref(items);
	json_decref(mentors);
	json_decref(pref);
	return rc;
}
