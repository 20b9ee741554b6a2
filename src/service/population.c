/*
 * population.c - the population CSV (libcsv). See population.h. Not for
 * anything read from a request.
 */
#include "service/population.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POP_MAX_ROWS 100000

struct loader {
	struct population *pop;
	struct err *e;
	int field, line, rc;
	char cells[5][32];
	size_t cap;
};

static int
parse_long(const char *s, long lo, long hi, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct loader *l = arg;
	if (l->rc)
		return;
	if (l->field < 5) {
		if (len >= sizeof(l->cells[0]))
			len = sizeof(l->cells[0]) - 1;
		memcpy(l->cells[l->field], s, len);
		l->cells[l->field][len] = '\0';
	}
	l->field++;
}

static void
on_row(int c, void *arg)
{
	(void)c;
	struct loader *l = arg;
	int nfields = l->field;
	l->field = 0;
	l->line++;
	if (l->rc)
		return;
	if (l->line == 1 && strcmp(l->cells[0], "year") == 0)
		return; /* the header */
	if (nfields != 5) {
		l->rc =
		    err_set(l->e, SPIRE_EINVAL, "population",
		            "population line %d: expected 5 columns", l->line);
		return;
	}
	long year, age, count;
	if (parse_long(l->cells[0], 1900, 2200, &year) ||
	    parse_long(l->cells[1], 0, 120, &age) ||
	    parse_long(l->cells[4], 0, 100000000, &count)) {
		l->rc = err_set(l->e, SPIRE_EINVAL, "population",
		                "population line %d: year, age and population "
		                "must be whole numbers",
		                l->line);
		return;
	}
	struct population *p = l->pop;
	if (p->n == l->cap) {
		if (l->cap >= POP_MAX_ROWS) {
			l->rc = err_set(l->e, SPIRE_EINVAL, "population",
			                "population: more than %d rows",
			                POP_MAX_ROWS);
			return;
		}
		size_t ncap = l->cap ? l->cap * 2 : 256;
		void *r = realloc(p->rows, ncap * sizeof(*p->rows));
		if (!r) {
			l->rc =
			    err_set(l->e, SPIRE_ENOMEM, NULL, "out of memory");
			return;
		}
		p->rows = r;
		l->cap = ncap;
	}
	struct population_row *r = &p->rows[p->n++];
	r->year = (int)year;
	r->age = (int)age;
	snprintf(r->sex, sizeof(r->sex), "%s", l->cells[2]);
	snprintf(r->ethnic_group, sizeof(r->ethnic_group), "%s", l->cells[3]);
	r->count = count;
}

int
population_load(struct population *pop, const char *path, struct err *e)
{
	pop->rows = NULL;
	pop->n = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, SPIRE_EIO, "population", "cannot read %s",
		               path);
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		fclose(f);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	struct loader l = {.pop = pop, .e = e};
	char buf[8192];
	size_t n;
	while (!l.rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, &l) != n && !l.rc)
			l.rc = err_set(e, SPIRE_EINVAL, "population",
			               "population: %s",
			               csv_strerror(csv_error(&p)));
	if (!l.rc)
		csv_fini(&p, on_field, on_row, &l);
	csv_free(&p);
	fclose(f);
	if (l.rc)
		population_release(pop);
	return l.rc;
}

void
population_release(struct population *pop)
{
	free(pop->rows);
	pop->rows = NULL;
	pop->n = 0;
}

long
population_count(const struct population *pop, int year, const char *dimension,
                 const char *value)
{
	long total = 0;
	for (size_t i = 0; i < pop->n; i++) {
		const struct population_row *r = &pop->rows[i];
		if (r->year != year || r->age < 10 || r->age > 17)
			continue;
		if (dimension && !strcmp(dimension, "sex") &&
		    strcmp(r->sex, value) != 0)
			continue;
		if (dimension && !strcmp(dimension, "ethnic_group") &&
		    strcmp(r->ethnic_group, value) != 0)
			continue;
		if (dimension && !strcmp(dimension, "age")) {
			const char *band = r->age <= 14 ? "10-14" : "15-17";
			if (strcmp(band, value) != 0)
				continue;
		}
		total += r->count;
	}
	return total;
}
