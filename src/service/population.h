/*
 * population.h - the 10-17 population by year, age, sex and ethnic group,
 * the denominators of the rate measures. Configuration, not records: read
 * from a CSV file (measures.population, SPIRE_POPULATION) with columns
 * year,age,sex,ethnic_group,population.
 */
#ifndef SPIRE_POPULATION_H
#define SPIRE_POPULATION_H

#include <stddef.h>

#include "core/err.h"

struct population_row {
	int year, age;
	char sex[32], ethnic_group[32];
	long count;
};

struct population {
	struct population_row *rows;
	size_t n;
};

/*
 * Load the CSV at path into *pop (release with population_release()).
 * Errors name the line. Returns 0 or a SPIRE_E* code.
 */
int population_load(struct population *pop, const char *path, struct err *e);

void population_release(struct population *pop);

/*
 * The number of children aged 10-17 in year, optionally only those whose
 * sex (dimension "sex"), ethnic group ("ethnic_group") or age band ("age":
 * "10-14", "15-17") is value. 0 when unknown. dimension NULL: everyone.
 */
long population_count(const struct population *pop, int year,
                      const char *dimension, const char *value);

#endif
