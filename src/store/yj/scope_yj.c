/*
 * scope_yj.c - the youth justice record kinds: each hangs off a case and
 * relates to the user exactly as that case does. A victim record is about
 * the victim and is opened by youth justice roles only; the others are
 * about the child.
 */
#include "store/scope.h"

const struct record_kind RK_OFFENCE[1] = {
    SCOPE_VIA_CASE_KIND("offence", "yj_offences", "case_id", "person_id", 0)};

const struct record_kind RK_OUTCOME[1] = {
    SCOPE_VIA_CASE_KIND("outcome", "yj_outcomes", "case_id", "person_id", 0)};

const struct record_kind RK_ASSESSMENT[1] = {SCOPE_VIA_CASE_KIND(
    "assessment", "yj_assessments", "case_id", "person_id", 0)};

const struct record_kind RK_KPI_SNAPSHOT[1] = {SCOPE_VIA_CASE_KIND(
    "kpi_snapshot", "yj_kpi_snapshots", "case_id", "person_id", 0)};

const struct record_kind RK_VICTIM[1] = {SCOPE_VIA_CASE_KIND(
    "victim", "yj_victims", "case_id", "victim_id", KIND_YOUTH_JUSTICE)};

/* Court work (migration 16): about the child, as their case relates. */
const struct record_kind RK_HEARING[1] = {
    SCOPE_VIA_CASE_KIND("hearing", "yj_hearings", "case_id", "person_id", 0)};

const struct record_kind RK_COURT_REPORT[1] = {SCOPE_VIA_CASE_KIND(
    "court_report", "yj_court_reports", "case_id", "person_id", 0)};

const struct record_kind *const SCOPE_YJ_KINDS[] = {
    RK_OFFENCE, RK_OUTCOME, RK_ASSESSMENT,   RK_KPI_SNAPSHOT,
    RK_VICTIM,  RK_HEARING, RK_COURT_REPORT, NULL,
};
