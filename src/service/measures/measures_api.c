/*
 * measures_api.c - what requests and the CLI ask of the measures: the list
 * with their rules, a figure for the signed-in user (suppressed for
 * analysts), the children behind a figure (managers, audited), and the
 * report and summary commands over a database file.
 */
#include "service/measures/measures_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "service/policy.h"
#include "service/server.h"
#include "service/roles.h"

/* ---- API-facing ---- */

json_t *
measures_describe(void)
{
	json_t *items = json_array();
	if (!items)
		return NULL;
	for (size_t i = 0; MEASURES[i]; i++) {
		const struct measure_def *d = MEASURES[i];
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:b, s:s, s:o}",
		    "name", d->name, "title", d->title, "rule_version",
		    d->version, "rule", d->rule, "label",
		    d->label ? json_string(d->label) : json_null(), "unit",
		    d->unit, "value_type", measure_value_type(d), "rate_per",
		    d->value == MV_RATE ? json_integer((int64_t)d->per)
		                        : json_null(),
		    "children", d->personal, "section",
		    d->family ? "whole_family" : "youth_justice", "people",
		    d->personal
		        ? json_string(d->people ? d->people : "children")
		        : json_null());
		/* The breakdowns it takes, its own last. */
		static const char *const BYS[] = {"ethnicity", "sex", "age",
		                                  "team"};
		json_t *bys = json_array();
		for (int b = 0; o && bys && b < 4; b++)
			if (measure_takes_by(d, BYS[b]))
				json_array_append_new(bys, json_string(BYS[b]));
		if (bys && d->own_by)
			json_array_append_new(bys, json_string(d->own_by));
		json_t *xl = measure_extra_labels(d);
		if (o && xl)
			json_object_set_new(o, "extra_labels", xl);
		else
			json_decref(xl);
		if (o && (!bys || json_object_set_new(o, "breakdowns", bys))) {
			json_decref(o);
			o = NULL;
		}
		if (!o || json_array_append_new(items, o)) {
			json_decref(items);
			return NULL;
		}
	}
	return json_pack("{s:o}", "items", items);
}

static void
load_population(struct ctx *ctx, struct population *pop)
{
	struct err pe;
	err_clear(&pe);
	pop->rows = NULL;
	pop->n = 0;
	const char *path = ctx->srv ? ctx->srv->cfg.population_csv : "";
	/* Without the file, rates are null rather than the report failing. */
	if (path[0] && population_load(pop, path, &pe) != 0)
		fprintf(stderr, "spire: measures: %s\n", pe.message);
}

/* Is ctx's user (a manager) of a service whose managers see def's
 * figures unsuppressed: youth justice, or the measure's own services? */
static int
holder_manager(struct ctx *ctx, const struct measure_def *def)
{
	struct err one;
	err_clear(&one);
	if (!def->services)
		return policy_youth_justice(
		           ctx, "see these figures unsuppressed", &one) == 0;
	for (size_t i = 0; def->services[i]; i++) {
		err_clear(&one);
		if (policy_service(ctx, def->services[i], NULL, &one) == 0)
			return 1;
	}
	return 0;
}

int
measures_get(struct ctx *ctx, const struct measure_query *q, json_t **out,
             struct err *e)
{
	if (!ctx->user)
		return err_set(e, SPIRE_EAUTH, NULL, "Sign in first");
	struct measure_query qq = *q;
	/* Small counts are withheld from everyone but the managers who may
	 * open the children behind them: youth justice managers (these are
	 * youth justice measures). Figures leave Spire with analysts, and
	 * another service's manager sees only how many children there are. */
	if (!(ctx->user->role & ROLE_MANAGER) || !holder_manager(ctx, q->def))
		qq.suppress = 1;
	char today[CLOCK_ISO_LEN];
	if (!qq.as_of) {
		clock_today(today);
		qq.as_of = today;
	}
	measure_query_forms(&qq, ctx->srv ? &ctx->srv->forms : NULL);
	struct population pop;
	load_population(ctx, &pop);
	/* A report: from the read replica when there is one. */
	struct db *db = ctx_report_db(ctx);
	int rc = measures_compute(db, &qq, &pop, out, e);
	if (rc && ctx_report_failed(ctx, db, rc)) {
		err_clear(e);
		rc = measures_compute(ctx_db(ctx), &qq, &pop, out, e);
	}
	population_release(&pop);
	return rc;
}

