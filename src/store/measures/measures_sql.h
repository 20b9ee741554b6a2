/*
 * measures_sql.h - the SQL that picks each measure's facts, private to
 * the store (measures.c, schema_measures.c). Each Q_* macro is a SELECT
 * of the columns person_id, record_id, team_id, day, date2,
 * date_of_birth, sex, ethnicity, then the kind's own values, restricted
 * by the predicate P: a date range ($1..$2) to compute from the records,
 * one person to refresh the measures_facts summary from a trigger, or
 * "1" to fill it. One text, three uses, so the summary and the records
 * cannot disagree about a rule.
 *
 * Migration 4 was built from these texts with G = 1, migration 5 with
 * G = 2: when a rule changes, add a generation and a migration that
 * recreates the triggers with it and rebuilds measures_facts.
 */
#ifndef SPIRE_STORE_MEASURES_SQL_H
#define SPIRE_STORE_MEASURES_SQL_H

/* SQLite's fragments, unless the includer chose a dialect first (the
 * PostgreSQL migrations include store/pg/dialect.h before this header, so
 * the same rules expand in PostgreSQL's SQL). */
#ifndef SQL_DIALECT
#include "store/sqlite/dialect.h"
#endif

/* clang-format off */

/*
 * Generations of the rules, chosen by the argument G of every macro
 * below: 1 is migration 4's (its text must not change), 2 migration 5's,
 * which also leaves out what hangs from a person or a
 * case closed as entered in error (docs/measures.md), and a victim whose
 * offence, or whose own person record, was entered in error. Generation 1
 * expands every LIVE*() to nothing, so its text is byte for byte
 * migration 4's. Generation 3 (migration 14, the current one) keeps
 * generation 2's rules and adds a kind of fact, the release from custody
 * with its release KPI snapshot (Q_RELEASE; FACTS_MORE*, SELECT_MORE*
 * expand to nothing before it, so earlier texts are unchanged).
 * Generation 4 (migration 20) keeps generation 3's rules and kinds and adds
 * the disposal measures' facts (measures_disposals_sql.h: each disposal,
 * each intervention started on one, each offence by its first disposal),
 * which until then were computed from the records on every request.
 * Generation 5 (migration 22) keeps generation 4's rules and kinds and
 * adds the parents-seen facts (measures_seen_sql.h: each point of an
 * intervention with each parent of the child).
 * Generation 6 (migration 23) keeps generation 5's rules and kinds and
 * adds parent-engagement's (measures_family_sql.h: each youth justice
 * case and each parent's support on it, as spans cut when read).
 * Generation 7 (migration 27, KPIs 1 and 2's rule version 4) counts a
 * remand to youth detention once: a release (Q_RELEASE) is only from a
 * detention and training order or a custodial sentence, and an ended
 * intervention's v15 says 2 for a remand to youth detention the child
 * was not released from (no release_date: it ended in a custodial
 * sentence), which KPIs 1 and 2 leave out. Every other rule and kind is
 * generation 6's.
 */
#define MEASURES_RULES 7

/* A person or case (alias x) closed as entered in error: the reason the
 * UI sends starts "Entered in error". Portable SQL (lower, substr). */
#define EIE(x) \
	"(" x ".closed_at IS NOT NULL AND lower(substr(" x ".closed_reason," \
	" 1, 16)) = 'entered in error')"

/* The child p and the case c of the counted record are live. */
#define LIVE(G, p, c) LIVE_(G, p, c)
#define LIVE_(G, p, c) LIVE##G##_PC(p, c)
#define LIVE1_PC(p, c) ""
#define LIVE2_PC(p, c) " AND NOT " EIE(p) " AND NOT " EIE(c)
#define LIVE3_PC(p, c) LIVE2_PC(p, c)
#define LIVE4_PC(p, c) LIVE2_PC(p, c)
#define LIVE5_PC(p, c) LIVE2_PC(p, c)
#define LIVE6_PC(p, c) LIVE2_PC(p, c)
#define LIVE7_PC(p, c) LIVE2_PC(p, c)

/* Record x (with a case_id) does not hang from a case entered in error. */
#define LIVE_CASE(G, x) LIVE_CASE_(G, x)
#define LIVE_CASE_(G, x) LIVE##G##_CASE(x)
#define LIVE1_CASE(x) ""
#define LIVE2_CASE(x) \
	" AND NOT EXISTS (SELECT 1 FROM cases ec WHERE ec.id = " x ".case_id" \
	" AND " EIE("ec") ")"
