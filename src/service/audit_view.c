/*
 * audit_view.c - who may read which part of the audit trail. Not for
 * writing audit rows (ctx_audit) or checking the chain (audit_verify).
 */
#include "service/audit_view.h"

#include <csv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/date.h"

#include "service/policy.h"
#include "service/records.h"
#include "service/roles.h"
#include "store/audit.h"
#include "store/users.h"

/* May ctx's user see the entries about person_id? */
static int
may_see_person(struct ctx *ctx, int64_t person_id, struct err *e)
{
	int64_t about = 0;
	if (ctx_has_role(ctx, ROLE_ADMIN)) {
		/* Admins see metadata only, but the person must exist. */
		struct scope_subject subject = policy_subject(ctx);
		enum relation rel;
		return scope_relation(ctx_db(ctx), &subject, RK_PERSON,
		                      person_id, REL_NONE, &rel, &about, e);
	}
	if (!ctx_has_role(ctx, ROLE_MANAGER))
		return err_set(
		    e, SPIRE_EFORBIDDEN, NULL,
		    "Only managers and administrators can see the audit trail");
	/* The manager's own relation to the person (their service's
	 * scope) opens the trail, never a break-glass reason: write = 1
	 * asks for the relation itself, so a reason cannot show a manager
	 * the trail of someone outside their scope (a parent's parenting
	 * support, say). */
	int rc = policy_record(ctx, RK_PERSON, person_id, 1, &about, e);
	if (rc == SPIRE_EFORBIDDEN) {
		struct audit_entry *a =
		    ctx_audit(ctx, "denied", "person", person_id, person_id);
		if (a)
			a->detail = "audit_view";
	}
	return rc;
}

/* may_see_person, where a filter naming nobody is a 400 naming it, as on
 * every list. */
static int
check_person(struct ctx *ctx, int64_t person_id, struct err *e)
{
	int rc = may_see_person(ctx, person_id, e);
	if (rc == SPIRE_ENOTFOUND)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "There is no such person");
	return rc;
}

/* May ctx's user see the entries written by user_id? */
static int
check_user(struct ctx *ctx, int64_t user_id, struct err *e)
{
	int manager = ctx_has_role(ctx, ROLE_MANAGER);
	if (!manager && !ctx_has_role(ctx, ROLE_ADMIN))
		return err_set(
		    e, SPIRE_EFORBIDDEN, NULL,
		    "Only managers and administrators can see the audit trail");
	json_t *u = NULL;
	int rc = store_users_get(ctx_db(ctx), user_id, &u, e);
	if (rc == SPIRE_ENOTFOUND)
		rc = err_set(e, SPIRE_EINVAL, "user_id",
		             "There is no such user");
	if (rc == 0 && manager &&
	    json_integer_value(json_object_get(u, "service_id")) !=
	        ctx->user->service_id)
		rc = err_set(e, SPIRE_EFORBIDDEN, "user_id",
		             "You can only see the audit of users in your "
		             "service");
	json_decref(u);
	return rc;
}

