/*
 * measures_triggers.h - which triggers keep measures_facts in step with
 * the records, migration by migration (4, 5, 14, 20, 22, 23, 24 and 27;
 * docs/measures.md),
 * written once for both stores. The includer says how its engine writes
 * a trigger by defining, before including this header:
 *
 *   MEASURES_TRIGGER(name, ev, t, refresh)  a trigger measures_<name>
 *       running the statements refresh after event ev ("INSERT",
 *       "UPDATE OF a, b"...) on each row of table t, unless a bulk load is
 *       under way (a row in measures_bulk);
 *   MEASURES_TRIGGER_WHEN(name, ev, t, cond, refresh)  the same, only
 *       when the condition cond on OLD and NEW also holds;
 *   MEASURES_DROP_TRIGGER(name, t)  drop measures_<name> on t if present.
 *
 * SQLite's are in schema_measures.c, PostgreSQL's in
 * store/pg/schema_pg_measures.c. The statements are measures_sql.h's
 * rules, in the includer's dialect.
 */
#ifndef SPIRE_STORE_MEASURES_TRIGGERS_H
#define SPIRE_STORE_MEASURES_TRIGGERS_H

#include "store/measures/measures_disposals_sql.h"
#include "store/measures/measures_family_sql.h"
#include "store/measures/measures_seen_sql.h"
#include "store/measures/measures_sql.h"

/* clang-format off */

/* Insert, update and delete triggers on table t (rows with person_id),
 * refreshing the kinds of fact R reads from it (rules generation G). */
#define ON_CHILD_TABLE(t, R, G) \
	MEASURES_TRIGGER(t "_ai", "INSERT", t, R("NEW.person_id", G)) \
	MEASURES_TRIGGER(t "_au", "UPDATE", t, R("NEW.person_id", G)) \
	MEASURES_TRIGGER(t "_ad", "DELETE", t, R("OLD.person_id", G))

/* A link concerns the child of its outcome and of its offence. */
#define LINK_PEOPLE(r, G) \
	R_LINKS("(SELECT person_id FROM yj_outcomes WHERE id = " r \
	        ".outcome_id)", G) \
	R_LINKS("(SELECT person_id FROM yj_offences WHERE id = " r \
	        ".offence_id)", G)

/* The triggers on the records' tables, rules generation G. */
#define RECORD_TRIGGERS(G) \
	ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES, G) \
	ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION, G) \
	ON_CHILD_TABLE("yj_victims", R_VICTIM, G) \
	ON_CHILD_TABLE("yj_assessments", R_ASSESSMENT, G) \
	MEASURES_TRIGGER("yj_outcome_offences_ai", "INSERT", \
	                 "yj_outcome_offences", LINK_PEOPLE("NEW", G)) \
	MEASURES_TRIGGER("yj_outcome_offences_au", "UPDATE", \
	                 "yj_outcome_offences", LINK_PEOPLE("NEW", G)) \
	MEASURES_TRIGGER("yj_outcome_offences_ad", "DELETE", \
	                 "yj_outcome_offences", LINK_PEOPLE("OLD", G))

/* Portable tests of what an update changed. */
#define CHANGED(col) \
	"COALESCE(OLD." col ", '') <> COALESCE(NEW." col ", '')"
#define FLAG(x) "CASE WHEN " x " THEN 1 ELSE 0 END"
#define EIE_CHANGED FLAG(EIE("OLD")) " <> " FLAG(EIE("NEW"))

/* Every trigger migration 4 made on table t, to be replaced. */
#define DROP_TRIGGERS(t) \
	MEASURES_DROP_TRIGGER(t "_ai", t) \
	MEASURES_DROP_TRIGGER(t "_au", t) \
	MEASURES_DROP_TRIGGER(t "_ad", t)

