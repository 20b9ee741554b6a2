/*
 * measure_seen.c - parents seen at the start, reviews and end of youth
 * justice interventions (rule version 1; docs/measures.md, "Whole-family
 * measures"). Source: the summary's parents-seen facts (kinds 17-19,
 * migration 22), made of the fragments of the parent worker's own query;
 * from the records (from_records: tests, checks), the points and contacts
 * that "seen at start, review and end" reads (store_parent_seen_each(),
 * docs/parenting.md, "Parent support"), over every youth justice case:
 * the same definition of seen.
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
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "service/parenting/parenting.h"
#include "store/parenting/parent_tables.h"
#include "store/users.h"

static const char *const YJ_AND_PARENTING[] = {"youth_justice", "parenting",
                                               NULL};

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

/* The (point, parent) being read from the rows, and what it becomes. */
struct seen_scan {
	store_measure_fn fn;
	void *arg;
	int32_t today;
	int have;
	int64_t outcome_id, assessment_id, person_id, child_case_id;
	char point[16], date[11];
	int32_t day;
	int seen;
	/* The parent's, from the same rows (the query keeps only parents
	 * whose record is open, so none is entered in error). */
	char dob[11], sex[32], ethnicity[64];
	int has_dob, has_sex, has_ethnicity;
	int64_t team_id;
};

/* The held (point, parent) as a fact. */
static int
seen_person(struct seen_scan *s, struct err *e)
{
	struct store_measure_row row;
	memset(&row, 0, sizeof(row));
	row.person_id = s->person_id;
	/* The point's record: the review assessment, or the intervention. */
	row.record_id = s->assessment_id ? s->assessment_id : s->outcome_id;
	row.team_id = s->team_id;
	row.date = s->date;
	row.dob = s->has_dob ? s->dob : NULL;
	row.sex = s->has_sex ? s->sex : NULL;
	row.ethnicity = s->has_ethnicity ? s->ethnicity : NULL;
	row.nv = 2;
	row.v[0] = strcmp(s->point, "start") == 0    ? 0
	           : strcmp(s->point, "review") == 0 ? 1
	                                             : 2;
	row.v[1] = s->seen;
	return s->fn(s->arg, &row, e);
}

/* The held (point, parent) as a fact: seen, or due once its window has
 * closed unseen (a point still open is not yet due). */
static int
seen_emit(struct seen_scan *s, struct err *e)
{
	if (!s->have || s->day == INT32_MIN)
		return 0;
	s->have = 0;
	if (!s->seen && (int64_t)s->day + PARENT_SEEN_DAYS_AFTER >= s->today)
		return 0;
	return seen_person(s, e);
}

static int
seen_row(void *arg, const struct parent_seen_row *r, struct err *e)
{
	struct seen_scan *s = arg;
	const char *point = r->point ? r->point : "";
	if (!s->have || r->outcome_id != s->outcome_id ||
	    r->assessment_id != s->assessment_id ||
	    r->person_id != s->person_id || strcmp(point, s->point) != 0) {
		int rc = seen_emit(s, e);
		if (rc)
			return rc;
		s->have = 1;
		s->outcome_id = r->outcome_id;
		s->assessment_id = r->assessment_id;
		s->person_id = r->person_id;
		s->child_case_id = r->child_case_id;
		snprintf(s->point, sizeof(s->point), "%s", point);
		snprintf(s->date, sizeof(s->date), "%s",
		         r->point_date ? r->point_date : "");
		s->day = day_of(r->point_date);
		s->seen = 0;
		s->has_dob = r->date_of_birth != NULL;
		snprintf(s->dob, sizeof(s->dob), "%s",
		         r->date_of_birth ? r->date_of_birth : "");
		s->has_sex = r->sex != NULL;
		snprintf(s->sex, sizeof(s->sex), "%s", r->sex ? r->sex : "");
		s->has_ethnicity = r->ethnicity != NULL;
		snprintf(s->ethnicity, sizeof(s->ethnicity), "%s",
		         r->ethnicity ? r->ethnicity : "");
		s->team_id = r->team_id;
	}
	int32_t d = day_of(r->contact_date);
	if (d != INT32_MIN && s->day != INT32_MIN &&
	    d >= s->day - PARENT_SEEN_DAYS_BEFORE &&
	    d <= s->day + PARENT_SEEN_DAYS_AFTER)
		s->seen = 1;
	return 0;
}

