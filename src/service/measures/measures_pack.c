/*
 * measures_pack.c - the board pack for a quarter: every measure for the
 * chosen financial quarter and the three before it (so each figure has a
 * year's trend and the rolling year beside it), suppressed as anything
 * leaving Spire is, as JSON for the printable page and as an XLSX
 * workbook (measures_xlsx.c). docs/measures.md, "The board pack".
 */
#include "service/measures/measures_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "service/measures/measures_pack.h"
#include "service/roles.h"
#include "service/server.h"
#include "store/pool.h"

/* The first day of financial quarter q (1-4) of the year starting in April
 * of fy. */
static int32_t
quarter_start(int fy, int q)
{
	int m = 4 + 3 * (q - 1), y = fy;
	if (m > 12) {
		m -= 12;
		y++;
	}
	return (int32_t)date_days(y, m, 1);
}

/* The quarter (fy, q) holding day. */
static void
quarter_of(int32_t day, int *fy, int *q)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	*fy = m >= 4 ? y : y - 1;
	*q = ((m + 8) % 12) / 3 + 1;
}

int
measures_pack_quarter(const char *quarter, struct pack_quarter *out,
                      struct err *e)
{
	char today_iso[CLOCK_ISO_LEN];
	clock_today(today_iso);
	int32_t today = measure_day(today_iso);
	int fy, q;
	if (!quarter) {
		/* The last quarter that is over. */
		quarter_of(today, &fy, &q);
		if (--q == 0) {
			q = 4;
			fy--;
		}
	} else {
		/* "2025/26 Q2": four digits, '/', the next year's last two,
		 * " Q" and the quarter. */
		const char *s = quarter;
		int ok = strlen(s) == 10 && s[4] == '/' && s[7] == ' ' &&
		         s[8] == 'Q' && s[9] >= '1' && s[9] <= '4';
		for (int i = 0; ok && i < 7; i++)
			ok = i == 4 || (s[i] >= '0' && s[i] <= '9');
		if (ok) {
			fy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
			     (s[2] - '0') * 10 + (s[3] - '0');
			int yy = (s[5] - '0') * 10 + (s[6] - '0');
			q = s[9] - '0';
			ok = fy >= 1990 && yy == (fy + 1) % 100;
		}
		if (!ok)
			return err_set(e, SPIRE_EINVAL, "quarter",
			               "Enter a quarter like 2025/26 Q2");
		if (quarter_start(fy, q) > today)
			return err_set(e, SPIRE_EINVAL, "quarter",
			               "Choose a quarter that has begun");
	}
	out->fy = fy;
	out->q = q;
	int32_t from = quarter_start(fy, q);
	int32_t to =
	    (q == 4 ? quarter_start(fy + 1, 1) : quarter_start(fy, q + 1)) - 1;
	int32_t year_from =
	    q == 4 ? quarter_start(fy, 1) : quarter_start(fy - 1, q + 1);
	snprintf(out->label, sizeof(out->label), "%d/%02d Q%d", fy,
	         (fy + 1) % 100, q);
	date_text(from, out->from);
	date_text(to, out->to);
	date_text(year_from, out->year_from);
	memcpy(out->today, today_iso, sizeof(out->today) - 1);
	out->today[sizeof(out->today) - 1] = '\0';
	out->incomplete = to >= today;
	return 0;
}

int
measures_pack(struct db *db, const struct measures_readers *rd,
              const struct pack_quarter *pq, const struct forms *forms,
              const struct population *pop, json_t **out, struct err *e)
{
	*out = NULL;
	size_t n = 0;
	while (MEASURES[n])
		n++;
	struct measure_query *qs = calloc(n, sizeof(*qs));
	json_t **res = calloc(n, sizeof(json_t *));
	if (!qs || !res) {
		free(qs);
		free(res);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = measure_query_parse(&qs[i], MEASURES[i], pq->year_from,
		                         pq->to, NULL, "quarter", pq->today, e);
		qs[i].suppress = 1;
		measure_query_forms(&qs[i], forms);
	}
	if (rc == 0)
		rc = measures_compute_many_at(db, rd, qs, n, pop, res, e);
	json_t *items = rc == 0 ? json_array() : NULL;
	for (size_t i = 0; i < n; i++) {
		if (items && res[i])
			json_array_append(items, res[i]);
		json_decref(res[i]);
	}
	free(qs);
	free(res);
	if (rc)
		return rc;
	*out = json_pack(
	    "{s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o}", "quarter", pq->label,
	    "from", pq->from, "to", pq->to, "year_from", pq->year_from,
	    "incomplete", pq->incomplete, "generated_on", pq->today,
	    "suppression",
	    "Counts of fewer than 5 children are withheld ([c]), and so is any "
	    "count from which they could be worked out or narrowed down by "
	    "subtraction.",
	    "measures", items);
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

static struct db *
spare_reader(void *arg)
{
	return pool_try_acquire(arg);
}

static void
give_back(void *arg, struct db *db)
{
	pool_release(arg, db);
}

int
measures_pack_get(struct ctx *ctx, const char *quarter, json_t **out,
                  struct err *e)
{
	*out = NULL;
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	struct pack_quarter pq;
	int rc = measures_pack_quarter(quarter, &pq, e);
	if (rc)
		return rc;
	struct population pop = {NULL, 0};
	const char *path = ctx->srv ? ctx->srv->cfg.population_csv : "";
	struct err pe;
	err_clear(&pe);
	/* Without the file, rates are null rather than the pack failing. */
	if (path[0] && population_load(&pop, path, &pe) != 0)
		fprintf(stderr, "spire: board pack: %s\n", pe.message);
	/* A report: from the read replica when there is one. */
	const struct forms *forms = ctx->srv ? &ctx->srv->forms : NULL;
	struct db *db = ctx_report_db(ctx);
	/* On the primary, more of the pool's readers compute it at once
	 * (measures_compute_many_at; from a replica, one connection). */
	struct measures_readers rd = {spare_reader, give_back, NULL, NULL};
	if (ctx->srv && ctx->srv->readers && !ctx->repl) {
		rd.arg = ctx->srv->readers;
		rd.gen = ctx_generation(ctx);
	}
	rc = measures_pack(db, rd.arg ? &rd : NULL, &pq, forms, &pop, out, e);
	if (rc && ctx_report_failed(ctx, db, rc)) {
		err_clear(e);
		rd.arg = ctx->srv->readers;
		rd.gen = ctx_generation(ctx);
		rc = measures_pack(ctx_db(ctx), &rd, &pq, forms, &pop, out, e);
	}
	population_release(&pop);
	return rc;
}
