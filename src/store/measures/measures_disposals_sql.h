/*
 * measures_disposals_sql.h - the SQL that picks the facts of the disposal
 * measures (docs/measures.md, "Disposals and interventions started"),
 * private to the store (measures.c, the summary's triggers). Since rules
 * generation 4 (migration 20) their facts are kept in measures_facts like
 * measures_sql.h's: each Q_* here takes a predicate P and a generation G
 * as those do, and returns person_id, record_id, team_id, date, date2,
 * date_of_birth, sex, ethnicity, then its own values.
 */
#ifndef SPIRE_STORE_MEASURES_DISPOSALS_SQL_H
#define SPIRE_STORE_MEASURES_DISPOSALS_SQL_H

#include "store/measures/measures_sql.h"

/* clang-format off */

/* The outcome types that are disposals (an outcome given for an offence
 * that disposes of it, in or out of court): every type but prevention
 * (no offence), the remands (not a disposal: the case goes on) and the
 * parenting order (made on a parent). The code of each is its index in
 * src/service/measures/measure_disposals.c's DISPOSAL_TYPES[]. */
#define DISPOSAL(o) \
	" " o ".outcome_type NOT IN ('prevention', 'remand_local_authority'," \
	" 'remand_youth_detention', 'parenting_order')"
#define DISPOSAL_CODE(o) \
	"CASE " o ".outcome_type WHEN 'diversion' THEN 0" \
	" WHEN 'community_resolution' THEN 1 WHEN 'outcome_22' THEN 2" \
	" WHEN 'youth_caution' THEN 3 WHEN 'youth_conditional_caution' THEN 4" \
	" WHEN 'referral_order' THEN 5 WHEN 'youth_rehabilitation_order'" \
	" THEN 6 WHEN 'reparation_order' THEN 7 WHEN 'fine' THEN 8" \
	" WHEN 'discharge' THEN 9 WHEN 'other_court' THEN 10" \
	" WHEN 'detention_training_order' THEN 11 WHEN 'custodial_sentence'" \
	" THEN 12 ELSE 13 END"
#define KIND_CODE(o) \
	"CASE " o ".kind WHEN 'pre_court' THEN 0 WHEN 'court' THEN 1 ELSE 2 END"

/* Disposals dated (column col of o) restricted by P: v0 the type's code,
 * v1 substantive, v2 kind (0 out of court, 1 court, 2 custody), v3 1 when
 * the service worked with the child on it (start_date). The child, the
 * outcome's case and the outcome itself stand (not closed, not entered in
 * error). Kept in measures_facts from rules generation 4 (migration 20). */
#define Q_DISPOSALS_BY(col, P, G) \
	"SELECT o.person_id, o.id, c.team_id, " col ", NULL," WHO ", " \
	DISPOSAL_CODE("o") ", o.substantive, " KIND_CODE("o") ", CASE WHEN" \
	" o.start_date IS NULL THEN 0 ELSE 1 END FROM yj_outcomes o JOIN" \
	" people p ON p.id = o.person_id JOIN cases c ON c.id = o.case_id" \
	" WHERE " P " AND " col " IS NOT NULL AND o.closed_at IS NULL AND" \
	DISPOSAL("o") LIVE(G, "p", "c")

/* Disposals given (outcome_date): kind MK_DISPOSAL. */
#define Q_DISPOSAL(P, G) Q_DISPOSALS_BY("o.outcome_date", P, G)
/* Interventions started (start_date) on a disposal: kind MK_STARTED. */
#define Q_STARTED(P, G) Q_DISPOSALS_BY("o.start_date", P, G)

/* An open disposal o2 of offence f, on a case not entered in error. */
#define OFFENCE_DISPOSAL(o2, l2) \
	" FROM yj_outcome_offences " l2 " JOIN yj_outcomes " o2 " ON " o2 \
	".id = " l2 ".outcome_id JOIN cases " o2 "c ON " o2 "c.id = " o2 \
	".case_id WHERE " l2 ".offence_id = f.id AND " l2 ".removed_at IS" \
	" NULL AND " o2 ".closed_at IS NULL AND" DISPOSAL(o2) " AND NOT " \
	EIE(o2 "c")