/* Migration 4: the records' triggers (rules generation 1). */
#define MEASURES_M004_TRIGGERS \
	ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES, 1) \
	ON_CHILD_TABLE("yj_offences", R_OFFENCES, 1) \
	ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION, 1) \
	ON_CHILD_TABLE("yj_victims", R_VICTIM, 1) \
	ON_CHILD_TABLE("yj_assessments", R_ASSESSMENT, 1) \
	MEASURES_TRIGGER("yj_outcome_offences_ai", "INSERT", \
	                 "yj_outcome_offences", LINK_PEOPLE("NEW", 1)) \
	MEASURES_TRIGGER("yj_outcome_offences_au", "UPDATE", \
	                 "yj_outcome_offences", LINK_PEOPLE("NEW", 1)) \
	MEASURES_TRIGGER("yj_outcome_offences_ad", "DELETE", \
	                 "yj_outcome_offences", LINK_PEOPLE("OLD", 1)) \
	/* A child's date of birth, sex or ethnicity; the team holding a \
	 * case: every kind. */ \
	MEASURES_TRIGGER("people_au", "UPDATE OF date_of_birth, sex, ethnicity", \
	                 "people", REFRESH_PERSON("NEW.id", 1)) \
	MEASURES_TRIGGER("cases_au", "UPDATE OF team_id, person_id", "cases", \
	                 REFRESH_PERSON("NEW.person_id", 1))

/* Migration 5 (rules generation 2): see schema_measures.c. */
#define MEASURES_M005_TRIGGERS \
	DROP_TRIGGERS("yj_outcomes") \
	DROP_TRIGGERS("yj_offences") \
	DROP_TRIGGERS("yj_kpi_snapshots") \
	DROP_TRIGGERS("yj_victims") \
	DROP_TRIGGERS("yj_assessments") \
	DROP_TRIGGERS("yj_outcome_offences") \
	MEASURES_DROP_TRIGGER("people_au", "people") \
	MEASURES_DROP_TRIGGER("cases_au", "cases") \
	RECORD_TRIGGERS(2) \
	ON_CHILD_TABLE("yj_offences", R_OFFENCES_VICTIMS, 2) \
	/* A person: their own facts as a child, and the victim facts of \
	 * the children who offended against them. Only when what the facts \
	 * read changed: every edit of a person or case writes all its \
	 * columns. */ \
	MEASURES_TRIGGER_WHEN("people_au", "UPDATE OF date_of_birth, sex," \
	                      " ethnicity, closed_at, closed_reason", "people", \
	                      CHANGED("date_of_birth") " OR " CHANGED("sex") \
	                      " OR " CHANGED("ethnicity") " OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.id", 2) \
	                      REFRESH_VICTIMS_OF("NEW.id", 2)) \
	MEASURES_TRIGGER_WHEN("cases_au", "UPDATE OF team_id, person_id," \
	                      " closed_at, closed_reason", "cases", \
	                      "OLD.team_id <> NEW.team_id OR OLD.person_id <>" \
	                      " NEW.person_id OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.person_id", 2)) \
	MEASURES_TRIGGER_WHEN("cases_au_moved", "UPDATE OF person_id", "cases", \
	                      "OLD.person_id <> NEW.person_id", \
	                      REFRESH_PERSON("OLD.person_id", 2))

/* The release facts follow their outcome and their snapshot (rules
 * generation G). */
#define RELEASE_TRIGGERS(G) \
	MEASURES_TRIGGER("yj_outcomes_release_ai", "INSERT", "yj_outcomes", \
	                 R_RELEASE("NEW.person_id", G)) \
	MEASURES_TRIGGER("yj_outcomes_release_au", "UPDATE", "yj_outcomes", \
	                 R_RELEASE("NEW.person_id", G) \
	                 R_RELEASE("OLD.person_id", G)) \
	MEASURES_TRIGGER("yj_outcomes_release_ad", "DELETE", "yj_outcomes", \
	                 R_RELEASE("OLD.person_id", G)) \
	MEASURES_TRIGGER("yj_kpi_snapshots_release_ai", "INSERT", \
	                 "yj_kpi_snapshots", R_RELEASE("NEW.person_id", G)) \
	MEASURES_TRIGGER("yj_kpi_snapshots_release_au", "UPDATE", \
	                 "yj_kpi_snapshots", R_RELEASE("NEW.person_id", G) \
	                 R_RELEASE("OLD.person_id", G)) \
	MEASURES_TRIGGER("yj_kpi_snapshots_release_ad", "DELETE", \
	                 "yj_kpi_snapshots", R_RELEASE("OLD.person_id", G))

