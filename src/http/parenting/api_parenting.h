/*
 * api_parenting.h - the parent worker's pathway's hand-written routes:
 * the views computed from several tables (parents to meet, the home page,
 * seen at start, review and end). The records' own rows (parent supports,
 * sessions, plan items) are derived from their descriptors
 * (http/api_resources.c).
 */
#ifndef SPIRE_API_PARENTING_H
#define SPIRE_API_PARENTING_H

#include "http/api.h"

/* GET /api/v1/parenting/home, /to-meet, /seen. */
extern const struct route API_PARENTING_ROUTES[];

#endif