/* Offences by their first disposal (earliest outcome_date, then lowest
 * id), dated on it and restricted by P (on f, or on o.outcome_date, the
 * first disposal's date): v0 that disposal is substantive (a caution or
 * conviction), v1 the offence's category code (index of
 * OFFENCE_CATEGORIES[] in measure_disposals.c). The child, the offence
 * and its case stand. Kind MK_OFFENCE_OUTCOME (rules generation 4). The
 * disposal's own case gives the team (an outcome and the offences it
 * disposed of are the same child's: service/yj/yj_outcomes.c). */
#define Q_OFFENCE_OUTCOME(P, G) \
	"SELECT f.person_id, f.id, o.c_team, o.outcome_date, NULL," WHO "," \
	" o.substantive, CASE f.category WHEN 'violence_against_person' THEN" \
	" 0 WHEN 'robbery' THEN 1 WHEN 'drugs' THEN 2 WHEN 'theft' THEN 3" \
	" WHEN 'criminal_damage' THEN 4 WHEN 'motoring' THEN 5 WHEN 'sexual'" \
	" THEN 6 WHEN 'public_order' THEN 7 WHEN 'breach' THEN 8 ELSE 9 END" \
	" FROM yj_offences f JOIN people p ON p.id = f.person_id JOIN cases fc" \
	" ON fc.id = f.case_id JOIN (SELECT l.offence_id AS offence_id," \
	" o1.id AS id, o1.outcome_date AS outcome_date, o1.substantive AS" \
	" substantive, o1c.team_id AS c_team FROM yj_outcome_offences l JOIN" \
	" yj_outcomes o1 ON o1.id = l.outcome_id JOIN cases o1c ON o1c.id =" \
	" o1.case_id WHERE l.removed_at IS NULL AND o1.closed_at IS NULL AND" \
	DISPOSAL("o1") " AND NOT " EIE("o1c") ") o ON o.offence_id = f.id" \
	" WHERE " P " AND f.closed_at IS NULL" LIVE(G, "p", "fc") \
	" AND NOT EXISTS (SELECT 1" \
	OFFENCE_DISPOSAL("o2", "l2") " AND (o2.outcome_date < o.outcome_date" \
	" OR (o2.outcome_date = o.outcome_date AND o2.id < o.id)))"

/* ---- generation 4's kinds in the summary (measures_sql.h) ---- */

#define V2 ", v0, v1"
#define V4 ", v0, v1, v2, v3"
#define N14 N12 NI NI
#define N16 N14 NI NI

/* The kinds generation 4 adds to a person's facts (FACTS_MORE4). */
#define FACTS_DISPOSALS(X, ON, G) \
	FACT_INSERT(MK_DISPOSAL, V4, Q_DISPOSAL(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_STARTED, V4, Q_STARTED(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_OFFENCE_OUTCOME, V2, \
	            Q_OFFENCE_OUTCOME(ON("f.person_id", X), G))
#define SELECT_DISPOSALS(G) \
	" UNION ALL " FACT_SELECT(MK_DISPOSAL, N14, Q_DISPOSAL(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_STARTED, N14, Q_STARTED(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_OFFENCE_OUTCOME, N16, \
	                          Q_OFFENCE_OUTCOME(SQL_TRUE, G))

#define R_DISPOSAL(X, G) \
	R_KIND(MK_DISPOSAL, V4, Q_DISPOSAL, "o.person_id", X, G)
#define R_STARTED(X, G) R_KIND(MK_STARTED, V4, Q_STARTED, "o.person_id", X, G)
#define R_OFFENCE_OUTCOME(X, G) \
	R_KIND(MK_OFFENCE_OUTCOME, V2, Q_OFFENCE_OUTCOME, "f.person_id", X, G)
/* What an outcome's row feeds among them (an offence and a link feed
 * R_OFFENCE_OUTCOME alone). */
#define R_OUTCOME_DISPOSALS(X, G) \
	R_DISPOSAL(X, G) R_STARTED(X, G) R_OFFENCE_OUTCOME(X, G)

/* clang-format on */

#endif
