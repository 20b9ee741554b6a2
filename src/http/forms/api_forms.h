/*
 * api_forms.h - the forms engine's route table (api_forms.c).
 */
#ifndef SPIRE_HTTP_FORMS_API_FORMS_H
#define SPIRE_HTTP_FORMS_API_FORMS_H

#include "http/api.h"

extern const struct route API_FORMS_ROUTES[];

#endif