/* Migration 14 (rules generation 3): see schema_measures.c. */
#define MEASURES_M014_TRIGGERS \
	RELEASE_TRIGGERS(3) \
	MEASURES_DROP_TRIGGER("people_au", "people") \
	MEASURES_DROP_TRIGGER("cases_au", "cases") \
	MEASURES_DROP_TRIGGER("cases_au_moved", "cases") \
	MEASURES_TRIGGER_WHEN("people_au", "UPDATE OF date_of_birth, sex," \
	                      " ethnicity, closed_at, closed_reason", "people", \
	                      CHANGED("date_of_birth") " OR " CHANGED("sex") \
	                      " OR " CHANGED("ethnicity") " OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.id", 3) \
	                      REFRESH_VICTIMS_OF("NEW.id", 3)) \
	MEASURES_TRIGGER_WHEN("cases_au", "UPDATE OF team_id, person_id," \
	                      " closed_at, closed_reason", "cases", \
	                      "OLD.team_id <> NEW.team_id OR OLD.person_id <>" \
	                      " NEW.person_id OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.person_id", 3)) \
	MEASURES_TRIGGER_WHEN("cases_au_moved", "UPDATE OF person_id", "cases", \
	                      "OLD.person_id <> NEW.person_id", \
	                      REFRESH_PERSON("OLD.person_id", 3))

/* The person's triggers of generation G (recreated by each migration
 * that adds a kind, so that refreshing a person recomputes it too). */
#define PERSON_CASE_TRIGGERS(G) \
	MEASURES_DROP_TRIGGER("people_au", "people") \
	MEASURES_DROP_TRIGGER("cases_au", "cases") \
	MEASURES_DROP_TRIGGER("cases_au_moved", "cases") \
	MEASURES_TRIGGER_WHEN("people_au", "UPDATE OF date_of_birth, sex," \
	                      " ethnicity, closed_at, closed_reason", "people", \
	                      CHANGED("date_of_birth") " OR " CHANGED("sex") \
	                      " OR " CHANGED("ethnicity") " OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.id", G) \
	                      REFRESH_VICTIMS_OF("NEW.id", G)) \
	MEASURES_TRIGGER_WHEN("cases_au", "UPDATE OF team_id, person_id," \
	                      " closed_at, closed_reason", "cases", \
	                      "OLD.team_id <> NEW.team_id OR OLD.person_id <>" \
	                      " NEW.person_id OR " EIE_CHANGED, \
	                      REFRESH_PERSON("NEW.person_id", G)) \
	MEASURES_TRIGGER_WHEN("cases_au_moved", "UPDATE OF person_id", "cases", \
	                      "OLD.person_id <> NEW.person_id", \
	                      REFRESH_PERSON("OLD.person_id", G))

/* A link's offence-outcome facts: the child of its outcome and of its
 * offence (the same child, as the service requires; both for safety). */
#define LINK_OFFENCE_OUTCOMES(r, G) \
	R_OFFENCE_OUTCOME("(SELECT person_id FROM yj_outcomes WHERE id = " r \
	                  ".outcome_id)", G) \
	R_OFFENCE_OUTCOME("(SELECT person_id FROM yj_offences WHERE id = " r \
	                  ".offence_id)", G)

/* Migration 20 (rules generation 4): the disposal measures' facts follow
 * outcomes (a disposal, an intervention started, the offences' first
 * disposal), offences and links; see schema_measures.c. */
