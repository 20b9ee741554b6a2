/*
 * api_steps.h - Steps to Change's routes that are not a record's
 * (api_steps.c): the distance a family travelled.
 */
#ifndef SPIRE_HTTP_PARENTING_API_STEPS_H
#define SPIRE_HTTP_PARENTING_API_STEPS_H

#include "http/api.h"

extern const struct route API_STEPS_ROUTES[];

#endif