/* The summary's facts (kinds 17-19, migration 22) of the interventions
 * that overlap the range asked, as the parent worker's query chooses
 * them (o.start_date <= to and COALESCE(o.end_date, to) >= from). */
struct seen_range {
	store_measure_fn fn;
	void *arg;
	int32_t from, to;
};

static int
seen_fact(void *arg, const struct store_measure_row *row, struct err *e)
{
	const struct seen_range *r = arg;
	if (row->nv < 5 || row->v[3] == STORE_MEASURE_NULL ||
	    row->v[3] > r->to ||
	    (row->v[4] != STORE_MEASURE_NULL && row->v[4] < r->from))
		return 0;
	return r->fn(r->arg, row, e);
}

_Static_assert(PARENT_SEEN_DAYS_BEFORE == 14 && PARENT_SEEN_DAYS_AFTER == 14,
               "the summary's window (store/measures/measures_seen_sql.h)");

static int
seen_collect(struct db *db, const struct measure_query *q, store_measure_fn fn,
             void *arg, struct err *e)
{
	if (!q->from_records) {
		struct seen_range r = {.fn = fn,
		                       .arg = arg,
		                       .from = measure_day(q->from),
		                       .to = measure_day(q->to)};
		return store_measures_scan(db, SMQ_PARENTS_SEEN, q->from, q->to,
		                           0, seen_fact, &r, e);
	}
	/* From the records: the parent worker's own query, folded. */
	/* Every youth justice case: the youth justice service's scope; the
	 * points of the period and the contacts of their windows. */
	struct parent_scope scope;
	memset(&scope, 0, sizeof(scope));
	scope.manager = 1;
	int rc = store_services_id(db, "youth_justice", &scope.service_id, e);
	if (rc)
		return rc;
	int32_t from = measure_day(q->from), to = measure_day(q->to);
	snprintf(scope.from, sizeof(scope.from), "%s", q->from);
	snprintf(scope.to, sizeof(scope.to), "%s", q->to);
	date_text(from - PARENT_SEEN_DAYS_BEFORE, scope.seen_from);
	date_text(to + PARENT_SEEN_DAYS_AFTER + 1, scope.seen_to);
	struct seen_scan s = {.fn = fn, .arg = arg};
	s.today = q->as_of ? measure_day(q->as_of) : INT32_MAX;
	rc = store_parent_seen_each(db, &scope, seen_row, &s, e);
	if (rc == 0)
		rc = seen_emit(&s, e);
	return rc;
}

static int
seen_map(struct measure_fact *f, const struct store_measure_row *row,
         int32_t as_of)
{
	if (row->nv < 2 || row->v[0] < 0 || row->v[0] > 2)
		return 0;
	/* A point not seen whose window has not closed is not yet due. */
	if (row->v[1] != 1 &&
	    (int64_t)f->day + PARENT_SEEN_DAYS_AFTER >= (int64_t)as_of)
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
	for (size_t i = 0; pts && i < 3; i++) {
		int64_t s = x[2 * i], d = x[2 * i + 1];
		int hs = suppress && s > 0 && s < 5,
		    hd = suppress && d > 0 && d < 5;
		double v =
		    d > 0 && !hs && !hd ? 100.0 * (double)s / (double)d : NAN;
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
            "passed; the same for each point (start, review, end). Source: "
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
    .extra_labels = {"Seen at the start", "Due to be seen at the start",
                     "Seen at a review", "Due to be seen at a review",
                     "Seen at the end", "Due to be seen at the end", NULL},
    /* Seen and due add up over the three points (suppression). */
    .lines = {{0, (1u << 2) | (1u << 4) | (1u << 6)},
              {1, (1u << 3) | (1u << 5) | (1u << 7)}},
    .query = SMQ_PARENTS_SEEN,
    .collect = seen_collect,
    .map = seen_map,
    .derive = seen_derive,
};