int
audit_view(struct ctx *ctx, const struct audit_query *q, json_t **out,
           struct err *e)
{
	*out = NULL;
	if (!q->person_id && !q->user_id)
		return err_set(e, SPIRE_EINVAL, "person_id",
		               "Choose whose record, or which user, to see the "
		               "audit of");
	int rc = q->person_id ? check_person(ctx, q->person_id, e) : 0;
	if (rc == 0 && q->user_id)
		rc = check_user(ctx, q->user_id, e);
	if (rc)
		return rc;
	struct audit_filter f = {
	    .person_id = q->person_id,
	    .user_id = q->user_id,
	    .before = q->before,
	    .limit = q->limit + 1,
	    .offset = q->offset,
	};
	json_t *rows = NULL;
	rc = audit_list(ctx_db(ctx), &f, &rows, e);
	if (rc)
		return rc;
	*out = records_page(rows, q->limit, q->offset);
	if (*out) {
		json_t *items = json_object_get(*out, "items");
		size_t n = json_array_size(items);
		json_t *last =
		    json_object_get(json_array_get(items, n - 1), "seq");
		int more = json_is_true(json_object_get(*out, "has_more"));
		if (q->before)
			json_object_set_new(*out, "before",
			                    json_integer(q->before));
		json_object_set_new(*out, "next_cursor",
		                    more && n
		                        ? json_integer(json_integer_value(last))
		                        : json_null());
	}
	if (!*out ||
	    !ctx_audit(ctx, "audit_view", q->person_id ? "person" : "user",
	               q->person_id ? q->person_id : q->user_id,
	               q->person_id)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* What an action did, in practitioners' words: before and after the
 * record's words. */
static const struct {
	const char *action, *before, *after;
} ACTION_WORDS[] = {
    {"read", "Opened the ", ""},
    {"list", "Saw the ", " in a list"},
    {"search", "Found the ", " in a search"},
    {"shown", "Saw the name on the ", ""},
    {"create", "Added the ", ""},
    {"update", "Changed the ", ""},
    {"close", "Closed the ", ""},
    {"reopen", "Reopened the ", ""},
    {"withdraw", "Withdrew the ", ""},
    {"denied", "Was refused the ", ""},
    {"break_glass", "Opened the ", " with a reason"},
    {"audit_view", "Looked at who viewed the ", ""},
    {"audit_export", "Downloaded who viewed the ", ""},
    {"duplicate_check", "Checked for duplicates of the ", ""},
    {"merge", "Merged the ", " with another"},
    {"merge_preview", "Looked at merging the ", ""},
    {"merge_undo", "Undid a merge of the ", ""},
    {NULL, NULL, NULL},
};

/* The record a row is about, in practitioners' words. */
static const struct {
	const char *type, *words;
} RECORD_WORDS[] = {
    {"person", "person’s details"},
    {"case", "case"},
    {"contact", "contact"},
    {"family", "family"},
    {"family_member", "family membership"},
    {"consent", "consent"},
    {"task", "task"},
    {"offence", "offence"},
    {"outcome", "outcome"},
    {"assessment", "assessment"},
    {"victim", "victim record"},
    {"kpi_snapshot", "KPI snapshot"},
    {"form_response", "form"},
    {"user", "account"},
    {"person_merge", "merge of records"},
    /* The summary at the top of a person's page (team_person_glance):
     * "Opened the person glance" read as jargon (walker, session 23). */
    {"person_glance", "person’s summary (open cases, alerts and what is "
                      "due)"},
    {"chronology", "person’s chronology"},
    {"case_practitioners", "case’s practitioners"},
    {"parent_support", "parent support"},
    {"parent_invitation", "invitation to the parent app"},
    {"parent_preferences", "parent’s preferences"},
    {NULL, NULL},
};

/* "snake_case" as "snake case", into a (arena). */
static const char *
spaced(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s ? s : "record");
	for (char *c = t; c && *c; c++)
		if (*c == '_')
			*c = ' ';
	return t;
}

const char *
audit_what(struct arena *a, const char *action, const char *record_type)
{
	const char *noun = NULL;
	size_t verb = SIZE_MAX;
	for (size_t i = 0; record_type && RECORD_WORDS[i].type; i++)
		if (strcmp(RECORD_WORDS[i].type, record_type) == 0)
			noun = RECORD_WORDS[i].words;
	if (!noun)
		noun = spaced(a, record_type);
	for (size_t i = 0; action && ACTION_WORDS[i].action; i++)
		if (strcmp(ACTION_WORDS[i].action, action) == 0)
			verb = i;
	if (verb != SIZE_MAX)
		return arena_printf(a, "%s%s%s", ACTION_WORDS[verb].before,
		                    noun, ACTION_WORDS[verb].after);
	const char *act = spaced(a, action);
	return arena_printf(a, "%c%s: %s",
	                    act && *act >= 'a' && *act <= 'z' ? *act - 32
	                    : act                             ? *act
	                                                      : '?',
	                    act && *act ? act + 1 : "", noun);
}

/* The UK date and time of an audit row's UTC `at` ("2026-07-02T23:30:
 * 00.000Z"): *secs since the epoch and day "YYYY-MM-DD" (Europe/London).
 * -1 when at is not such a time. */
static int
row_time(const char *at, int64_t *secs, char day[CLOCK_ISO_LEN])
{
	int64_t days;
	if (!at || date_parse(at, &days) || strlen(at) < 19)
		return -1;
	int64_t part[3];
	for (int i = 0; i < 3; i++) {
		const char *c = at + 11 + (ptrdiff_t)3 * i;
		if (c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9')
			return -1;
		part[i] = (int64_t)(c[0] - '0') * 10 + (c[1] - '0');
	}
	*secs = days * 86400 + part[0] * 3600 + part[1] * 60 + part[2];
	clock_uk_date(*secs, day);
	return 0;
}

/* Read the filters of a summary or export: all wrong ones named at once
 * are the caller's (api_audit.c); here, who may see them. */
static int
check_range(struct ctx *ctx, const struct audit_range_query *q,
            struct audit_range_filter *f, char from_at[DATE_TEXT_LEN],
            char to_at[DATE_TEXT_LEN], struct err *e)
{
	/* The ids given first, then a missing person, all in one answer. */
	struct err all, one;
	err_clear(&all);
	err_clear(&one);
	if (q->user_id && check_user(ctx, q->user_id, &one))
		err_gather(&all, &one);
	err_clear(&one);
	if (q->person_id && check_person(ctx, q->person_id, &one))
		err_gather(&all, &one);
	if (!q->person_id)
		err_rule(&all, "person_id",
		         "Choose whose record to see the audit of");
	if (all.code) {
		*e = all;
		return all.code;
	}
	f->person_id = q->person_id;
	f->user_id = q->user_id;
	/* UTC bounds a day wider than the UK days asked for; each row's UK
	 * day is checked exactly after. */
	int64_t d;
	if (q->from && date_parse(q->from, &d) == 0) {
		date_text(d - 1, from_at);
		f->from_at = from_at;
	}
	if (q->to && date_parse(q->to, &d) == 0) {
		date_text(d + 2, to_at);
		f->to_at = to_at;
	}
	return 0;
}

/* Is UK day `day` inside q's from..to? */
static int
in_days(const struct audit_range_query *q, const char *day)
{
	return (!q->from || strcmp(day, q->from) >= 0) &&
	       (!q->to || strcmp(day, q->to) <= 0);
}

/* Order of the summary: break glass first, then newest day, then name. */
static int
group_order(const void *pa, const void *pb)
{
	const json_t *a = *(void *const *)pa, *b = *(void *const *)pb;
	int ga = json_is_true(json_object_get(a, "break_glass"));
	int gb = json_is_true(json_object_get(b, "break_glass"));
	if (ga != gb)
		return gb - ga;
	int c = strcmp(json_string_value(json_object_get(b, "day")),
	               json_string_value(json_object_get(a, "day")));
	if (c)
		return c;
	const char *na = json_string_value(json_object_get(a, "name"));
	const char *nb = json_string_value(json_object_get(b, "name"));
	return strcmp(na ? na : "", nb ? nb : "");
}

/* Add row to its group {day, user} in groups (an object keyed "day/user"). */
static int
add_to_group(struct ctx *ctx, json_t *groups, const json_t *row,
             const char *day)
{
	int64_t uid = json_integer_value(json_object_get(row, "user_id"));
	char key[CLOCK_ISO_LEN + 32];
	snprintf(key, sizeof(key), "%s/%lld", day, (long long)uid);
	json_t *g = json_object_get(groups, key);
	const char *at = json_string_value(json_object_get(row, "at"));
	if (!g) {
		const char *full =
		    json_string_value(json_object_get(row, "full_name"));
		const char *user =
		    json_string_value(json_object_get(row, "username"));
		const char *role =
		    json_string_value(json_object_get(row, "role"));
		g = json_pack(
		    "{s:s,s:I,s:s?,s:s?,s:s,s:s?,s:b,s:[],s:I,s:{},s:s?,s:s?}",
		    "day", day, "user_id", (json_int_t)uid, "username", user,
		    "role", role, "name",
		    full   ? full
		    : user ? user
		           : "Someone not signed in",
		    "role_label", role_label(role), "break_glass", 0, "reasons",
		    "views", (json_int_t)0, "opened", "first_at", at, "last_at",
		    at);
		if (!g || json_object_set_new(groups, key, g))
			return -1;
	}
	json_object_set_new(
	    g, "views",
	    json_integer(json_integer_value(json_object_get(g, "views")) + 1));
	/* Rows come newest first: each older one moves first_at back. */
	if (at)
		json_object_set_new(g, "first_at", json_string(at));
	const char *reason = json_string_value(json_object_get(row, "reason"));
	if (json_is_true(json_object_get(row, "break_glass"))) {
		json_object_set_new(g, "break_glass", json_true());
		json_t *reasons = json_object_get(g, "reasons");
		int seen = 0;
		for (size_t i = 0; reason && i < json_array_size(reasons); i++)
			seen |= strcmp(json_string_value(
			                   json_array_get(reasons, i)),
			               reason) == 0;
		if (reason && !seen && json_array_size(reasons) < 20)
			json_array_append_new(reasons, json_string(reason));
	}
	const char *what = audit_what(
	    ctx->arena, json_string_value(json_object_get(row, "action")),
	    json_string_value(json_object_get(row, "record_type")));
	if (!what)
		return -1;
	json_t *opened = json_object_get(g, "opened");
	json_t *n = json_object_get(opened, what);
	return json_object_set_new(
	    opened, what, json_integer(n ? json_integer_value(n) + 1 : 1));
}

/* The opened object {what: n} as [{what, count}], most first. */
static json_t *
opened_list(const json_t *opened)
{
	json_t *arr = json_array();
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)opened, k, v)
	{
		size_t i = 0;
		while (i < json_array_size(arr) &&
		       json_integer_value(
		           json_object_get(json_array_get(arr, i), "count")) >=
		           json_integer_value(v))
			i++;
		json_array_insert_new(
		    arr, i, json_pack("{s:s,s:O}", "what", k, "count", v));
	}
	return arr;
}

