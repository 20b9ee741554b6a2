/*
 * resources.h - the registry of resource descriptors (service/records.h):
 * every kind of record Spire serves through the generic record operations,
 * for whatever is derived from them all at start-up (route rows, the UI's
 * field lists, the checks that every derived SQL text prepares).
 */
#ifndef SPIRE_RESOURCES_H
#define SPIRE_RESOURCES_H

#include "service/records.h"

/* Every built-in descriptor, NULL-ended; static, never changes. */
extern const struct resource *const RESOURCES[];

/* The built-in descriptor called name (struct resource's name), or
 * NULL. */
const struct resource *resources_find(const char *name);

/*
 * Derive every built-in descriptor's SQL texts now (record_sql_of), so
 * that a server writes none of them once it serves: 0, or SPIRE_ENOMEM.
 */
int resources_prepare(struct err *e);

#endif
