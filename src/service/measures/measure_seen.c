/*
 * measure_seen.c - parents seen at the start, reviews and end of youth
 * justice interventions (rule version 1; docs/measures.md, "Whole-family
 * measures"). Source: the points and contacts that "seen at start, review
 * and end" reads (store_parent_seen_rows(), docs/parenting.md, "Parent
 * support"), over every youth justice case: the same definition of seen,
 * the same query.
 *
 * parents-seen: each point of each intervention (its start_date, each
 *   open review assessment linked to it, its end_date) dated in the
 *   period, with each parent of the child (as parents to meet counts them:
 *   adults of the child's open family with parental responsibility or in
 *   the household, never victims). Seen: the parent attended a contact on
 *   the child's case or on a parenting case of theirs dated from
 *   PARENT_SEEN_DAYS_BEFORE days before the point to PARENT_SEEN_DAYS_AFTER
 *   days after it. A point whose window has not closed (as of today, or
 *   as_of) and who was not yet seen is not yet due and left out.
 *   Numerator: points seen; denominator: points due (seen or missed);
 *   extras: seen_at_start, due_at_start, seen_at_review, due_at_review,
 *   seen_at_end, due_at_end, and the three percentages in `points`. The
 *   people behind it are the parents; team = the child's case's.
 */
#include "service/measures/measure_defs.h"

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "service/parenting/parenting.h"
#include "store/parenting/parent_tables.h"
#include "store/users.h"

static const char *const YJ_AND_PARENTING[] = {"youth_justice", "parenting",
                                               NULL};

