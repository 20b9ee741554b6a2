/*
 * vocab_casework.c - the vocabularies of people and casework (see
 * vocab.h): codes as the API and the database hold them, labels as the
 * screens show them, in the order they are offered.
 */
#include "core/vocab_casework.h"

static const struct vocab_term SEX[] = {
    {"female", "Female", NULL, NULL, NULL, 0},
    {"male", "Male", NULL, NULL, NULL, 0},
    {"indeterminate", "Indeterminate", NULL, NULL, NULL, 0},
    {"not_known", "Not known", NULL, NULL, NULL, 0},
};

/* The 2021 census's 19 ethnic groups, coded with their high-level group,
 * plus the two "not given" answers. */
static const struct vocab_term ETHNICITY[] = {
    {"white_british",
     "White: English, Welsh, Scottish, Northern Irish or British", NULL,
     "white", NULL, 0},
    {"white_irish", "White: Irish", NULL, "white", NULL, 0},
    {"white_gypsy_irish_traveller", "White: Gypsy or Irish Traveller", NULL,
     "white", NULL, 0},
    {"white_roma", "White: Roma", NULL, "white", NULL, 0},
    {"white_other", "White: Any other White background", NULL, "white", NULL,
     0},
    {"mixed_white_black_caribbean", "Mixed: White and Black Caribbean", NULL,
     "mixed", NULL, 0},
    {"mixed_white_black_african", "Mixed: White and Black African", NULL,
     "mixed", NULL, 0},
    {"mixed_white_asian", "Mixed: White and Asian", NULL, "mixed", NULL, 0},
    {"mixed_other", "Mixed: Any other Mixed or multiple ethnic background",
     NULL, "mixed", NULL, 0},
    {"asian_indian", "Asian: Indian", NULL, "asian", NULL, 0},
    {"asian_pakistani", "Asian: Pakistani", NULL, "asian", NULL, 0},
    {"asian_bangladeshi", "Asian: Bangladeshi", NULL, "asian", NULL, 0},
    {"asian_chinese", "Asian: Chinese", NULL, "asian", NULL, 0},
    {"asian_other", "Asian: Any other Asian background", NULL, "asian", NULL,
     0},
    {"black_african", "Black: African", NULL, "black", NULL, 0},
    {"black_caribbean", "Black: Caribbean", NULL, "black", NULL, 0},
    {"black_other",
     "Black: Any other Black, Black British or Caribbean background", NULL,
     "black", NULL, 0},
    {"other_arab", "Other: Arab", NULL, "other", NULL, 0},
    {"other_any", "Other: Any other ethnic group", NULL, "other", NULL, 0},
    {"not_stated", "Not stated (refused)", NULL, NULL, NULL, 0},
    {"not_known", "Not known", NULL, NULL, NULL, 0},
};

static const struct vocab_term SEND[] = {
    {"none", "No special educational needs", NULL, NULL, NULL, 0},
    {"sen_support", "SEN support", NULL, NULL, NULL, 0},
    {"ehcp", "Education, health and care plan", NULL, NULL, NULL, 0},
};

static const struct vocab_term MEMBER_TYPES[] = {
    {"adult", "Adult", NULL, NULL, NULL, 0},
    {"child", "Child", NULL, NULL, NULL, 0},
};

/* "child" is the child themself (their own membership); the others are
 * what someone is to the child. */