#define LIVE3_CASE(x) LIVE2_CASE(x)
#define LIVE4_CASE(x) LIVE2_CASE(x)
#define LIVE5_CASE(x) LIVE2_CASE(x)
#define LIVE6_CASE(x) LIVE2_CASE(x)
#define LIVE7_CASE(x) LIVE2_CASE(x)

/* A victim record v (of outcome o, child p, case c) still stands: its
 * outcome's case, its offence (and the offence's case) and the victim's
 * own person record are not entered in error. */
#define LIVE_VICTIM(G) LIVE_VICTIM_(G)
#define LIVE_VICTIM_(G) LIVE##G##_VICTIM
#define LIVE1_VICTIM ""
#define LIVE2_VICTIM \
	LIVE2_PC("p", "c") LIVE2_CASE("o") " AND EXISTS (SELECT 1 FROM" \
	" yj_offences vf WHERE vf.id = v.offence_id AND vf.closed_at IS NULL" \
	LIVE2_CASE("vf") ") AND NOT EXISTS (SELECT 1 FROM people vp WHERE" \
	" vp.id = v.victim_id AND " EIE("vp") ")"
#define LIVE3_VICTIM LIVE2_VICTIM
#define LIVE4_VICTIM LIVE2_VICTIM
#define LIVE5_VICTIM LIVE2_VICTIM
#define LIVE6_VICTIM LIVE2_VICTIM
#define LIVE7_VICTIM LIVE2_VICTIM

/* The kinds of fact (the values of enum store_measure_query). */
#define MK_FIRST "0"
#define MK_INDEX "1"
#define MK_CUSTODY "2"
#define MK_ARREST "3"
#define MK_COURT "4"
#define MK_INTERVENTION "5"
#define MK_PROVEN "6"
#define MK_VICTIM "7"
#define MK_ASSESSMENT "9"
#define MK_RELEASE "13"
/* Generation 4 (measures_disposals_sql.h). */
#define MK_DISPOSAL "14"
#define MK_STARTED "15"
#define MK_OFFENCE_OUTCOME "16"
/* Generation 5 (measures_seen_sql.h): a parent at an intervention's
 * start, review and end, kinds 17, 18 and 19. */
#define MK_SEEN_START "17"
#define MK_SEEN_END "19"

#define WHO " p.date_of_birth, p.sex, p.ethnicity"

/* An outcome x that can mark an entry to the system: it disposed of no
 * open offence at all, or of at least one that is not a breach. */
#define ENTRY_OK(x, G) \
	"(NOT EXISTS (SELECT 1 FROM yj_outcome_offences l JOIN yj_offences f" \
	" ON f.id = l.offence_id WHERE l.outcome_id = " x ".id AND" \
	" l.removed_at IS NULL AND f.closed_at IS NULL" LIVE_CASE(G, "f") \
	") OR EXISTS (SELECT 1" \
	" FROM yj_outcome_offences l JOIN yj_offences f ON f.id =" \
	" l.offence_id WHERE l.outcome_id = " x ".id AND l.removed_at IS" \
	" NULL AND f.closed_at IS NULL" LIVE_CASE(G, "f") \
	" AND f.category <> 'breach'))"

/* d plus n months, clamped to the end of the month (31 Jan + 1 month =
 * 28/29 Feb, 29 Feb + 12 months = 28 Feb). n1 = n + 1. */
#define PLUS_MONTHS(d, n, n1) SQL_DATE_PLUS_MONTHS(d, n, n1)
#define INDEX_PLUS(n, n1) PLUS_MONTHS("o.reoffending_index_date", n, n1)

/* A child's first entry: their earliest open substantive outcome that
 * can mark an entry (ties: lowest id); v0 = transferred in. */
#define Q_FIRST(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.outcome_date, NULL," WHO \
	", o.transferred_in FROM yj_outcomes o JOIN people p ON p.id =" \
	" o.person_id JOIN cases c ON c.id = o.case_id WHERE " P \
	" AND o.substantive = 1 AND o.closed_at IS NULL" LIVE(G, "p", "c") \
	" AND " ENTRY_OK("o", G) \
	" AND NOT EXISTS (SELECT 1 FROM yj_outcomes e WHERE e.person_id =" \
	" o.person_id AND e.substantive = 1 AND e.closed_at IS NULL" \
	LIVE_CASE(G, "e") " AND" \
	" (e.outcome_date < o.outcome_date OR (e.outcome_date =" \
	" o.outcome_date AND e.id < o.id)) AND " ENTRY_OK("e", G) ")"