static int64_t
int_of(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *
text_of(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The day of an ISO date or date-time (a contact's is a time), or
 * INT32_MIN. */
static int32_t
day_of(const char *iso)
{
	char d[11];
	if (!iso || strlen(iso) < 10)
		return INT32_MIN;
	memcpy(d, iso, 10);
	d[10] = '\0';
	return measure_day(d);
}

struct seen_point {
	store_measure_fn fn;
	void *arg;
	const char *date;
	int point, seen;
	int64_t record;
};

static int
seen_person(void *arg, const struct store_measure_response *r, struct err *e)
{
	struct seen_point *sp = arg;
	struct store_measure_row row;
	memset(&row, 0, sizeof(row));
	row.person_id = r->person_id;
	row.record_id = sp->record;
	row.team_id = r->team_id;
	row.date = sp->date;
	row.dob = r->dob;
	row.sex = r->sex;
	row.ethnicity = r->ethnicity;
	row.nv = 2;
	row.v[0] = sp->point;
	row.v[1] = sp->seen;
	return sp->fn(sp->arg, &row, e);
}

static int
same_point(const json_t *a, const json_t *b)
{
	const char *pa = text_of(a, "point"), *pb = text_of(b, "point");
	return int_of(a, "outcome_id") == int_of(b, "outcome_id") &&
	       int_of(a, "assessment_id") == int_of(b, "assessment_id") &&
	       int_of(a, "person_id") == int_of(b, "person_id") && pa && pb &&
	       strcmp(pa, pb) == 0;
}

static int
seen_collect(struct db *db, const struct measure_query *q, store_measure_fn fn,
             void *arg, struct err *e)
{
	/* Every youth justice case: the youth justice service's scope. */
	struct parent_scope scope = {0};
	scope.manager = 1;
	int rc = store_services_id(db, "youth_justice", &scope.service_id, e);
	json_t *rows = NULL;
	if (rc == 0)
		rc = store_parent_seen_rows(db, &scope, &rows, e);
	if (rc)
		return rc;
	int32_t from = measure_day(q->from), to = measure_day(q->to);
	int32_t today = q->as_of ? measure_day(q->as_of) : INT32_MAX;
	size_t n = json_array_size(rows);
	for (size_t i = 0; rc == 0 && i < n;) {
		const json_t *first = json_array_get(rows, i);
		int32_t point = day_of(text_of(first, "point_date"));
		int seen = 0;
		for (; i < n && same_point(first, json_array_get(rows, i)); i++) {
			int32_t d = day_of(
			    text_of(json_array_get(rows, i), "contact_date"));
			if (d != INT32_MIN && point != INT32_MIN &&
			    d >= point - PARENT_SEEN_DAYS_BEFORE &&
			    d <= point + PARENT_SEEN_DAYS_AFTER)
				seen = 1;
		}
		if (point == INT32_MIN || point < from || point > to)
			continue;
		/* Not yet due: unseen while its window is open. */
		if (!seen && (int64_t)point + PARENT_SEEN_DAYS_AFTER >= today)
			continue;
		const char *what = text_of(first, "point");
		struct seen_point sp = {
		    fn, arg, text_of(first, "point_date"),
		    what && strcmp(what, "start") == 0    ? 0
		    : what && strcmp(what, "review") == 0 ? 1
		                                          : 2,
		    seen,
		    /* The point's record: the review assessment, or the
		     * intervention. */
		    int_of(first, "assessment_id") ? int_of(first, "assessment_id")
		                                   : int_of(first, "outcome_id")};
		rc = store_measures_person_in_case(
		    db, int_of(first, "person_id"), int_of(first, "child_case_id"),
		    seen_person, &sp, e);
	}
	json_decref(rows);
	return rc;
}

static int
seen_map(struct measure_fact *f, const struct store_measure_row *row,
         int32_t as_of)
{
	(void)as_of;
	if (row->nv < 2 || row->v[0] < 0 || row->v[0] > 2)
		return 0;
	f->den = 1;
	f->num = row->v[1] == 1;
	f->x[row->v[0] * 2] = (int16_t)f->num;
	f->x[row->v[0] * 2 + 1] = 1;
	return 1;
}

/* The percentage seen at each point, with its numerator and denominator,
 * withheld like every count. */
static void
seen_derive(json_t *obj, const int64_t *num, const int64_t *den,
            const int64_t *x, int suppress)
{
	(void)num;
	(void)den;
	static const char *const POINTS[] = {"start", "review", "end"};
	json_t *pts = json_object();
	for (int i = 0; pts && i < 3; i++) {
		int64_t s = x[2 * i], d = x[2 * i + 1];
		int hs = suppress && s > 0 && s < 5, hd = suppress && d > 0 && d < 5;
		double v = d > 0 && !hs && !hd ? 100.0 * (double)s / (double)d : NAN;
		json_object_set_new(
		    pts, POINTS[i],
		    json_pack("{s:o, s:o, s:o}", "numerator",
		              hs ? json_null() : json_integer(s), "denominator",
		              hd ? json_null() : json_integer(d), "value",
		              isfinite(v) ? json_real(round(v * 100.0) / 100.0)
		                          : json_null()));
	}
	json_object_set_new(obj, "points", pts);
}

const struct measure_def MEASURE_PARENTS_SEEN = {
    .name = "parents-seen",
    .title = "Parents seen at start, review and end",
    .version = "1",
    .rule = "Each parent (with parental responsibility or in the household) "
            "at each start, review and end of a youth justice intervention "
            "dated in the period: seen when they attended a contact within "
            "14 days before or after it / those whose 14 days after have "
            "passed; the same for each point in `points`. Source: "
            "interventions, review assessments, family members and "
            "contacts (the parent worker's \"seen at start, review and "
            "end\").",
    .unit = "parent at a point",
    .value = MV_PERCENT,
    .personal = 1,
    .no_by = 1u << BY_AGE,
    .family = 1,
    .people = "parents",
    .services = YJ_AND_PARENTING,
    .extras = {"seen_at_start", "due_at_start", "seen_at_review",
               "due_at_review", "seen_at_end", "due_at_end", NULL},
    .collect = seen_collect,
    .map = seen_map,
    .derive = seen_derive,
};
