/*
 * vocab_peer.h - the vocabularies of peer support and referrals out:
 * where a parent is referred, how far a referral has got, and a peer
 * mentor's gender (see core/vocab.h).
 */
#ifndef SPIRE_VOCAB_PEER_H
#define SPIRE_VOCAB_PEER_H

#include "core/vocab.h"

extern const struct vocab VOCAB_REFERRAL_DESTINATIONS;
extern const struct vocab VOCAB_REFERRAL_STATUSES;
extern const struct vocab VOCAB_MENTOR_GENDERS;

extern const struct vocab_domain VOCAB_DOMAIN_PEER;

#endif
