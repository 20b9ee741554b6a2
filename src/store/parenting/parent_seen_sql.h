/*
 * parent_seen_sql.h - the SQL fragments of "seen at start, review and
 * end" (docs/parenting.md, "Parent support"), private to the store: the
 * parent worker's query (parent_tables.c, store_parent_seen_each) and the
 * parents-seen facts of the measures' summary (measures/measures_seen_sql.h)
 * are made of the same text, so "a parent to meet" and "seen" mean one
 * thing in both. Aliases: c the child's youth justice case, o its
 * intervention (a yj_outcomes row), pk the kind of point, a the review
 * assessment, fc/f/fm/p the child's family and the parent, ct a contact.
 */
#ifndef SPIRE_STORE_PARENT_SEEN_SQL_H
#define SPIRE_STORE_PARENT_SEEN_SQL_H

/* clang-format off */

/* The adults of child c's open families who count as parents here: with
 * parental responsibility or in the household, not closed, not victims
 * (aliases fm, p). */
#define PARENTS_OF_CHILD \
	" JOIN family_members fc ON fc.person_id = c.person_id AND" \
	" fc.closed_at IS NULL JOIN families f ON f.id = fc.family_id AND" \
	" f.closed_at IS NULL JOIN family_members fm ON fm.family_id = f.id" \
	" AND fm.closed_at IS NULL AND fm.member_type = 'adult' AND" \
	" fm.person_id <> c.person_id AND (fm.parental_responsibility = 1 OR" \
	" fm.in_household = 1) AND (fm.child_id IS NULL OR fm.child_id =" \
	" c.person_id) JOIN people p ON p.id = fm.person_id AND p.closed_at" \
	" IS NULL AND NOT EXISTS (SELECT 1 FROM yj_victims v WHERE" \
	" v.victim_id = p.id AND v.closed_at IS NULL)"

/*
 * The points of each intervention o: its start, each open review
 * assessment linked to it (alias a), its end; one row each, from a
 * constant list of the kinds of point (alias pk).
 */
#define POINT_DATE \
	"CASE pk.point WHEN 'start' THEN o.start_date WHEN 'end' THEN" \
	" o.end_date ELSE a.assessment_date END"
#define POINTS \
	" JOIN (SELECT 'start' AS point UNION ALL SELECT 'review' UNION ALL" \
	" SELECT 'end') pk ON 1 = 1 LEFT JOIN yj_assessments a ON pk.point =" \
	" 'review' AND a.outcome_id = o.id AND a.stage = 'review' AND" \
	" a.closed_at IS NULL"

/* The youth justice cases c and their open, started interventions o
 * whose points are read. */
#define SEEN_FROM \
	" cases c JOIN services sv ON sv.id = c.service_id AND sv.code =" \
	" 'youth_justice' JOIN yj_outcomes o ON o.case_id = c.id AND" \
	" o.closed_at IS NULL AND o.start_date IS NOT NULL"

/* A contact ct that may see parent p at a point of case c: on the
 * child's case or on a parenting case of the parent's. */
#define SEEN_CONTACT_CASE \
	"(ct.case_id = c.id OR EXISTS (SELECT 1 FROM cases pc JOIN services" \
	" ps ON ps.id = pc.service_id WHERE pc.id = ct.case_id AND" \
	" pc.person_id = p.id AND ps.code = 'parenting'))"

/* clang-format on */

#endif