#define MEASURES_M020_TRIGGERS \
	MEASURES_TRIGGER("yj_outcomes_disposal_ai", "INSERT", "yj_outcomes", \
	                 R_OUTCOME_DISPOSALS("NEW.person_id", 4)) \
	MEASURES_TRIGGER("yj_outcomes_disposal_au", "UPDATE", "yj_outcomes", \
	                 R_OUTCOME_DISPOSALS("NEW.person_id", 4) \
	                 R_OUTCOME_DISPOSALS("OLD.person_id", 4)) \
	MEASURES_TRIGGER("yj_outcomes_disposal_ad", "DELETE", "yj_outcomes", \
	                 R_OUTCOME_DISPOSALS("OLD.person_id", 4)) \
	MEASURES_TRIGGER("yj_offences_disposal_ai", "INSERT", "yj_offences", \
	                 R_OFFENCE_OUTCOME("NEW.person_id", 4)) \
	MEASURES_TRIGGER("yj_offences_disposal_au", "UPDATE", "yj_offences", \
	                 R_OFFENCE_OUTCOME("NEW.person_id", 4) \
	                 R_OFFENCE_OUTCOME("OLD.person_id", 4)) \
	MEASURES_TRIGGER("yj_offences_disposal_ad", "DELETE", "yj_offences", \
	                 R_OFFENCE_OUTCOME("OLD.person_id", 4)) \
	MEASURES_TRIGGER("yj_outcome_offences_disposal_ai", "INSERT", \
	                 "yj_outcome_offences", LINK_OFFENCE_OUTCOMES("NEW", 4)) \
	MEASURES_TRIGGER("yj_outcome_offences_disposal_au", "UPDATE", \
	                 "yj_outcome_offences", LINK_OFFENCE_OUTCOMES("NEW", 4) \
	                 LINK_OFFENCE_OUTCOMES("OLD", 4)) \
	MEASURES_TRIGGER("yj_outcome_offences_disposal_ad", "DELETE", \
	                 "yj_outcome_offences", LINK_OFFENCE_OUTCOMES("OLD", 4)) \
	PERSON_CASE_TRIGGERS(4)

/* The child of an outcome r's case, of an assessment r's intervention. */
#define CASE_CHILD(r) "(SELECT person_id FROM cases WHERE id = " r ".case_id)"
#define OUTCOME_CHILD(r) \
	"(SELECT sc.person_id FROM yj_outcomes so JOIN cases sc ON sc.id =" \
	" so.case_id WHERE so.id = " r ".outcome_id)"
/* The people of a family_members row r's family, and r's own person. */
#define FAMILY_PEOPLE(r) \
	"SELECT person_id FROM family_members WHERE family_id = " r \
	".family_id UNION SELECT " r ".person_id"
/* An integer column that may be NULL changed. */
#define CHANGED_ID(col) "COALESCE(OLD." col ", 0) <> COALESCE(NEW." col ", 0)"

/*
 * Migration 22 (rules generation 5): the parents-seen facts (a parent at
 * each point of an intervention) follow what a point, a parent or a
 * contact is made of, child by child or parent by parent: interventions
 * and their review assessments, cases (the child's youth justice case,
 * the parent's parenting case), families and their members, teams moved
 * to another service, the parent's person record (closed; date of birth,
 * sex and ethnicity through the person's own trigger), victim records
 * naming the parent, contacts and their attendees. See
 * schema_measures.c.
 */
