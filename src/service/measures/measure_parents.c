/*
 * measure_parents.c - the whole-family measures of parent support (rule
 * version 1 each; docs/measures.md, "Whole-family measures"). Source:
 * parent_supports (docs/parenting.md, "Parent support"), the child's
 * youth justice case (cases of service youth_justice). parents-worked-with
 * is computed from the records on every request; parent-engagement reads
 * the measures_facts summary since migration 23 (its spans, cut to the
 * range when read, in no order: sorted before they are chosen).
 *
 * A support is "engaged" when the parent agreed to it (agreement
 * 'agreed') and it started (start_date set); it lasts from start_date to
 * end_date (open while end_date is NULL). A support, case or person
 * closed as entered in error never counts; one closed for another reason
 * still does (its history happened).
 *
 * parents-worked-with: distinct parents (a grandparent or other carer as
 *   much as a mother or father) with an engaged support active at any
 *   time in the period (start_date <= the period's end and end_date NULL
 *   or >= its start). Each parent once per period, however many children
 *   they are supported around; the breakdowns use the parent's first
 *   support active in the period (the team of its parenting case; no age
 *   bands: the bands are children's). A count.
 * parent-engagement: of the children open to the youth justice service
 *   at any time in the period (a youth justice case with start_date <=
 *   the period's end and end_date NULL or >= its start), the percentage
 *   with a parent in an engaged support on that case (support linked by
 *   child_case_id) while the case was open, at any time in the period.
 *   Each child once per period; the breakdowns use the child's first
 *   case or support in the period (team = the youth justice case's, age
 *   on the first day the child is counted in the period).
 */
#include "service/measures/measure_defs.h"

static const char *const PARENTING_SERVICES[] = {"parenting", NULL};
static const char *const YJ_AND_PARENTING[] = {"youth_justice", "parenting",
                                               NULL};

static int
worked_map(struct measure_fact *f, const struct store_measure_row *row,
           int32_t as_of)
{
	(void)row;
	(void)as_of;
	f->num = 1;
	return 1;
}

const struct measure_def MEASURE_PARENTS_WORKED_WITH = {
    .name = "parents-worked-with",
    .title = "Parents worked with",
    .version = "1",
    .rule = "Parents and carers (each once) with parent support they "
            "agreed to that had started and was active at any time in the "
            "period (started on or before its last day, not ended before "
            "its first). Source: parent support records.",
    .unit = "parent",
    .value = MV_COUNT,
    .per_period = 1,
    .merge = MERGE_FIRST,
    .personal = 1,
    .spans = 1,
    .no_by = 1u << BY_AGE,
    .family = 1,
    .people = "parents",
    .services = PARENTING_SERVICES,
    .query = SMQ_PARENTS_WORKED,
    .map = worked_map,
};

static int
engagement_map(struct measure_fact *f, const struct store_measure_row *row,
               int32_t as_of)
{
	(void)as_of;
	if (row->nv < 1)
		return 0;
	/* The case is the denominator, a parent's support the numerator;
	 * a child's facts merge into one (MERGE_ANY). */
	f->num = row->v[0] == 1;
	f->den = row->v[0] == 0;
	return 1;
}

const struct measure_def MEASURE_PARENT_ENGAGEMENT = {
    .name = "parent-engagement",
    .title = "Children with a parent engaged in support",
    .version = "1",
    .rule = "Of the children open to the youth justice service at any "
            "time in the period (a youth justice case open on at least one "
            "of its days), the percentage with a parent or carer in support "
            "they agreed to, started and linked to that case, active while "
            "the case was open on at least one day of the period. Source: "
            "youth justice cases and parent support records.",
    .unit = "child",
    .value = MV_PERCENT,
    .per_period = 1,
    .merge = MERGE_ANY,
    .personal = 1,
    .spans = 1,
    .unordered = 1,
    .family = 1,
    .people = "children",
    .services = YJ_AND_PARENTING,
    .query = SMQ_PARENT_ENGAGEMENT,
    .map = engagement_map,
};
