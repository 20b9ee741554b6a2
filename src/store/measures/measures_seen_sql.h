/*
 * measures_seen_sql.h - the facts of the parents-seen measure
 * (docs/measures.md, "Whole-family measures"), private to the store
 * (measures.c, the summary's triggers). Since rules generation 5
 * (migration 22) they are kept in measures_facts like measures_sql.h's:
 * one fact per point of an intervention (its start, each open review
 * assessment, its end) and parent of the child, made of the parent
 * worker's own fragments (store/parenting/parent_seen_sql.h), so "a
 * parent to meet" and "seen" mean what that page says.
 */
#ifndef SPIRE_STORE_MEASURES_SEEN_SQL_H
#define SPIRE_STORE_MEASURES_SEEN_SQL_H

#include "store/measures/measures_sql.h"
#include "store/parenting/parent_seen_sql.h"

/* clang-format off */

/* The window around a point in which a contact sees the parent, in days
 * (PARENT_SEEN_DAYS_BEFORE and _AFTER in service/parenting/parenting.h;
 * measure_seen.c asserts they agree). */
#define SEEN_DAYS_BEFORE "-14"
#define SEEN_DAYS_AFTER "+14"

/* The point's date is in the window of a contact ct (its date, the first
 * ten characters of a date-time, compared as text). */
#define SEEN_IN_WINDOW \
	" substr(ct.contact_date, 1, 10) >= " \
	SQL_DATE_PLUS_DAYS(POINT_DATE, SEEN_DAYS_BEFORE) " AND" \
	" substr(ct.contact_date, 1, 10) <= " \
	SQL_DATE_PLUS_DAYS(POINT_DATE, SEEN_DAYS_AFTER)

/* The measure's scope (measure_seen.c): the cases held by a team of the
 * youth justice service. */
#define SEEN_SCOPE \
	" c.team_id IN (SELECT t.id FROM teams t JOIN services ts ON ts.id =" \
	" t.service_id WHERE ts.code = 'youth_justice')"

/*
 * Each (point, parent) restricted by P (on p.id, the parent, or
 * c.person_id, the child): person_id the parent, record_id the review
 * assessment or the intervention, team the child's case's, day the
 * point's date, the parent's date of birth, sex and ethnicity; v0 the
 * point (0 start, 1 review, 2 end; the column seen_point, from which the
 * kind is made), v1 1 when a contact saw the parent, v2 the child, v3
 * and v4 the intervention's start and end (days since 1970-01-01, v4
 * NULL while it runs), by which a read decides whether the intervention
 * overlaps the period asked. Whether a point unseen is due yet is
 * decided when read (its window's end against as_of). Kinds
 * MK_SEEN_START + v0 (rules generation 5).
 */
#define Q_SEEN(P, G) \
	"SELECT DISTINCT p.id, COALESCE(a.id, o.id), COALESCE(c.team_id, 0), " \
	POINT_DATE ", NULL, p.date_of_birth, p.sex, p.ethnicity, CASE" \
	" pk.point WHEN 'start' THEN 0 WHEN 'review' THEN 1 ELSE 2 END AS" \
	" seen_point, " SQL_INT("EXISTS (SELECT 1 FROM contact_attendees ca" \
	" JOIN contacts ct ON ct.id = ca.contact_id WHERE ca.person_id = p.id" \
	" AND ca.removed_at IS NULL AND ct.closed_at IS NULL AND" \
	SEEN_IN_WINDOW " AND " SEEN_CONTACT_CASE ")") ", c.person_id, " \
	SQL_DAYS("o.start_date") ", " SQL_DAYS("o.end_date") " FROM" \
	SEEN_FROM POINTS PARENTS_OF_CHILD " JOIN people ch ON ch.id =" \
	" c.person_id WHERE " P " AND c.closed_at IS NULL AND" SEEN_SCOPE \
	" AND " POINT_DATE " IS NOT NULL"

/* ---- generation 5's kinds in the summary (measures_sql.h) ---- */

#define V5 ", v0, v1, v2, v3, v4"
#define N13 N12 NI
#define SEEN_KIND MK_SEEN_START " + seen_point"
#define SEEN_KINDS " kind BETWEEN " MK_SEEN_START " AND " MK_SEEN_END

/* The kinds generation 5 adds to a person's facts (FACTS_MORE5): those
 * of the parent. */
#define FACTS_SEEN(X, ON, G) \
	FACT_INSERT(SEEN_KIND, V5, Q_SEEN(ON("p.id", X), G))
#define SELECT_SEEN(G) \
	" UNION ALL " FACT_SELECT(SEEN_KIND, N13, Q_SEEN(SQL_TRUE, G))

/* Delete and recompute the parents-seen facts of parent X, of child X,
 * of the parents in the set S (a SELECT of ids), of the children in S. */
#define R_SEEN_BY(col, fcol, on, X, match, G) \
	"DELETE FROM measures_facts WHERE" SEEN_KINDS " AND " fcol match ";" \
	FACT_INSERT(SEEN_KIND, V5, Q_SEEN(on(col, X), G))
#define R_SEEN_PARENT(X, G) \
	R_SEEN_BY("p.id", "person_id", ON_PERSON, X, " = " X, G)
#define R_SEEN_CHILD(X, G) \
	R_SEEN_BY("c.person_id", "v2", ON_PERSON, X, " = " X, G)
#define R_SEEN_PARENTS(S, G) \
	R_SEEN_BY("p.id", "person_id", ON_PEOPLE, S, " IN (" S ")", G)
#define R_SEEN_CHILDREN(S, G) \
	R_SEEN_BY("c.person_id", "v2", ON_PEOPLE, S, " IN (" S ")", G)

/* clang-format on */

#endif