#define MEASURES_M022_TRIGGERS \
	MEASURES_TRIGGER("yj_outcomes_seen_ai", "INSERT", "yj_outcomes", \
	                 R_SEEN_CHILD(CASE_CHILD("NEW"), 5)) \
	MEASURES_TRIGGER_WHEN("yj_outcomes_seen_au", "UPDATE", "yj_outcomes", \
	                      CHANGED("start_date") " OR " CHANGED("end_date") \
	                      " OR " CHANGED("closed_at") " OR " \
	                      CHANGED_ID("case_id"), \
	                      R_SEEN_CHILD(CASE_CHILD("NEW"), 5) \
	                      R_SEEN_CHILD(CASE_CHILD("OLD"), 5)) \
	MEASURES_TRIGGER("yj_outcomes_seen_ad", "DELETE", "yj_outcomes", \
	                 R_SEEN_CHILD(CASE_CHILD("OLD"), 5)) \
	MEASURES_TRIGGER("yj_assessments_seen_ai", "INSERT", "yj_assessments", \
	                 R_SEEN_CHILD(OUTCOME_CHILD("NEW"), 5)) \
	MEASURES_TRIGGER_WHEN("yj_assessments_seen_au", "UPDATE", \
	                      "yj_assessments", CHANGED_ID("outcome_id") " OR " \
	                      CHANGED("stage") " OR " CHANGED("closed_at") \
	                      " OR " CHANGED("assessment_date"), \
	                      R_SEEN_CHILD(OUTCOME_CHILD("NEW"), 5) \
	                      R_SEEN_CHILD(OUTCOME_CHILD("OLD"), 5)) \
	MEASURES_TRIGGER("yj_assessments_seen_ad", "DELETE", "yj_assessments", \
	                 R_SEEN_CHILD(OUTCOME_CHILD("OLD"), 5)) \
	MEASURES_TRIGGER_WHEN("cases_seen_au", "UPDATE", "cases", \
	                      CHANGED_ID("team_id") " OR " CHANGED_ID("person_id") \
	                      " OR " CHANGED_ID("service_id") " OR " \
	                      CHANGED("closed_at"), \
	                      R_SEEN_CHILD("NEW.person_id", 5) \
	                      R_SEEN_PARENT("NEW.person_id", 5)) \
	MEASURES_TRIGGER_WHEN("cases_seen_au_moved", "UPDATE", "cases", \
	                      "OLD.person_id <> NEW.person_id", \
	                      R_SEEN_CHILD("OLD.person_id", 5) \
	                      R_SEEN_PARENT("OLD.person_id", 5)) \
	MEASURES_TRIGGER("cases_seen_ad", "DELETE", "cases", \
	                 R_SEEN_CHILD("OLD.person_id", 5) \
	                 R_SEEN_PARENT("OLD.person_id", 5)) \
	MEASURES_TRIGGER("family_members_seen_ai", "INSERT", "family_members", \
	                 R_SEEN_CHILDREN(FAMILY_PEOPLE("NEW"), 5)) \
	MEASURES_TRIGGER("family_members_seen_au", "UPDATE", "family_members", \
	                 R_SEEN_CHILDREN(FAMILY_PEOPLE("NEW"), 5)) \
	MEASURES_TRIGGER_WHEN("family_members_seen_au_moved", "UPDATE", \
	                      "family_members", "OLD.family_id <> NEW.family_id" \
	                      " OR OLD.person_id <> NEW.person_id", \
	                      R_SEEN_CHILDREN(FAMILY_PEOPLE("OLD"), 5)) \
	MEASURES_TRIGGER("family_members_seen_ad", "DELETE", "family_members", \
	                 R_SEEN_CHILDREN(FAMILY_PEOPLE("OLD"), 5)) \
	MEASURES_TRIGGER_WHEN("families_seen_au", "UPDATE", "families", \
	                      CHANGED("closed_at"), \
	                      R_SEEN_CHILDREN("SELECT person_id FROM" \
	                                      " family_members WHERE" \
	                                      " family_id = NEW.id", 5)) \
	MEASURES_TRIGGER_WHEN("teams_seen_au", "UPDATE", "teams", \
	                      CHANGED_ID("service_id"), \
	                      R_SEEN_CHILDREN("SELECT person_id FROM cases" \
	                                      " WHERE team_id = NEW.id", 5)) \
	MEASURES_TRIGGER_WHEN("people_seen_au", "UPDATE", "people", \
	                      CHANGED("closed_at"), \
	                      R_SEEN_PARENT("NEW.id", 5)) \
	MEASURES_TRIGGER("yj_victims_seen_ai", "INSERT", "yj_victims", \
	                 R_SEEN_PARENT("NEW.victim_id", 5)) \
	MEASURES_TRIGGER_WHEN("yj_victims_seen_au", "UPDATE", "yj_victims", \
	                      CHANGED_ID("victim_id") " OR " \
	                      CHANGED("closed_at"), \
	                      R_SEEN_PARENT("NEW.victim_id", 5) \
	                      R_SEEN_PARENT("OLD.victim_id", 5)) \
	MEASURES_TRIGGER("yj_victims_seen_ad", "DELETE", "yj_victims", \
	                 R_SEEN_PARENT("OLD.victim_id", 5)) \
	MEASURES_TRIGGER("contact_attendees_seen_ai", "INSERT", \
	                 "contact_attendees", R_SEEN_PARENT("NEW.person_id", 5)) \
	MEASURES_TRIGGER_WHEN("contact_attendees_seen_au", "UPDATE", \
	                      "contact_attendees", CHANGED_ID("person_id") \
	                      " OR " CHANGED_ID("contact_id") " OR " \
	                      CHANGED("removed_at"), \
	                      R_SEEN_PARENT("NEW.person_id", 5) \
	                      R_SEEN_PARENT("OLD.person_id", 5)) \
	MEASURES_TRIGGER("contact_attendees_seen_ad", "DELETE", \
	                 "contact_attendees", R_SEEN_PARENT("OLD.person_id", 5)) \
	MEASURES_TRIGGER_WHEN("contacts_seen_au", "UPDATE", "contacts", \
	                      CHANGED("closed_at") " OR " \
	                      CHANGED("contact_date") " OR " \
	                      CHANGED_ID("case_id"), \
	                      R_SEEN_PARENTS("SELECT person_id FROM" \
	                                     " contact_attendees WHERE" \
	                                     " contact_id = NEW.id", 5)) \
	/* Inserts refresh too (on PostgreSQL the API's parents-seen test \
	 * needed the contact's: see docs/measures.md). */ \
	MEASURES_TRIGGER("contacts_seen_ai", "INSERT", "contacts", \
	                 R_SEEN_PARENTS("SELECT person_id FROM" \
	                                " contact_attendees WHERE" \
	                                " contact_id = NEW.id", 5)) \
	MEASURES_TRIGGER("families_seen_ai", "INSERT", "families", \
	                 R_SEEN_CHILDREN("SELECT person_id FROM" \
	                                 " family_members WHERE" \
	                                 " family_id = NEW.id", 5)) \
	MEASURES_TRIGGER("cases_seen_ai", "INSERT", "cases", \
	                 R_SEEN_CHILD("NEW.person_id", 5) \
	                 R_SEEN_PARENT("NEW.person_id", 5)) \
	MEASURES_TRIGGER("people_seen_ai", "INSERT", "people", \
	                 R_SEEN_CHILD("NEW.id", 5) R_SEEN_PARENT("NEW.id", 5)) \
	MEASURES_TRIGGER("contacts_seen_ad", "DELETE", "contacts", \
	                 R_SEEN_PARENTS("SELECT person_id FROM" \
	                                " contact_attendees WHERE" \
	                                " contact_id = OLD.id", 5)) \
	PERSON_CASE_TRIGGERS(5)

