/*
 * measures_family_sql.h - the SQL that picks the whole-family measures'
 * facts (docs/measures.md, "Whole-family measures"), private to the
 * store (measures.c). Like measures_sql.h, each query returns person_id,
 * record_id, team_id, date, date2, date_of_birth, sex, ethnicity, then
 * its own values, for events in $1..$2; unlike them these facts are
 * computed from the records on every request (no summary: tens or
 * hundreds of parents a year; parent-engagement's are kept in the
 * summary since migration 23, below), ordered by date then record as the
 * engine's merge needs. A span's date is its first day in $1..$2 and its
 * date2 its last day (NULL while it lasts).
 */
#ifndef SPIRE_STORE_MEASURES_FAMILY_SQL_H
#define SPIRE_STORE_MEASURES_FAMILY_SQL_H

#include "store/measures/measures_sql.h"

/* clang-format off */

/* Portable later-of and earlier-of two dates (an end NULL = open). */
#define LATER(a, b) "CASE WHEN " a " < " b " THEN " b " ELSE " a " END"
#define EARLIER_END(a, b) \
	"CASE WHEN " a " IS NULL THEN " b " WHEN " b " IS NULL THEN " a \
	" WHEN " a " < " b " THEN " a " ELSE " b " END"

/* Person x, case x (an alias) is not entered in error. */
#define NOT_EIE(x) " AND NOT " EIE(x)

/* Ethnic minority as the national statistics use it (every ethnic group
 * except White British: White Irish, Gypsy or Irish Traveller, Roma and
 * other White backgrounds are minorities); NULL when not recorded, not
 * stated or not known. */
#define ETHNIC_MINORITY(col) \
	"CASE WHEN " col " IS NULL OR " col " IN ('not_stated', 'not_known')" \
	" THEN NULL WHEN " col " = 'white_british' THEN 0 ELSE 1 END"

/* A support the parent agreed to and that started: the parent (p), the
 * support (s), the child's youth justice case (c), the parent's
 * parenting case (pc, when there is one); none entered in error. */
#define SUPPORT_LIVE \
	" s.closed_at IS NULL AND s.agreement = 'agreed' AND s.start_date IS" \
	" NOT NULL" NOT_EIE("p") NOT_EIE("c") \
	" AND (pc.id IS NULL OR NOT " EIE("pc") ")"

/* Parents worked with: each support (agreed, started) active at any time
 * in $1..$2, about the parent; team = the parenting case's. */
#define Q_PARENTS_WORKED \
	"SELECT s.person_id, s.id, pc.team_id, " LATER("s.start_date", "$1") \
	", s.end_date, p.date_of_birth, p.sex, p.ethnicity FROM" \
	" parent_supports s JOIN people p ON p.id = s.person_id JOIN cases c" \
	" ON c.id = s.child_case_id LEFT JOIN cases pc ON pc.id = s.case_id" \
	" WHERE" SUPPORT_LIVE " AND s.start_date <= $2 AND (s.end_date IS" \
	" NULL OR s.end_date >= $1) ORDER BY 4, 2"

/* A youth justice case (c) of child p, open at any time in $1..$2. */
#define YJ_CASE_LIVE \
	" c.service_id = (SELECT id FROM services" \
	" WHERE code = 'youth_justice')" NOT_EIE("p") NOT_EIE("c")

/* The supports' spans on their youth justice case: from the later start
 * to the earlier end. */
#define SPAN_START LATER("s.start_date", "c.start_date")
#define SPAN_END EARLIER_END("s.end_date", "c.end_date")

/* Parent engagement, about the child: v0 0 = a youth justice case of the
 * child open in $1..$2 (the denominator); v0 1 = a parent's support
 * (agreed, started) while that case was open, overlapping $1..$2 (the
 * numerator). Team = the youth justice case's. */
#define Q_PARENT_ENGAGEMENT \
	"SELECT c.person_id, c.id, c.team_id, " LATER("c.start_date", "$1") \
	", c.end_date, p.date_of_birth, p.sex, p.ethnicity, 0 FROM cases c" \
	" JOIN people p ON p.id = c.person_id WHERE" YJ_CASE_LIVE \
	" AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $1)" \
	" UNION ALL SELECT c.person_id, s.id, c.team_id, " \
	LATER(SPAN_START, "$1") ", " SPAN_END ", p.date_of_birth, p.sex," \
	" p.ethnicity, 1 FROM parent_supports s JOIN cases c ON c.id =" \
	" s.child_case_id JOIN people p ON p.id = c.person_id JOIN people pp" \
	" ON pp.id = s.person_id LEFT JOIN cases pc ON pc.id = s.case_id" \
	" WHERE" YJ_CASE_LIVE " AND s.closed_at IS NULL AND s.agreement =" \
	" 'agreed' AND s.start_date IS NOT NULL" NOT_EIE("pp") \
	" AND (pc.id IS NULL OR NOT " EIE("pc") ") AND " SPAN_START \
	" <= $2 AND ((" SPAN_END ") IS NULL OR ((" SPAN_END ") >= $1 AND" \
	" (" SPAN_END ") >= " SPAN_START ")) ORDER BY 4, 2"