static const struct vocab_term RELATIONSHIPS[] = {
    {"child", "Child", NULL, NULL, NULL, 0},
    {"mother", "Mother", NULL, NULL, NULL, 0},
    {"father", "Father", NULL, NULL, NULL, 0},
    {"parent", "Parent", NULL, NULL, NULL, 0},
    {"step_mother", "Stepmother", NULL, NULL, NULL, 0},
    {"step_father", "Stepfather", NULL, NULL, NULL, 0},
    {"step_parent", "Step parent", NULL, NULL, NULL, 0},
    {"grandmother", "Grandmother", NULL, NULL, NULL, 0},
    {"grandfather", "Grandfather", NULL, NULL, NULL, 0},
    {"grandparent", "Grandparent", NULL, NULL, NULL, 0},
    {"sibling", "Sibling", NULL, NULL, NULL, 0},
    {"half_sibling", "Half sibling", NULL, NULL, NULL, 0},
    {"step_sibling", "Step sibling", NULL, NULL, NULL, 0},
    {"aunt", "Aunt", NULL, NULL, NULL, 0},
    {"uncle", "Uncle", NULL, NULL, NULL, 0},
    {"cousin", "Cousin", NULL, NULL, NULL, 0},
    {"other_relative", "Other relative", NULL, NULL, NULL, 0},
    {"carer", "Carer", NULL, NULL, NULL, 0},
    {"foster_carer", "Foster carer", NULL, NULL, NULL, 0},
    {"kinship_carer", "Kinship carer", NULL, NULL, NULL, 0},
    {"special_guardian", "Special guardian", NULL, NULL, NULL, 0},
    {"corporate_parent", "Corporate parent", NULL, NULL, NULL, 0},
    {"partner_of_parent", "Partner of parent", NULL, NULL, NULL, 0},
    {"friend", "Friend", NULL, NULL, NULL, 0},
    {"network_member", "Network member", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term CONTACT_TYPES[] = {
    {"home_visit", "Home visit", NULL, NULL, NULL, 0},
    {"office_visit", "Office visit", NULL, NULL, NULL, 0},
    {"phone", "Phone call", NULL, NULL, NULL, 0},
    {"video", "Video call", NULL, NULL, NULL, 0},
    {"session", "Session", NULL, NULL, NULL, 0},
    {"meeting", "Meeting", NULL, NULL, NULL, 0},
    {"letter", "Letter", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

/* What became of a contact (issue 10: contacts as practitioners record
 * them). Only an attended contact can have seen the child. */
static const struct vocab_term CONTACT_OUTCOMES[] = {
    {"attended", "Attended", NULL, NULL, "seen", 0},
    {"did_not_attend", "Did not attend", NULL, NULL, NULL, 0},
    {"cancelled_by_family", "Cancelled by the child or family", NULL, NULL,
     NULL, 0},
    {"cancelled_by_service", "Cancelled by the service", NULL, NULL, NULL, 0},
};

/* What an alert on a person warns of: the first thing a worker reads
 * before a visit (issue 10 section 2: "alerts (e.g. risk to workers)"). */
static const struct vocab_term ALERT_TYPES[] = {
    {"risk_to_workers", "Risk to workers", NULL, NULL, NULL, 0},
    {"risk_to_others", "Risk to others", NULL, NULL, NULL, 0},
    {"risk_to_self", "Risk to self", NULL, NULL, NULL, 0},
    {"exploitation", "Risk of exploitation", NULL, NULL, NULL, 0},
    {"medical", "Medical", NULL, NULL, NULL, 0},
    {"communication", "Communication needs", NULL, NULL, NULL, 0},
    {"lone_working", "Do not visit alone", NULL, NULL, NULL, 0},
    {"other", "Other", NULL, NULL, NULL, 0},
};

static const struct vocab_term CASE_STATUSES[] = {
    {"open", "Open", NULL, NULL, NULL, 0},
    {"closed", "Closed", NULL, NULL, NULL, 0},
};

static const struct vocab_term TASK_STATUSES[] = {
    {"open", "Open", NULL, NULL, NULL, 0},
    {"done", "Done", NULL, NULL, NULL, 0},
    {"cancelled", "Cancelled", NULL, NULL, NULL, 0},
};

static const struct vocab_term CONSENT_STATUSES[] = {
    {"active", "Active", NULL, NULL, NULL, 0},
    {"withdrawn", "Withdrawn", NULL, NULL, NULL, 0},
};

/* UK GDPR article 6. */
static const struct vocab_term LAWFUL_BASES[] = {
    {"consent", "Consent", NULL, NULL, NULL, 0},
    {"legal_obligation", "Legal obligation", NULL, NULL, NULL, 0},
    {"public_task", "Public task", NULL, NULL, NULL, 0},
    {"vital_interests", "Vital interests (to protect someone’s life)", NULL,
     NULL, NULL, 0},
    {"legitimate_interests", "Legitimate interests", NULL, NULL, NULL, 0},
};

/* The services of the partnership, as the services table holds them. */
static const struct vocab_term SERVICES[] = {
    {"youth_justice", "Youth justice", NULL, NULL, NULL, 0},
    {"early_help", "Early help", NULL, NULL, NULL, 0},
    {"family_hub", "Family hubs", NULL, NULL, NULL, 0},
    {"childrens_social_care", "Children's social care", NULL, NULL, NULL, 0},
    {"fgc", "Family group conferences", NULL, NULL, NULL, 0},
    {"parenting", "Parenting support", NULL, NULL, NULL, 0},
};

/* What a consent lets Spire show to the service it names (docs/access.md,
 * "Consents that share a record"). */
static const struct vocab_term CONSENT_SHARES[] = {
    {"parent_self_assessment", "The parent's self-assessment answers", NULL,
     NULL, NULL, 0},
    {"family_plan", "The family's plan", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_SEX = VOCAB_TERMS("sex", "Sex", SEX);
const struct vocab VOCAB_ETHNICITY =
    VOCAB_TERMS("ethnicity", "Ethnicity", ETHNICITY);
const struct vocab VOCAB_SEND =
    VOCAB_TERMS("send", "Special educational needs", SEND);
const struct vocab VOCAB_FAMILY_MEMBER_TYPES =
    VOCAB_TERMS("family_member_types", "Child or adult", MEMBER_TYPES);
const struct vocab VOCAB_FAMILY_RELATIONSHIPS = VOCAB_TERMS(
    "family_relationships", "Relationship to the child", RELATIONSHIPS);
const struct vocab VOCAB_CONTACT_TYPES =
    VOCAB_TERMS("contact_types", "Type of contact", CONTACT_TYPES);
const struct vocab VOCAB_CONTACT_OUTCOMES =
    VOCAB_TERMS("contact_outcomes", "What happened", CONTACT_OUTCOMES);
const struct vocab VOCAB_ALERT_TYPES =
    VOCAB_TERMS("alert_types", "Type of alert", ALERT_TYPES);
const struct vocab VOCAB_CASE_STATUSES =
    VOCAB_TERMS("case_statuses", "Case status", CASE_STATUSES);
const struct vocab VOCAB_TASK_STATUSES =
    VOCAB_TERMS("task_statuses", "Task status", TASK_STATUSES);
const struct vocab VOCAB_CONSENT_STATUSES =
    VOCAB_TERMS("consent_statuses", "Consent status", CONSENT_STATUSES);
const struct vocab VOCAB_SERVICES =
    VOCAB_TERMS("services", "Service", SERVICES);
const struct vocab VOCAB_CONSENT_SHARES =
    VOCAB_TERMS("consent_shares", "What Spire may show", CONSENT_SHARES);
const struct vocab VOCAB_LAWFUL_BASES =
    VOCAB_TERMS("lawful_bases", "Lawful basis", LAWFUL_BASES);

static const struct vocab *const CASEWORK[] = {
    &VOCAB_SEX,
    &VOCAB_ETHNICITY,
    &VOCAB_SEND,
    &VOCAB_FAMILY_MEMBER_TYPES,
    &VOCAB_FAMILY_RELATIONSHIPS,
    &VOCAB_CONTACT_TYPES,
    &VOCAB_CONTACT_OUTCOMES,
    &VOCAB_ALERT_TYPES,
    &VOCAB_CASE_STATUSES,
    &VOCAB_TASK_STATUSES,
    &VOCAB_LAWFUL_BASES,
    &VOCAB_CONSENT_STATUSES,
    &VOCAB_SERVICES,
    &VOCAB_CONSENT_SHARES,
};

const struct vocab_domain VOCAB_DOMAIN_CASEWORK = {
    "casework", CASEWORK, sizeof(CASEWORK) / sizeof(CASEWORK[0])};