/* Every reoffending index event (an open outcome with an index date);
 * date2 = the end of its 18-month follow-up; v0 = its proven
 * re-offences: open non-breach offences committed after the index and no
 * later than 12 months after it, linked to an open substantive outcome
 * given no later than 18 months after it. */
#define Q_INDEX(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.reoffending_index_date, " \
	INDEX_PLUS("18", "19") "," WHO "," \
	" (SELECT count(*) FROM yj_offences f WHERE f.person_id =" \
	" o.person_id AND f.closed_at IS NULL" LIVE_CASE(G, "f") \
	" AND f.category <> 'breach'" \
	" AND f.offence_date > o.reoffending_index_date AND f.offence_date" \
	" <= " INDEX_PLUS("12", "13") " AND EXISTS (SELECT 1 FROM" \
	" yj_outcome_offences l JOIN yj_outcomes s ON s.id = l.outcome_id" \
	" WHERE l.offence_id = f.id AND l.removed_at IS NULL AND s.closed_at" \
	" IS NULL" LIVE_CASE(G, "s") " AND s.substantive = 1 AND" \
	" s.outcome_date <= " \
	INDEX_PLUS("18", "19") "))" \
	" FROM yj_outcomes o JOIN people p ON p.id = o.person_id JOIN cases c" \
	" ON c.id = o.case_id WHERE " P " AND o.reoffending_index_date IS NOT" \
	" NULL AND o.closed_at IS NULL" LIVE(G, "p", "c")

/* Custody and remand episodes; v0: 1 custodial sentence, 2 remand to
 * youth detention, 3 remand to local authority accommodation. */
#define Q_CUSTODY(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.outcome_date, NULL," WHO "," \
	" CASE o.outcome_type WHEN 'remand_youth_detention' THEN 2" \
	" WHEN 'remand_local_authority' THEN 3 ELSE 1 END FROM yj_outcomes o" \
	" JOIN people p ON p.id = o.person_id JOIN cases c ON c.id =" \
	" o.case_id WHERE " P " AND o.closed_at IS NULL AND o.outcome_type IN" \
	" ('detention_training_order','custodial_sentence'," \
	" 'remand_youth_detention','remand_local_authority')" LIVE(G, "p", "c")

/* Every arrest (an open offence with an arrest date). */
#define Q_ARREST(P, G) \
	"SELECT f.person_id, f.id, c.team_id, f.arrest_date, NULL," WHO \
	" FROM yj_offences f JOIN people p ON p.id = f.person_id JOIN cases c" \
	" ON c.id = f.case_id WHERE " P " AND f.arrest_date IS NOT NULL AND" \
	" f.closed_at IS NULL" LIVE(G, "p", "c")

/* Substantive outcomes; v0 = given by a court. */
#define Q_COURT(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.outcome_date, NULL," WHO "," \
	" " SQL_INT("o.kind <> 'pre_court'") " FROM yj_outcomes o JOIN people p" \
	" ON p.id =" \
	" o.person_id JOIN cases c ON c.id = o.case_id WHERE " P " AND" \
	" o.substantive = 1 AND o.closed_at IS NULL" LIVE(G, "p", "c")

/* v15 of an ended intervention: 1 an out-of-court disposal, else 0;
 * from generation 7 also 2 for a remand to youth detention the child was
 * not released from (it ended in a custodial sentence: the child stayed
 * in custody, and KPIs 1 and 2 count them when released from it). */
#define OOCD_TYPES \
	"o.outcome_type IN ('diversion','community_resolution'," \
	"'outcome_22', 'youth_caution','youth_conditional_caution')"
#define IV_TYPE(G) IV_TYPE_(G)
#define IV_TYPE_(G) IV_TYPE##G
#define IV_TYPE1 SQL_INT(OOCD_TYPES)
#define IV_TYPE2 IV_TYPE1
#define IV_TYPE3 IV_TYPE1
#define IV_TYPE4 IV_TYPE1
#define IV_TYPE5 IV_TYPE1
#define IV_TYPE6 IV_TYPE1
#define IV_TYPE7 \
	"CASE WHEN " OOCD_TYPES " THEN 1 WHEN o.outcome_type =" \
	" 'remand_youth_detention' AND o.release_date IS NULL THEN 2 ELSE 0" \
	" END"