/*
 * Since rules generation 6 (migration 23) parent-engagement reads the
 * summary: its spans without the range, one fact each, dated on the
 * span's first day (day) with its last in date2 (NULL while it lasts),
 * about the child, restricted by P (on c.person_id, the child). A read
 * (store_measures_scan) cuts them to the range as Q_PARENT_ENGAGEMENT
 * does: a span counts when day <= $2 and date2 is NULL or >= $1, and its
 * date is the later of day and $1. The two kinds are two id spaces (a
 * case's and a support's id may be equal on one day for one child).
 *
 * Kind 20: each youth justice case of the child (v0 0, the denominator).
 */
#define MK_ENGAGED_CASE "20"
#define Q_ENGAGED_CASE(P, G) \
	"SELECT c.person_id, c.id, c.team_id, c.start_date, c.end_date," \
	" p.date_of_birth, p.sex, p.ethnicity, 0 FROM cases c JOIN people p" \
	" ON p.id = c.person_id WHERE " P " AND" YJ_CASE_LIVE

/* Kind 21: each support (agreed, started) of a parent on the child's youth
 * justice case, cut to the case (v0 1, the numerator); a support that
 * began after its case ended is none. */
#define MK_ENGAGED_SUPPORT "21"
#define Q_ENGAGED_SUPPORT(P, G) \
	"SELECT c.person_id, s.id, c.team_id, " SPAN_START ", " SPAN_END \
	", p.date_of_birth, p.sex, p.ethnicity, 1 FROM parent_supports s" \
	" JOIN cases c ON c.id = s.child_case_id JOIN people p ON p.id =" \
	" c.person_id JOIN people pp ON pp.id = s.person_id LEFT JOIN cases" \
	" pc ON pc.id = s.case_id WHERE " P " AND" YJ_CASE_LIVE " AND" \
	" s.closed_at IS NULL AND s.agreement = 'agreed' AND s.start_date IS" \
	" NOT NULL" NOT_EIE("pp") " AND (pc.id IS NULL OR NOT " EIE("pc") ")" \
	" AND ((" SPAN_END ") IS NULL OR (" SPAN_END ") >= " SPAN_START ")"

#define ENGAGED_KINDS \
	" kind BETWEEN " MK_ENGAGED_CASE " AND " MK_ENGAGED_SUPPORT

/* The kinds generation 6 adds to a person's facts (FACTS_MORE6): the
 * child's. */
#define FACTS_ENGAGED(X, ON, G) \
	FACT_INSERT(MK_ENGAGED_CASE, V1, Q_ENGAGED_CASE(ON("c.person_id", X), \
	            G)) \
	FACT_INSERT(MK_ENGAGED_SUPPORT, V1, \
	            Q_ENGAGED_SUPPORT(ON("c.person_id", X), G))
#define SELECT_ENGAGED(G) \
	" UNION ALL " FACT_SELECT(MK_ENGAGED_CASE, N17, \
	                          Q_ENGAGED_CASE(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_ENGAGED_SUPPORT, N17, \
	                          Q_ENGAGED_SUPPORT(SQL_TRUE, G))

/* Delete and recompute the parent-engagement facts of child X, of the
 * children in the set S (a SELECT of ids). */
#define R_ENGAGED_BY(on, X, match, G) \
	"DELETE FROM measures_facts WHERE" ENGAGED_KINDS " AND person_id" \
	match ";" \
	FACT_INSERT(MK_ENGAGED_CASE, V1, Q_ENGAGED_CASE(on("c.person_id", X), \
	            G)) \
	FACT_INSERT(MK_ENGAGED_SUPPORT, V1, \
	            Q_ENGAGED_SUPPORT(on("c.person_id", X), G))
#define R_ENGAGED_CHILD(X, G) R_ENGAGED_BY(ON_PERSON, X, " = " X, G)
#define R_ENGAGED_CHILDREN(S, G) R_ENGAGED_BY(ON_PEOPLE, S, " IN (" S ")", G)

/* Referrals to a peer mentor made in $1..$2, about the parent; v0 the
 * parent, v1 the child (NULL without one) from an ethnic minority. Team
 * = the parenting case's. */
#define Q_PEER_REFERRALS \
	"SELECT r.person_id, r.id, pc.team_id, r.referred_on, NULL," \
	" p.date_of_birth, p.sex, p.ethnicity, " ETHNIC_MINORITY("p.ethnicity") \
	", " ETHNIC_MINORITY("ch.ethnicity") " FROM parent_referrals r JOIN" \
	" people p ON p.id = r.person_id JOIN cases pc ON pc.id = r.case_id" \
	" LEFT JOIN people ch ON ch.id = r.child_id WHERE r.referred_on" \
	" BETWEEN $1 AND $2 AND r.destination = 'peer_mentor' AND" \
	" r.closed_at IS NULL" NOT_EIE("p") NOT_EIE("pc") " ORDER BY 4, 2"

/* clang-format on */

#endif
