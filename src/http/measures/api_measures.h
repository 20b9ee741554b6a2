/*
 * api_measures.h - the route table of /api/v1/measures (api_measures.c).
 */
#ifndef SPIRE_API_MEASURES_H
#define SPIRE_API_MEASURES_H

#include "http/router.h"

extern const struct route API_MEASURES_ROUTES[];

#endif