/* Interventions that ended, with their open end snapshot (v0-v14, NULL
 * without one); v15 IV_TYPE; v16 1 completed, 2 transferred out, 0
 * other; v17 has an end snapshot. */
#define Q_INTERVENTION(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.end_date, NULL," WHO "," \
	" k.accommodation_suitable, k.ete_suitable, k.ete_attending," \
	" k.send_identified, CASE WHEN k.learning_plan IS NULL THEN NULL" \
	" ELSE " SQL_INT("k.learning_plan IN ('sen_support','ehcp')") " END," \
	" k.mental_health_need, k.mental_health_offered," \
	" k.mental_health_attending, k.substance_misuse_need," \
	" k.substance_misuse_offered, k.substance_misuse_attending," \
	" k.early_help, k.child_in_need, k.child_protection, k.looked_after," \
	" " IV_TYPE(G) ", CASE o.end_reason" \
	" WHEN 'completed' THEN 1 WHEN 'transferred_out' THEN 2 ELSE 0 END," \
	" " SQL_INT("k.id IS NOT NULL") " FROM yj_outcomes o JOIN people p" \
	" ON p.id =" \
	" o.person_id JOIN cases c ON c.id = o.case_id LEFT JOIN" \
	" yj_kpi_snapshots k ON k.outcome_id = o.id AND k.point = 'end' AND" \
	" k.closed_at IS NULL" LIVE_CASE(G, "k") " WHERE " P \
	" AND o.end_date IS NOT NULL AND" \
	" o.start_date IS NOT NULL AND o.closed_at IS NULL" LIVE(G, "p", "c")

/* Releases from custody (generation 3): an open custodial outcome's
 * release_date with its open `release` KPI snapshot, in the columns of
 * Q_INTERVENTION so KPIs 1 and 2 read both alike: v0-v14 the snapshot,
 * v15 0 (not an out-of-court disposal), v16 3 (a release, not an end),
 * v17 1. A release without its snapshot is left out, as an intervention
 * without an end snapshot is. Until generation 7 any outcome with a
 * release_date, so a remand to youth detention counted at its release
 * too (beside its end); from it only a sentence's (RELEASE_TYPES). */
#define RELEASE_TYPES(G) RELEASE_TYPES_(G)
#define RELEASE_TYPES_(G) RELEASE_TYPES##G
#define RELEASE_TYPES1 ""
#define RELEASE_TYPES2 ""
#define RELEASE_TYPES3 ""
#define RELEASE_TYPES4 ""
#define RELEASE_TYPES5 ""
#define RELEASE_TYPES6 ""
#define RELEASE_TYPES7 \
	" AND o.outcome_type IN ('detention_training_order'," \
	"'custodial_sentence')"
#define Q_RELEASE(P, G) \
	"SELECT o.person_id, o.id, c.team_id, o.release_date, NULL," WHO "," \
	" k.accommodation_suitable, k.ete_suitable, k.ete_attending," \
	" k.send_identified, CASE WHEN k.learning_plan IS NULL THEN NULL" \
	" ELSE " SQL_INT("k.learning_plan IN ('sen_support','ehcp')") " END," \
	" k.mental_health_need, k.mental_health_offered," \
	" k.mental_health_attending, k.substance_misuse_need," \
	" k.substance_misuse_offered, k.substance_misuse_attending," \
	" k.early_help, k.child_in_need, k.child_protection, k.looked_after," \
	" 0, 3, 1 FROM yj_outcomes o JOIN people p ON p.id = o.person_id" \
	" JOIN cases c ON c.id = o.case_id JOIN yj_kpi_snapshots k ON" \
	" k.outcome_id = o.id AND k.point = 'release' AND k.closed_at IS NULL" \
	LIVE_CASE(G, "k") " WHERE " P " AND o.release_date IS NOT NULL AND" \
	" o.closed_at IS NULL" RELEASE_TYPES(G) LIVE(G, "p", "c")

/* Offences (not breaches) on the date of their first open substantive
 * outcome (ties: lowest outcome id); v0 = serious violence. */