int
audit_summary(struct ctx *ctx, const struct audit_range_query *q, json_t **out,
              struct err *e)
{
	*out = NULL;
	struct audit_range_filter f = {.limit = AUDIT_SUMMARY_MAX + 1};
	char from_at[DATE_TEXT_LEN], to_at[DATE_TEXT_LEN];
	int rc = check_range(ctx, q, &f, from_at, to_at, e);
	json_t *rows = NULL;
	if (rc || (rc = audit_range(ctx_db(ctx), &f, &rows, e)))
		return rc;
	size_t n = json_array_size(rows);
	int partial = n > AUDIT_SUMMARY_MAX;
	json_t *groups = json_object();
	for (size_t i = 0; groups && i < n && i < AUDIT_SUMMARY_MAX; i++) {
		json_t *row = json_array_get(rows, i);
		int64_t secs;
		char day[CLOCK_ISO_LEN];
		if (row_time(json_string_value(json_object_get(row, "at")),
		             &secs, day) ||
		    !in_days(q, day))
			continue;
		if (add_to_group(ctx, groups, row, day)) {
			json_decref(groups);
			groups = NULL;
		}
	}
	json_decref(rows);
	json_t *items = groups ? json_array() : NULL;
	size_t ng = groups ? json_object_size(groups) : 0;
	void **sorted =
	    ng ? arena_alloc(ctx->arena, ng * sizeof(void *)) : NULL;
	if (items && (!ng || sorted)) {
		const char *k;
		json_t *g;
		size_t i = 0;
		json_object_foreach(groups, k, g)
		{
			json_object_set_new(
			    g, "opened",
			    opened_list(json_object_get(g, "opened")));
			sorted[i++] = g;
		}
		if (ng)
			qsort(sorted, ng, sizeof(void *), group_order);
		for (i = 0; i < ng; i++)
			json_array_append(items, sorted[i]);
	}
	json_decref(groups);
	if (items)
		*out = json_pack("{s:o,s:b,s:I}", "items", items, "partial",
		                 partial, "max_rows",
		                 (json_int_t)AUDIT_SUMMARY_MAX);
	if (!*out || !ctx_audit(ctx, "audit_view", "person", q->person_id,
	                        q->person_id)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* One CSV cell by libcsv's quoting, a leading = + - @ tab, CR or ;
 * neutralised with a ' so a spreadsheet never runs it as a formula. */
static void
csv_put(struct buf *b, const char *s, int last)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	int neutral = s[0] && strchr("=+-@\t\r\n;", s[0]) != NULL;
	char *src = malloc(len + 2);
	if (!src) {
		buf_add(b, NULL, SIZE_MAX); /* poison: the buffer fails */
		return;
	}
	snprintf(src, len + 2, "%s%s", neutral ? "'" : "", s);
	size_t n = strlen(src);
	size_t need = csv_write(NULL, 0, src, n);
	char *dst = malloc(need ? need : 1);
	if (dst) {
		csv_write(dst, need, src, n);
		buf_add(b, dst, need);
	} else {
		buf_add(b, NULL, SIZE_MAX);
	}
	free(dst);
	free(src);
	buf_adds(b, last ? "\r\n" : ",");
}

int
audit_export_csv(struct ctx *ctx, const struct audit_range_query *q, char **csv,
                 size_t *len, struct err *e)
{
	*csv = NULL;
	*len = 0;
	struct audit_range_filter f = {.limit = AUDIT_EXPORT_MAX};
	char from_at[DATE_TEXT_LEN], to_at[DATE_TEXT_LEN];
	int rc = check_range(ctx, q, &f, from_at, to_at, e);
	json_t *rows = NULL;
	if (rc || (rc = audit_range(ctx_db(ctx), &f, &rows, e)))
		return rc;
	struct buf b;
	buf_init(&b, AUDIT_EXPORT_BYTES);
	/* A byte-order mark so that spreadsheets read UTF-8 names. */
	buf_adds(&b, "\xEF\xBB\xBF");
	static const char *const head[] = {
	    "Date (UK)",   "Time (UK)",     "Who",
	    "Username",    "Role",          "What they did",
	    "Record",      "Record number", "Person number",
	    "Break glass", "Reason given",  "From (network address)",
	    "Entry number"};
	size_t nh = sizeof(head) / sizeof(head[0]);
	for (size_t i = 0; i < nh; i++)
		csv_put(&b, head[i], i + 1 == nh);
	size_t n = json_array_size(rows);
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(rows, i);
		int64_t secs;
		char day[CLOCK_ISO_LEN], hm[16] = "", num[3][32];
		if (row_time(json_string_value(json_object_get(r, "at")), &secs,
		             day) ||
		    !in_days(q, day))
			continue;
		time_t t = (time_t)secs;
		struct tm tm;
		if (localtime_r(&t, &tm))
			snprintf(hm, sizeof(hm), "%02d:%02d:%02d", tm.tm_hour,
			         tm.tm_min, tm.tm_sec);
		const char *type =
		    json_string_value(json_object_get(r, "record_type"));
		const char *role =
		    json_string_value(json_object_get(r, "role"));
		static const char *const numk[] = {"record_id", "person_id",
		                                   "seq"};
		for (int k = 0; k < 3; k++) {
			json_t *v = json_object_get(r, numk[k]);
			if (json_is_integer(v))
				snprintf(num[k], sizeof(num[k]), "%lld",
				         (long long)json_integer_value(v));
			else
				num[k][0] = '\0';
		}
		csv_put(&b, day, 0);
		csv_put(&b, hm, 0);
		csv_put(&b, json_string_value(json_object_get(r, "full_name")),
		        0);
		csv_put(&b, json_string_value(json_object_get(r, "username")),
		        0);
		csv_put(&b, role_label(role) ? role_label(role) : role, 0);
		csv_put(
		    &b,
		    audit_what(ctx->arena,
		               json_string_value(json_object_get(r, "action")),
		               type),
		    0);
		csv_put(&b, type, 0);
		csv_put(&b, num[0], 0);
		csv_put(&b, num[1], 0);
		csv_put(&b,
		        json_is_true(json_object_get(r, "break_glass")) ? "Yes"
		                                                        : "No",
		        0);
		csv_put(&b, json_string_value(json_object_get(r, "reason")), 0);
		csv_put(&b, json_string_value(json_object_get(r, "ip")), 0);
		csv_put(&b, num[2], 1);
	}
	json_decref(rows);
	char *text = buf_take(&b);
	size_t blen = text ? strlen(text) : 0;
	if (!text)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct audit_entry *a = ctx_audit(ctx, "audit_export", "person",
	                                  q->person_id, q->person_id);
	if (!a) {
		free(text);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	*csv = text;
	*len = blen;
	return 0;
}