struct children_ctx {
	struct ctx *ctx;
	struct db *db; /* the facts' connection: the people's details too */
	const struct teams *teams;
	int counted_only;
	int64_t limit, offset, seen, not_shown;
	int64_t counted; /* of seen, those counted in the numerator */
	json_t *items;
};

static int
child_row(void *arg, const struct measure_fact *f, struct err *e)
{
	struct children_ctx *c = arg;
	/* A fact about no one person (a pre/post pair about a family) is
	 * counted in the figure but names nobody here. */
	if ((c->counted_only && !f->num) || f->person_id <= 0)
		return 0;
	int ti = measures_team_index(c->teams, f->team_id);
	if (ti == 0 ||
	    c->teams->v[ti - 1].service_id != c->ctx->user->service_id) {
		c->not_shown++;
		return 0;
	}
	int64_t n = c->seen++;
	c->counted += f->num != 0;
	if (n < c->offset || n >= c->offset + c->limit)
		return 0;
	json_t *p = NULL;
	int rc = store_measures_person(c->db, f->person_id, &p, e);
	if (rc)
		return rc;
	json_object_del(p, "id");
	json_object_set_new(p, "person_id", json_integer(f->person_id));
	json_object_set_new(p, "record_id", json_integer(f->record_id));
	char date[11];
	date_text(f->day, date);
	json_object_set_new(p, "date", json_string(date));
	json_object_set_new(p, "counted", json_boolean(f->num));
	json_object_set_new(p, "in_denominator", json_boolean(f->den));
	json_object_set_new(p, "age",
	                    f->age >= 0 ? json_integer(f->age) : json_null());
	json_object_set_new(p, "sex", json_string(MEASURES_SEX_NAMES[f->sex]));
	json_object_set_new(p, "ethnic_group",
	                    json_string(MEASURES_ETH_NAMES[f->eth]));
	json_object_set_new(p, "team", json_string(c->teams->v[ti - 1].name));
	json_object_set_new(p, "team_id", json_integer(f->team_id));
	if (json_array_append_new(c->items, p))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* Every child shown is a read of their record. */
	if (!ctx_audit(c->ctx, "list", "person", f->person_id, f->person_id))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

/* group must name one of by's groups (a team's id for by=team): an
 * unknown group is a mistake to report, not a group with no children. */
static int
group_check(const struct measure_query *q, enum measure_by by,
            const char *group, const struct teams *teams, struct err *e)
{
	const char *const *names = NULL;
	int n = 0;
	switch (by) {
	case BY_OWN:
		names = q->own;
		n = q->n_own;
		break;
	case BY_ETHNICITY:
		names = MEASURES_ETH_NAMES;
		n = N_ETH;
		break;
	case BY_SEX:
		names = MEASURES_SEX_NAMES;
		n = N_SEX;
		break;
	case BY_AGE:
		names = MEASURES_AGE_NAMES;
		n = N_AGE;
		break;
	case BY_TEAM: {
		char *end = NULL;
		errno = 0;
		long long id = strtoll(group, &end, 10);
		if (!errno && end != group && !*end && id > 0 &&
		    measures_team_index(teams, id) > 0)
			return 0;
		break;
	}
	default:
		break;
	}
	for (int i = 0; i < n; i++)
		if (strcmp(group, names[i]) == 0)
			return 0;
	return err_set(e, SPIRE_EINVAL, "group",
	               "Choose a group from the list");
}

int
measures_children(struct ctx *ctx, const struct measure_query *q,
                  const char *group, int counted_only, int64_t limit,
                  int64_t offset, json_t **out, struct err *e)
{
	*out = NULL;
	if (!ctx->user || !(ctx->user->role & ROLE_MANAGER))
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Only managers see the people behind a "
		               "figure");
	if (!q->def->personal)
		return err_set(e, SPIRE_ENOTFOUND, NULL,
		               "This measure does not count people");
	if (group && !q->by)
		return err_set(e, SPIRE_EINVAL, "group",
		               "Choose a breakdown by ethnicity, sex, age or "
		               "team before choosing a group");
	char today[CLOCK_ISO_LEN];
	struct measure_query qq = *q;
	if (!qq.as_of) {
		clock_today(today);
		qq.as_of = today;
	}
	measure_query_forms(&qq, ctx->srv ? &ctx->srv->forms : NULL);
	struct teams teams = {NULL, 0};
	int rc = store_measures_teams(ctx_db(ctx), &teams.v, &teams.n, e);
	if (rc)
		return rc;
	if (group && (rc = group_check(&qq, q->by, group, &teams, e)) != 0) {
		free(teams.v);
		return rc;
	}
	/* The teams (whose service decides who may be shown) come from
	 * the primary above; the facts and the people's details are a
	 * report's, from the read replica when there is one. A replica
	 * that fails part-way is read again from the primary, from the
	 * start: its rows and audit rows are dropped. */
	struct audit_entry *mark = ctx->audit_tail;
	struct children_ctx c;
	for (int pass = 0; pass < 2; pass++) {
		c = (struct children_ctx){.ctx = ctx,
		                          .db = pass ? ctx_db(ctx)
		                                     : ctx_report_db(ctx),
		                          .teams = &teams,
		                          .counted_only = counted_only,
		                          .limit = limit,
		                          .offset = offset,
		                          .items = json_array()};
		if (!c.items) {
			free(teams.v);
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		}
		rc = measures_facts(c.db, &qq, group, child_row, &c, e);
		if (!rc || !ctx_report_failed(ctx, c.db, rc))
			break;
		err_clear(e);
		json_decref(c.items);
		ctx_audit_rewind(ctx, mark);
	}
	free(teams.v);
	if (rc) {
		json_decref(c.items);
		return rc;
	}
	/* total_counted: of total, those counted in the figure (numerator);
	 * the rest are only in its denominator. outside_your_service counts
	 * the facts on other services' cases. A manager who gets the figure
	 * suppressed (not its holder) gets it withheld whenever it is not 0:
	 * withheld only below SUPPRESS_BELOW people, it still answered a group
	 * count the figure withholds to protect another (5 boys beside a girl
	 * and a child of sex not known; attack_s22b FINDING-2). Its 0 is
	 * withheld too: the figure may withhold a group's 0 beside a lone
	 * small count (session 23), and the list's 0 would say which group
	 * holds it. */
	int withhold = !holder_manager(ctx, q->def);
	*out = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:I, s:o, s:I, s:o}",
	    "measure", q->def->name, "rule_version", q->def->version, "people",
	    q->def->people ? q->def->people : "children", "from", q->from, "to",
	    q->to, "items", c.items, "total", (json_int_t)c.seen, "limit",
	    (json_int_t)limit, "offset", (json_int_t)offset,
	    "outside_your_service",
	    withhold ? json_null() : json_integer(c.not_shown), "total_counted",
	    (json_int_t)c.counted, "suppressed",
	    withhold ? json_pack("[s]", "outside_your_service") : json_array());
	return *out ? 0 : err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
}

