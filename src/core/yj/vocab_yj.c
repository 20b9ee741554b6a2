/*
 * vocab_yj.c - the youth justice vocabularies (see vocab.h), in the
 * national terms; what each means is in docs/youth-justice-model.md.
 */
#include "core/yj/vocab_yj.h"

static const struct vocab_term OFFENCE_CATEGORIES[] = {
    {"violence_against_person", "Violence against the person", NULL, NULL, NULL,
     0},
    {"robbery", "Robbery", NULL, NULL, NULL, 0},
    {"drugs", "Drugs", NULL, NULL, NULL, 0},
    {"theft", "Theft and handling", NULL, NULL, NULL, 0},
    {"criminal_damage", "Criminal damage", NULL, NULL, NULL, 0},
    {"motoring", "Motoring", NULL, NULL, NULL, 0},
    {"sexual", "Sexual offences", NULL, NULL, NULL, 0},
    {"public_order", "Public order", NULL, NULL, NULL, 0},
    {"breach", "Breach of an order, bail or licence", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

/* Each outcome's kind is its group (pre_court, court or custody, as the
 * yj_outcomes.kind column derives it); cautions and convictions carry
 * VOCAB_TAG_SUBSTANTIVE. */
static const struct vocab_term OUTCOME_TYPES[] = {
    {"prevention", "Prevention programme", NULL, "pre_court", NULL, 0},
    /* The label is what tables and headings show (a caseload's Order
     * column): the explanation is the hint (walker, session 23). */
    {"diversion", "Diversion",
     "Including police no further action with YJS diversion", "pre_court", NULL,
     0},
    {"community_resolution", "Community resolution",
     "Enhanced when the YJS works with the child", "pre_court", NULL, 0},
    {"outcome_22", "Outcome 22 (deferred prosecution)", NULL, "pre_court", NULL,
     0},
    {"youth_caution", "Youth caution", NULL, "pre_court", "substantive", 0},
    {"youth_conditional_caution", "Youth conditional caution", NULL,
     "pre_court", "substantive", 0},
    {"referral_order", "Referral order", NULL, "court", "substantive", 0},
    {"youth_rehabilitation_order", "Youth rehabilitation order", NULL, "court",
     "substantive", 0},
    {"reparation_order", "Reparation order", NULL, "court", "substantive", 0},
    {"fine", "Fine", NULL, "court", "substantive", 0},
    {"discharge", "Discharge (absolute or conditional)", NULL, "court",
     "substantive", 0},
    {"other_court", "Other court outcome (for example compensation)", NULL,
     "court", "substantive", 0},
    {"parenting_order", "Parenting order", NULL, "court", NULL, 0},
    {"remand_local_authority", "Remand to local authority accommodation", NULL,
     "court", NULL, 0},
    {"remand_youth_detention", "Remand to youth detention accommodation", NULL,
     "custody", NULL, 0},
    {"detention_training_order", "Detention and training order", NULL,
     "custody", "substantive", 0},
    {"custodial_sentence", "Other custodial sentence (s250, s259)", NULL,
     "custody", "substantive", 0},
};

static const struct vocab_term OUTCOME_KINDS[] = {
    {"pre_court", "Pre-court", NULL, NULL, NULL, 0},
    {"court", "Court", NULL, NULL, NULL, 0},
    {"custody", "Custody", NULL, NULL, NULL, 0},
};

static const struct vocab_term END_REASONS[] = {
    {"completed", "Completed", NULL, NULL, NULL, 0},
    {"breached", "Breached", NULL, NULL, NULL, 0},
    {"revoked", "Revoked", NULL, NULL, NULL, 0},
    {"transferred_out", "Transferred out to another youth justice service",
     NULL, NULL, NULL, 0},
    {"other",
     "Other (for example remand ended by bail, sentence or "
     "acquittal)",
     NULL, NULL, NULL, 0},
};

static const struct vocab_term YRO_REQUIREMENTS[] = {
    {"supervision", "Supervision", NULL, NULL, NULL, 0},
    {"activity", "Activity", NULL, NULL, NULL, 0},
    {"programme", "Programme", NULL, NULL, NULL, 0},
    {"unpaid_work", "Unpaid work", NULL, NULL, NULL, 0},
    {"curfew", "Curfew", NULL, NULL, NULL, 0},
    {"exclusion", "Exclusion", NULL, NULL, NULL, 0},
    {"residence", "Residence", NULL, NULL, NULL, 0},
    {"local_authority_residence", "Local authority residence", NULL, NULL, NULL,
     0},
    {"mental_health_treatment", "Mental health treatment", NULL, NULL, NULL, 0},
    {"drug_treatment", "Drug treatment", NULL, NULL, NULL, 0},
    {"drug_testing", "Drug testing", NULL, NULL, NULL, 0},
    {"intoxicating_substance_treatment", "Intoxicating substance treatment",
     NULL, NULL, NULL, 0},
    {"education", "Education", NULL, NULL, NULL, 0},
    {"attendance_centre", "Attendance centre", NULL, NULL, NULL, 0},
    {"prohibited_activity", "Prohibited activity", NULL, NULL, NULL, 0},
    {"electronic_monitoring", "Electronic monitoring", NULL, NULL, NULL, 0},
    {"intensive_supervision_surveillance",
     "Intensive supervision and surveillance", NULL, NULL, NULL, 0},
    {"intensive_fostering", "Intensive fostering", NULL, NULL, NULL, 0},
    {"fostering", "Fostering", NULL, NULL, NULL, 0},
};

static const struct vocab_term ASSESSMENT_TYPES[] = {
    {"assetplus", "AssetPlus", NULL, NULL, NULL, 0},
    {"prevention_diversion", "Prevention and diversion", NULL, NULL, NULL, 0},
};

static const struct vocab_term STAGES[] = {
    {"start", "Start", NULL, NULL, NULL, 0},
    {"review", "Review", NULL, NULL, NULL, 0},
    {"end", "End", NULL, NULL, NULL, 0},
    {"release", "Release from custody", NULL, NULL, NULL, 0},
};

static const struct vocab_term LEVELS[] = {
    {"low", "Low", NULL, NULL, NULL, 0},
    {"medium", "Medium", NULL, NULL, NULL, 0},
    {"high", "High", NULL, NULL, NULL, 0},
    {"very_high", "Very high", NULL, NULL, NULL, 0},
};

static const struct vocab_term INTERVENTION_LEVELS[] = {
    {"standard", "Standard", NULL, NULL, NULL, 0},
    {"enhanced", "Enhanced", NULL, NULL, NULL, 0},
    {"intensive", "Intensive", NULL, NULL, NULL, 0},
};

static const struct vocab_term KPI_POINTS[] = {
    {"start", "Start of the intervention", NULL, NULL, NULL, 0},
    {"end", "End of the intervention", NULL, NULL, NULL, 0},
    {"release", "Release from custody", NULL, NULL, NULL, 0},
};

static const struct vocab_term ACCOMMODATION[] = {
    {"with_parents", "With parents", NULL, NULL, NULL, 0},
    {"with_family_or_friends", "With other family or friends", NULL, NULL, NULL,
     0},
    {"foster_care", "Foster care", NULL, NULL, NULL, 0},
    {"residential_home", "Residential children’s home", NULL, NULL, NULL, 0},
    {"supported_accommodation", "Supported accommodation", NULL, NULL, NULL, 0},
    {"independent", "Independent living", NULL, NULL, NULL, 0},
    {"secure_estate", "Secure estate", NULL, NULL, NULL, 0},
    {"temporary", "Temporary accommodation", NULL, NULL, NULL, 0},
    {"no_fixed_abode", "No fixed abode", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term ETE_PROVISION[] = {
    {"mainstream_school", "Mainstream school", NULL, NULL, NULL, 0},
    {"alternative_provision", "Alternative provision", NULL, NULL, NULL, 0},
    {"special_school", "Special school", NULL, NULL, NULL, 0},
    {"home_education", "Home education", NULL, NULL, NULL, 0},
    {"college", "College", NULL, NULL, NULL, 0},
    {"training", "Training", NULL, NULL, NULL, 0},
    {"apprenticeship", "Apprenticeship", NULL, NULL, NULL, 0},
    {"employment", "Employment", NULL, NULL, NULL, 0},
    {"none", "None", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term LEARNING_PLANS[] = {
    {"none", "None", NULL, NULL, NULL, 0},
    {"sen_support", "SEN support", NULL, NULL, NULL, 0},
    {"ehcp", "Education, health and care plan (EHCP)", NULL, NULL, NULL, 0},
};

/* The five statutory partners of a youth justice management board are in
 * the group "statutory", listed first. */
static const struct vocab_term BOARD_AGENCIES[] = {
    {"childrens_social_care", "Children’s social care", NULL, "statutory", NULL,
     0},
    {"police", "Police", NULL, "statutory", NULL, 0},
    {"probation", "Probation", NULL, "statutory", NULL, 0},
    {"health", "Health", NULL, "statutory", NULL, 0},
    {"education", "Education", NULL, "statutory", NULL, 0},
    {"youth_justice", "Youth justice service", NULL, NULL, NULL, 0},
    {"public_health", "Public health", NULL, NULL, NULL, 0},
    {"early_help", "Early help", NULL, NULL, NULL, 0},
    {"housing", "Housing", NULL, NULL, NULL, 0},
    {"courts", "Courts", NULL, NULL, NULL, 0},
    {"pcc", "Police and crime commissioner", NULL, NULL, NULL, 0},
    {"voluntary_sector", "Voluntary sector", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

/* Court work (issue 10): the hearings a child attends and the reports the
 * service writes for the court. A hearing outcome tagged "next" leaves the
 * case before the court again, so the next hearing's date is recorded. */
static const struct vocab_term HEARING_TYPES[] = {
    {"first_appearance", "First appearance", NULL, NULL, NULL, 0},
    {"plea", "Plea hearing", NULL, NULL, NULL, 0},
    {"bail_application", "Bail application", NULL, NULL, NULL, 0},
    {"remand_review", "Remand review", NULL, NULL, NULL, 0},
    {"trial", "Trial", NULL, NULL, NULL, 0},
    {"sentence", "Sentencing", NULL, NULL, NULL, 0},
    {"breach", "Breach proceedings", NULL, NULL, NULL, 0},
    {"order_review", "Review of an order", NULL, NULL, NULL, 0},
    {"appeal", "Appeal", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term HEARING_OUTCOMES[] = {
    {"adjourned", "Adjourned", NULL, NULL, "next", 0},
    {"bail", "Remanded on bail", NULL, NULL, "next", 0},
    {"remand_local_authority", "Remanded to local authority accommodation",
     NULL, NULL, "next", 0},
    {"remand_youth_detention", "Remanded to youth detention accommodation",
     NULL, NULL, "next", 0},
    {"convicted", "Convicted, adjourned for sentence", NULL, NULL, "next", 0},
    {"sentenced", "Sentenced", NULL, NULL, NULL, 0},
    {"acquitted", "Acquitted or dismissed", NULL, NULL, NULL, 0},
    {"withdrawn", "Withdrawn or discontinued", NULL, NULL, NULL, 0},
    {"warrant", "Warrant issued", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term COURT_REPORT_TYPES[] = {
    {"pre_sentence", "Pre-sentence report", NULL, NULL, NULL, 0},
    {"stand_down", "Stand-down report", NULL, NULL, NULL, 0},
    {"bail", "Bail report", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_HEARING_TYPES =
    VOCAB_TERMS("hearing_types", "Type of hearing", HEARING_TYPES);
const struct vocab VOCAB_HEARING_OUTCOMES =
    VOCAB_TERMS("hearing_outcomes", "Outcome of the hearing", HEARING_OUTCOMES);
const struct vocab VOCAB_COURT_REPORT_TYPES =
    VOCAB_TERMS("court_report_types", "Report for court", COURT_REPORT_TYPES);
const struct vocab VOCAB_OFFENCE_CATEGORIES =
    VOCAB_TERMS("offence_categories", "Offence category", OFFENCE_CATEGORIES);
const struct vocab VOCAB_OUTCOME_TYPES =
    VOCAB_TERMS("outcome_types", "Outcome", OUTCOME_TYPES);
const struct vocab VOCAB_OUTCOME_KINDS =
    VOCAB_TERMS("outcome_kinds", "Kind of outcome", OUTCOME_KINDS);
const struct vocab VOCAB_END_REASONS =
    VOCAB_TERMS("end_reasons", "Why the intervention ended", END_REASONS);
const struct vocab VOCAB_YRO_REQUIREMENTS =
    VOCAB_TERMS("yro_requirements", "Youth rehabilitation order requirements",
                YRO_REQUIREMENTS);
const struct vocab VOCAB_ASSESSMENT_TYPES =
    VOCAB_TERMS("assessment_types", "Assessment", ASSESSMENT_TYPES);
const struct vocab VOCAB_ASSESSMENT_STAGES =
    VOCAB_TERMS("assessment_stages", "Stage", STAGES);
const struct vocab VOCAB_LEVELS = VOCAB_TERMS("levels", "Level", LEVELS);
const struct vocab VOCAB_INTERVENTION_LEVELS = VOCAB_TERMS(
    "intervention_levels", "Intervention level", INTERVENTION_LEVELS);
const struct vocab VOCAB_KPI_POINTS =
    VOCAB_TERMS("kpi_points", "When the KPI data was measured", KPI_POINTS);
const struct vocab VOCAB_ACCOMMODATION =
    VOCAB_TERMS("accommodation", "Accommodation", ACCOMMODATION);
const struct vocab VOCAB_ETE_PROVISION = VOCAB_TERMS(
    "ete_provision", "Education, training or employment", ETE_PROVISION);
const struct vocab VOCAB_LEARNING_PLANS =
    VOCAB_TERMS("learning_plans", "Learning plan", LEARNING_PLANS);
const struct vocab VOCAB_BOARD_AGENCIES =
    VOCAB_TERMS("board_agencies", "Agency", BOARD_AGENCIES);

static const struct vocab *const YJ[] = {
    &VOCAB_OFFENCE_CATEGORIES,  &VOCAB_OUTCOME_TYPES,
    &VOCAB_OUTCOME_KINDS,       &VOCAB_END_REASONS,
    &VOCAB_YRO_REQUIREMENTS,    &VOCAB_ASSESSMENT_TYPES,
    &VOCAB_ASSESSMENT_STAGES,   &VOCAB_LEVELS,
    &VOCAB_INTERVENTION_LEVELS, &VOCAB_KPI_POINTS,
    &VOCAB_ACCOMMODATION,       &VOCAB_ETE_PROVISION,
    &VOCAB_LEARNING_PLANS,      &VOCAB_BOARD_AGENCIES,
    &VOCAB_HEARING_TYPES,       &VOCAB_HEARING_OUTCOMES,
    &VOCAB_COURT_REPORT_TYPES,
};

const struct vocab_domain VOCAB_DOMAIN_YJ = {"youth_justice", YJ,
                                             sizeof(YJ) / sizeof(YJ[0])};