/* The child of a support r's youth justice case; the children of the
 * supports of parent x (an id), and of those on parenting case x. */
#define SUPPORT_CHILD(r) \
	"(SELECT person_id FROM cases WHERE id = " r ".child_case_id)"
#define SUPPORTED_CHILDREN(col, x) \
	"SELECT sc.person_id FROM parent_supports ss JOIN cases sc ON sc.id =" \
	" ss.child_case_id WHERE ss." col " = " x

/*
 * Migration 23 (rules generation 6): the parent-engagement facts (each
 * youth justice case of a child, each parent's support on it) follow,
 * child by child (the old and the new child in one set, so that each
 * trigger's text, which every connection parses, is written once), the
 * supports (any change: there are few), the cases
 * (the child's: its service, team, child, dates or entered in error; a
 * parent's parenting case entered in error), the parent's person record
 * entered in error, and the child's own record (date of birth, sex,
 * ethnicity, entered in error) through the person's own trigger,
 * recreated with generation 6. A change to `services` (the codes, fixed
 * at install) is followed by migration 24. See schema_measures.c.
 */
#define MEASURES_M023_TRIGGERS \
	MEASURES_TRIGGER("parent_supports_engaged_ai", "INSERT", \
	                 "parent_supports", \
	                 R_ENGAGED_CHILD(SUPPORT_CHILD("NEW"), 6)) \
	MEASURES_TRIGGER("parent_supports_engaged_au", "UPDATE", \
	                 "parent_supports", \
	                 R_ENGAGED_CHILDREN("SELECT person_id FROM cases WHERE" \
	                                    " id IN (NEW.child_case_id," \
	                                    " OLD.child_case_id)", 6)) \
	MEASURES_TRIGGER("parent_supports_engaged_ad", "DELETE", \
	                 "parent_supports", \
	                 R_ENGAGED_CHILD(SUPPORT_CHILD("OLD"), 6)) \
	MEASURES_TRIGGER("cases_engaged_ai", "INSERT", "cases", \
	                 R_ENGAGED_CHILD("NEW.person_id", 6)) \
	MEASURES_TRIGGER_WHEN("cases_engaged_au", "UPDATE", "cases", \
	                      CHANGED_ID("service_id") " OR " \
	                      CHANGED_ID("team_id") " OR " \
	                      CHANGED_ID("person_id") " OR " \
	                      CHANGED("start_date") " OR " CHANGED("end_date") \
	                      " OR " EIE_CHANGED, \
	                      R_ENGAGED_CHILDREN("SELECT NEW.person_id UNION" \
	                                         " SELECT OLD.person_id UNION " \
	                                         SUPPORTED_CHILDREN("case_id", \
	                                         "NEW.id"), 6)) \
	MEASURES_TRIGGER("cases_engaged_ad", "DELETE", "cases", \
	                 R_ENGAGED_CHILDREN("SELECT OLD.person_id UNION " \
	                                    SUPPORTED_CHILDREN("case_id", \
	                                    "OLD.id"), 6)) \
	MEASURES_TRIGGER_WHEN("people_engaged_au", "UPDATE", "people", \
	                      EIE_CHANGED, \
	                      R_ENGAGED_CHILDREN(SUPPORTED_CHILDREN("person_id", \
	                                         "NEW.id"), 6)) \
	PERSON_CASE_TRIGGERS(6)