#define Q_PROVEN(P, G) \
	"SELECT f.person_id, f.id, c.team_id, s.outcome_date, NULL," WHO "," \
	" " SQL_INT("f.category IN ('violence_against_person','robbery'," \
	"'drugs') AND f.gravity >= 5") " FROM yj_outcomes s JOIN" \
	" yj_outcome_offences l ON" \
	" l.outcome_id = s.id AND l.removed_at IS NULL JOIN yj_offences f ON" \
	" f.id = l.offence_id AND f.closed_at IS NULL AND f.category <>" \
	" 'breach' JOIN people p ON p.id = f.person_id JOIN cases c ON c.id =" \
	" f.case_id WHERE " P " AND s.substantive = 1 AND s.closed_at IS NULL" \
	LIVE(G, "p", "c") LIVE_CASE(G, "s") \
	" AND NOT EXISTS (SELECT 1 FROM yj_outcome_offences l2 JOIN" \
	" yj_outcomes s2 ON s2.id = l2.outcome_id WHERE l2.offence_id = f.id" \
	" AND l2.removed_at IS NULL AND s2.closed_at IS NULL" \
	LIVE_CASE(G, "s2") " AND" \
	" s2.substantive = 1 AND (s2.outcome_date < s.outcome_date OR" \
	" (s2.outcome_date = s.outcome_date AND s2.id < s.id)))"

/* Victims of interventions that ended, on the end date; v0-v5 consent,
 * RJ offered, RJ taken part, information asked, given, support. */
#define Q_VICTIM(P, G) \
	"SELECT v.person_id, v.id, c.team_id, o.end_date, NULL," WHO "," \
	" v.consent_to_contact, v.rj_offered, v.rj_taken_part," \
	" v.information_requested, v.information_given, v.support_offered" \
	" FROM yj_outcomes o JOIN yj_victims v ON v.outcome_id = o.id AND" \
	" v.closed_at IS NULL JOIN people p ON p.id = v.person_id JOIN cases" \
	" c ON c.id = v.case_id WHERE " P " AND o.end_date IS NOT NULL AND" \
	" o.start_date IS NOT NULL AND o.closed_at IS NULL" LIVE_VICTIM(G)

/* Every open assessment; v0 = high or very high risk of serious harm or
 * safety and wellbeing concern. */
#define Q_ASSESSMENT(P, G) \
	"SELECT a.person_id, a.id, c.team_id, a.assessment_date, NULL," WHO \
	", " SQL_INT("COALESCE(a.risk_of_serious_harm IN ('high','very_high'), " \
	SQL_FALSE ") OR COALESCE(a.safety_wellbeing IN ('high','very_high'), " \
	SQL_FALSE ")") " FROM" \
	" yj_assessments a JOIN people p ON p.id = a.person_id JOIN cases c" \
	" ON c.id = a.case_id WHERE " P " AND a.closed_at IS NULL" \
	LIVE(G, "p", "c")

/* ---- the summary: measures_facts ---- */

#define FACT_COLS \
	"kind, person_id, record_id, team_id, day, date2, dob, sex, ethnicity"
#define V1 ", v0"
#define V6 ", v0, v1, v2, v3, v4, v5"
#define V18 \
	", v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14," \
	" v15, v16, v17"

/* Insert the facts of kind k (values vs) chosen by query q. */
#define FACT_INSERT(k, vs, q) \
	"INSERT INTO measures_facts(" FACT_COLS vs ") SELECT " k ", * FROM (" \
	q ")" SQL_SUBQUERY_AS ";"

/* The facts of the person whose id is the SQL expression X, with ON
 * giving each query's predicate on its person column. */
