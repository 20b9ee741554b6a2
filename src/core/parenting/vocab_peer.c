/*
 * vocab_peer.c - the vocabularies of peer support and referrals out (see
 * vocab.h). A referral's statuses are in the order a referral moves
 * through them; the rule that it only moves forward is the service's
 * (service/parenting/peer_records.c).
 */
#include "core/parenting/vocab_peer.h"

static const struct vocab_term DESTINATIONS[] = {
    {"peer_group", "The service's peer support group", "Name the group", NULL,
     NULL, 0},
    {"peer_mentor", "A culturally matched peer mentor", "Name the mentor", NULL,
     NULL, 0},
    {"emotional_health", "The emotional health practitioner", NULL, NULL, NULL,
     0},
    {"early_help", "Early help", NULL, NULL, NULL, 0},
    {"family_group_conference", "A Family Group Conference", NULL, NULL, NULL,
     0},
    {"family_hub", "A Family Hub", NULL, NULL, NULL, 0},
    {"parenting_programme", "A parenting programme", NULL, NULL, NULL, 0},
    {"third_sector", "A third-sector agency", "Name the agency", NULL, NULL, 0},
};

static const struct vocab_term STATUSES[] = {
    {"sent", "Sent", NULL, NULL, NULL, 0},
    {"accepted", "Accepted", NULL, NULL, NULL, 0},
    {"declined", "Declined", NULL, NULL, NULL, 0},
    {"started", "Started", NULL, NULL, NULL, 0},
    {"completed", "Completed", NULL, NULL, NULL, 0},
};

static const struct vocab_term GENDERS[] = {
    {"woman", "Woman", NULL, NULL, NULL, 0},
    {"man", "Man", NULL, NULL, NULL, 0},
    {"non_binary", "Non-binary", NULL, NULL, NULL, 0},
};

const struct vocab VOCAB_REFERRAL_DESTINATIONS = VOCAB_TERMS(
    "referral_destinations", "Where the parent is referred", DESTINATIONS);
const struct vocab VOCAB_REFERRAL_STATUSES =
    VOCAB_TERMS("referral_statuses", "Status of the referral", STATUSES);
const struct vocab VOCAB_MENTOR_GENDERS =
    VOCAB_TERMS("mentor_genders", "Gender", GENDERS);

static const struct vocab *const PEER[] = {
    &VOCAB_REFERRAL_DESTINATIONS,
    &VOCAB_REFERRAL_STATUSES,
    &VOCAB_MENTOR_GENDERS,
};

const struct vocab_domain VOCAB_DOMAIN_PEER = {"peer_support", PEER,
                                               sizeof(PEER) / sizeof(PEER[0])};