/*
 * Migration 24 (rules generation 6, session 23): the parents-seen and
 * parent-engagement facts read services by code (a child's case and team
 * of the youth justice service, a parent's case of the parenting
 * service). Nothing in Spire
 * changes a service, but a change made to the table (a service's code
 * renamed, its id changed) would otherwise leave the summary stale: every
 * child with a case has their facts recomputed. Deleting a service a team
 * or case names is refused by its foreign keys; deleting or adding one
 * that none names changes no fact.
 */
#define MEASURES_M024_TRIGGERS \
	MEASURES_TRIGGER_WHEN("services_seen_au", "UPDATE", "services", \
	                      CHANGED("code") " OR " CHANGED_ID("id"), \
	                      R_SEEN_CHILDREN("SELECT person_id FROM cases", \
	                                      6) \
	                      R_ENGAGED_CHILDREN("SELECT person_id FROM cases", \
	                                         6))

/*
 * Migration 27 (rules generation 7, PostgreSQL: SQLite's records'
 * triggers only queue since migration 26, schema_measures_releases.c):
 * the triggers whose functions recompute the ended interventions' or the
 * releases' facts, made again with the rules that count a remand to
 * youth detention once (KPIs 1 and 2). A trigger keeps its name, event
 * and table, and so its place among the others.
 */
#define MEASURES_M027_TRIGGERS \
	DROP_TRIGGERS("yj_outcomes") \
	ON_CHILD_TABLE("yj_outcomes", R_OUTCOMES, 7) \
	DROP_TRIGGERS("yj_kpi_snapshots") \
	ON_CHILD_TABLE("yj_kpi_snapshots", R_INTERVENTION, 7) \
	MEASURES_DROP_TRIGGER("yj_outcomes_release_ai", "yj_outcomes") \
	MEASURES_DROP_TRIGGER("yj_outcomes_release_au", "yj_outcomes") \
	MEASURES_DROP_TRIGGER("yj_outcomes_release_ad", "yj_outcomes") \
	MEASURES_DROP_TRIGGER("yj_kpi_snapshots_release_ai", \
	                      "yj_kpi_snapshots") \
	MEASURES_DROP_TRIGGER("yj_kpi_snapshots_release_au", \
	                      "yj_kpi_snapshots") \
	MEASURES_DROP_TRIGGER("yj_kpi_snapshots_release_ad", \
	                      "yj_kpi_snapshots") \
	RELEASE_TRIGGERS(7) \
	PERSON_CASE_TRIGGERS(7)

/* clang-format on */

#endif