/* The CLI's extra connections: opened for the report, closed after. */
static struct db *
open_reader(void *arg)
{
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	return db_open(arg, DB_OPEN_READONLY, &db, &e) == 0 ? db : NULL;
}

static void
close_reader(void *arg, struct db *db)
{
	(void)arg;
	db_close(db);
}

int
measures_report(const char *db_path, const struct measure_query *q, size_t n,
                const struct population *pop, json_t **out, struct err *e)
{
	struct db *db = NULL;
	int rc = db_open(db_path, DB_OPEN_READONLY, &db, e);
	if (rc) {
		db_close(db);
		return rc;
	}
	/* One snapshot for every measure, shared with the connections that
	 * compute at once (the generation first: measures_readers). */
	struct db_generation gen;
	struct measures_readers rd = {open_reader, close_reader,
	                              (void *)db_path, NULL};
	if (db_generation(db, &gen))
		rd.gen = &gen;
	struct err be;
	err_clear(&be);
	int in_read = db_begin_read(db, &be) == 0;
	rc = measures_compute_many_at(db, in_read ? &rd : NULL, q, n, pop, out,
	                              e);
	db_end_read(db);
	db_close(db);
	return rc;
}

int
measures_summary_rebuild(const char *db_path, struct err *e)
{
	struct db *db = NULL;
	int rc = db_open(db_path, 0, &db, e);
	if (rc == 0)
		rc = store_measures_rebuild(db, e);
	db_close(db);
	return rc;
}

int
measures_summary_check(const char *db_path, int64_t *missing, int64_t *extra,
                       struct err *e)
{
	struct db *db = NULL;
	*missing = *extra = 0;
	int rc = db_open(db_path, DB_OPEN_READONLY, &db, e);
	if (rc == 0)
		rc = store_measures_compare(db, missing, extra, e);
	db_close(db);
	return rc;
}