#define FACTS_OF(X, ON, G) \
	FACT_INSERT(MK_FIRST, V1, Q_FIRST(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_INDEX, V1, Q_INDEX(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_CUSTODY, V1, Q_CUSTODY(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_ARREST, "", Q_ARREST(ON("f.person_id", X), G)) \
	FACT_INSERT(MK_COURT, V1, Q_COURT(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_INTERVENTION, V18, \
	            Q_INTERVENTION(ON("o.person_id", X), G)) \
	FACT_INSERT(MK_PROVEN, V1, Q_PROVEN(ON("f.person_id", X), G)) \
	FACT_INSERT(MK_VICTIM, V6, Q_VICTIM(ON("v.person_id", X), G)) \
	FACT_INSERT(MK_ASSESSMENT, V1, Q_ASSESSMENT(ON("a.person_id", X), G)) \
	FACTS_MORE(X, ON, G)

/* The kinds each later generation adds (nothing before generation 3). */
#define FACTS_MORE(X, ON, G) FACTS_MORE_(X, ON, G)
#define FACTS_MORE_(X, ON, G) FACTS_MORE##G(X, ON)
#define FACTS_MORE1(X, ON) ""
#define FACTS_MORE2(X, ON) ""
#define FACTS_MORE3(X, ON) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(ON("o.person_id", X), 3))
/* Generation 4's kinds are in measures_disposals_sql.h, which a text
 * expanding it includes. */
#define FACTS_MORE4(X, ON) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(ON("o.person_id", X), 4)) \
	FACTS_DISPOSALS(X, ON, 4)
/* Generation 5's are in measures_seen_sql.h (and 4's kinds again). */
#define FACTS_MORE5(X, ON) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(ON("o.person_id", X), 5)) \
	FACTS_DISPOSALS(X, ON, 5) FACTS_SEEN(X, ON, 5)
/* Generation 6's are in measures_family_sql.h (and 5's kinds again). */
#define FACTS_MORE6(X, ON) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(ON("o.person_id", X), 6)) \
	FACTS_DISPOSALS(X, ON, 6) FACTS_SEEN(X, ON, 6) FACTS_ENGAGED(X, ON, 6)
/* Generation 7 changes two kinds' rules (the ended interventions' v15,
 * the releases) and adds none. */
#define FACTS_MORE7(X, ON) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(ON("o.person_id", X), 7)) \
	FACTS_DISPOSALS(X, ON, 7) FACTS_SEEN(X, ON, 7) FACTS_ENGAGED(X, ON, 7)

#define ON_PERSON(col, x) col " = " x
#define ON_ALL(col, x) SQL_TRUE
/* x is a set of person ids (a SELECT). */
#define ON_PEOPLE(col, x) col " IN (" x ")"

/* Delete and recompute from the records person X's facts of one kind,
 * in the writer's transaction (the triggers' bodies). */
#define R_KIND(k, vs, q, col, X, G) \
	"DELETE FROM measures_facts WHERE person_id = " X " AND kind = " k ";" \
	FACT_INSERT(k, vs, q(ON_PERSON(col, X), G))
#define R_FIRST(X, G) R_KIND(MK_FIRST, V1, Q_FIRST, "o.person_id", X, G)
#define R_INDEX(X, G) R_KIND(MK_INDEX, V1, Q_INDEX, "o.person_id", X, G)
#define R_CUSTODY(X, G) \
	R_KIND(MK_CUSTODY, V1, Q_CUSTODY, "o.person_id", X, G)
#define R_ARREST(X, G) R_KIND(MK_ARREST, "", Q_ARREST, "f.person_id", X, G)
#define R_COURT(X, G) R_KIND(MK_COURT, V1, Q_COURT, "o.person_id", X, G)
#define R_INTERVENTION(X, G) \
	R_KIND(MK_INTERVENTION, V18, Q_INTERVENTION, "o.person_id", X, G)
#define R_PROVEN(X, G) R_KIND(MK_PROVEN, V1, Q_PROVEN, "f.person_id", X, G)
#define R_VICTIM(X, G) R_KIND(MK_VICTIM, V6, Q_VICTIM, "v.person_id", X, G)
#define R_ASSESSMENT(X, G) \
	R_KIND(MK_ASSESSMENT, V1, Q_ASSESSMENT, "a.person_id", X, G)
#define R_RELEASE(X, G) \
	R_KIND(MK_RELEASE, V18, Q_RELEASE, "o.person_id", X, G)

/* What each table's rows feed (the kinds whose queries read it). From
 * generation 2 an offence also feeds its victims' facts. */
#define R_OUTCOMES(X, G) \
	R_FIRST(X, G) R_INDEX(X, G) R_CUSTODY(X, G) R_COURT(X, G) \
	R_INTERVENTION(X, G) R_PROVEN(X, G) R_VICTIM(X, G)
#define R_OFFENCES(X, G) \
	R_FIRST(X, G) R_INDEX(X, G) R_ARREST(X, G) R_PROVEN(X, G)
#define R_OFFENCES_VICTIMS(X, G) R_OFFENCES(X, G) R_VICTIM(X, G)
#define R_LINKS(X, G) R_FIRST(X, G) R_INDEX(X, G) R_PROVEN(X, G)

/* Delete and recompute from the records every fact of person X. */
#define REFRESH_PERSON(X, G) \
	"DELETE FROM measures_facts WHERE person_id = " X ";" \
	FACTS_OF(X, ON_PERSON, G)

/* Delete and recompute the victim facts of the children who offended
 * against person X (their victim records name X). */
#define REFRESH_VICTIMS_OF(X, G) \
	"DELETE FROM measures_facts WHERE kind = " MK_VICTIM " AND person_id" \
	" IN (SELECT person_id FROM yj_victims WHERE victim_id = " X ");" \
	FACT_INSERT(MK_VICTIM, V6, Q_VICTIM(ON_PEOPLE("v.person_id", \
	            "SELECT person_id FROM yj_victims WHERE victim_id = " X), G))

/* Recompute only the ended interventions' and the releases' facts, the
 * kinds generation 7 changed (migration 27, both stores). */
#define REBUILD_ENDS_RELEASES(G) \
	"DELETE FROM measures_facts WHERE kind IN (" MK_INTERVENTION ", " \
	MK_RELEASE ");" \
	FACT_INSERT(MK_INTERVENTION, V18, Q_INTERVENTION(SQL_TRUE, G)) \
	FACT_INSERT(MK_RELEASE, V18, Q_RELEASE(SQL_TRUE, G))

/* Recompute the whole summary. */
#define REBUILD_ALL(G) \
	"DELETE FROM measures_facts;" FACTS_OF("NULL", ON_ALL, G)

/* Every fact, freshly computed from the records, as measures_facts'
 * columns (kind, ..., v0..v17): to check the summary. */
/* Typed NULLs for the values a kind does not use (PostgreSQL types a
 * UNION's columns pair by pair, and a bare NULL there is text). */
#define NI ", " SQL_NULL_INT
#define N12 NI NI NI NI NI NI NI NI NI NI NI NI
#define N17 N12 NI NI NI NI NI
#define FACT_SELECT(k, pad, q) \
	"SELECT " k ", *" pad " FROM (" q ")" SQL_SUBQUERY_AS
#define FACTS_SELECT_ALL(G) \
	FACT_SELECT(MK_FIRST, N17, Q_FIRST(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_INDEX, N17, Q_INDEX(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_CUSTODY, N17, Q_CUSTODY(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_ARREST, NI N17, Q_ARREST(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_COURT, N17, Q_COURT(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_INTERVENTION, "", \
	                          Q_INTERVENTION(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_PROVEN, N17, Q_PROVEN(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_VICTIM, N12, Q_VICTIM(SQL_TRUE, G)) \
	" UNION ALL " FACT_SELECT(MK_ASSESSMENT, N17, Q_ASSESSMENT(SQL_TRUE, G)) \
	SELECT_MORE(G)
#define SELECT_MORE(G) SELECT_MORE_(G)
#define SELECT_MORE_(G) SELECT_MORE##G
#define SELECT_MORE1 ""
#define SELECT_MORE2 ""
#define SELECT_MORE3 \
	" UNION ALL " FACT_SELECT(MK_RELEASE, "", Q_RELEASE(SQL_TRUE, 3))
#define SELECT_MORE4 \
	" UNION ALL " FACT_SELECT(MK_RELEASE, "", Q_RELEASE(SQL_TRUE, 4)) \
	SELECT_DISPOSALS(4)
#define SELECT_MORE5 \
	" UNION ALL " FACT_SELECT(MK_RELEASE, "", Q_RELEASE(SQL_TRUE, 5)) \
	SELECT_DISPOSALS(5) SELECT_SEEN(5)
#define SELECT_MORE6 \
	" UNION ALL " FACT_SELECT(MK_RELEASE, "", Q_RELEASE(SQL_TRUE, 6)) \
	SELECT_DISPOSALS(6) SELECT_SEEN(6) SELECT_ENGAGED(6)
#define SELECT_MORE7 \
	" UNION ALL " FACT_SELECT(MK_RELEASE, "", Q_RELEASE(SQL_TRUE, 7)) \
	SELECT_DISPOSALS(7) SELECT_SEEN(7) SELECT_ENGAGED(7)

/* clang-format on */

#endif
