/*
 * shown.c - find the people an answer shows and audit those not yet
 * audited in this request.
 */
#include "service/shown.h"

#include <stdio.h>
#include <string.h>

/* The answer's own reply depth is small; this only guards recursion. */
#define SHOWN_MAX_DEPTH 16

struct walk {
	struct ctx *ctx;
	const char *type;
	int64_t id;
	const char *detail;
};

/* Has the request already queued a row about person_id? */
static int
already(const struct ctx *ctx, int64_t person_id)
{
	for (const struct audit_entry *a = ctx->audit_head; a; a = a->next)
		if (a->person_id == person_id)
			return 1;
	for (const struct audit_entry *a = ctx->written_head; a; a = a->next)
		if (a->person_id == person_id)
			return 1;
	return 0;
}

static int
show(struct walk *w, int64_t person_id)
{
	if (person_id <= 0 || already(w->ctx, person_id))
		return 0;
	struct audit_entry *a =
	    ctx_audit(w->ctx, "shown", w->type, w->id, person_id);
	if (!a)
		return -1;
	a->detail = w->detail;
	return 0;
}

/* Whether object o names a person by one of the name fields people's
 * answers carry (a parent support names its parent as parent_name). */
static int
named(const json_t *o)
{
	return json_is_string(json_object_get(o, "given_name")) ||
	       json_is_string(json_object_get(o, "family_name")) ||
	       json_is_string(json_object_get(o, "child_name")) ||
	       json_is_string(json_object_get(o, "parent_name"));
}

/* People shown beside the object's own subject, each by a prefixed id
 * "<p>_id" (a support's, session's or referral's child, a merge's two
 * sides, a family plan action's owner), usually with the person's name
 * as "<p>_given_name" and "<p>_family_name" or as one "<p>_name"
 * ("child_name", "owner_person_name"). The id alone shows the person: it
 * opens their page. Only prefixes whose id is always a person's: a
 * worker's or an owner user's name sits beside a user's id. */
static const char *const NAMED_BESIDE[] = {"child", "kept", "merged",
                                           "owner_person"};

static int
show_beside(struct walk *w, const json_t *o)
{
	char key[32];
	for (size_t i = 0; i < sizeof(NAMED_BESIDE) / sizeof(*NAMED_BESIDE);
	     i++) {
		snprintf(key, sizeof(key), "%s_id", NAMED_BESIDE[i]);
		const json_t *id = json_object_get(o, key);
		if (json_is_integer(id) && show(w, json_integer_value(id)))
			return -1;
	}
	return 0;
}

static int
walk(struct walk *w, const json_t *v, int depth)
{
	if (depth > SHOWN_MAX_DEPTH)
		return 0;
	if (json_is_object(v)) {
		if (named(v)) {
			const json_t *victim = json_object_get(v, "victim_id");
			const json_t *person = json_object_get(v, "person_id");
			int rc = 0;
			if (json_is_integer(victim))
				rc |= show(w, json_integer_value(victim));
			if (json_is_integer(person))
				rc |= show(w, json_integer_value(person));
			/* The object is itself a person only when it has
			 * a given name: a family plan's family_name is its
			 * family's name, and its id the plan's. */
			if (!victim && !person &&
			    json_is_string(json_object_get(v, "given_name")))
				rc |= show(w, json_integer_value(
				                  json_object_get(v, "id")));
			if (rc)
				return -1;
		}
		if (show_beside(w, v))
			return -1;
		const char *key;
		json_t *child;
		json_object_foreach((json_t *)v, key, child)
		{
			if ((json_is_object(child) || json_is_array(child)) &&
			    walk(w, child, depth + 1))
				return -1;
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child)
		{
			if ((json_is_object(child) || json_is_array(child)) &&
			    walk(w, child, depth + 1))
				return -1;
		}
	}
	return 0;
}

int
shown_audit(struct ctx *ctx, const json_t *value, const char *type, int64_t id,
            const char *detail, struct err *e)
{
	struct walk w = {ctx, type, id, detail};
	if (!ctx->user || !value)
		return 0;
	if (walk(&w, value, 0))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}
