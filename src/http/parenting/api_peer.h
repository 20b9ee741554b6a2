/*
 * api_peer.h - the peer support routes that are not a record: the
 * matching view. The records' own rows (groups, sessions, registers,
 * mentors, preferences, referrals) are derived from their descriptors
 * (http/api_resources.c, service/parenting/peer_records.c).
 */
#ifndef SPIRE_API_PEER_H
#define SPIRE_API_PEER_H

#include "http/api.h"

/* GET /api/v1/people/{id}/mentor-matches. */
extern const struct route API_PEER_ROUTES[];

#endif
