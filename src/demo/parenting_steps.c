/*
 * parenting_steps.c - Steps to Change scorings and decisions for the demo
 * (see parenting_steps.h).
 */
#include "demo/parenting_steps.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "demo/rng.h"
#include "service/parenting/steps.h"
#include "service/forms/responses.h"

/* How a family's scores move from one scoring to the next. */
enum path { IMPROVE, STAY_LOW, WORSE, FLAT };

struct steps_gen {
	const struct demo_write *w;
	struct demo_rng rng;
	const struct form *def;
	struct forms_block blocks[FORMS_BLOCKS_MAX];
	size_t nb;
	const char *stage_q;
	long low;
	int64_t scorings, decisions;
};

static int
clamp(int v)
{
	return v < 1 ? 1 : v > 10 ? 10 : v;
}

/* Write one completed scoring of family f on day with scores p[] and
 * fam[] (one per block); *id the new response. */
static int
write_scoring(struct steps_gen *g, const struct demo_steps_family *f,
              const char *stage, int64_t day, const int *p, const int *fam,
              int64_t *id)
{
	char d[DATE_TEXT_LEN];
	date_text(day, d);
	json_t *answers = json_pack("{s:s, s:s}", g->stage_q, stage,
	                            "assessment", "early_help");
	for (size_t b = 0; answers && b < g->nb; b++) {
		json_object_set_new(answers, g->blocks[b].practitioner,
		                    json_integer(p[b]));
		json_object_set_new(answers, g->blocks[b].family,
		                    json_integer(fam[b]));
	}
	if (!answers)
		return err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	/* The answers are checked as a practitioner's are. */
	int rc = forms_validate(g->def, answers, 1, g->w->e);
	json_t *doc = NULL;
	if (rc == 0)
		rc = forms_response(g->def, answers, "completed", d, &doc,
		                    g->w->e);
	json_decref(answers);
	char *text =
	    rc == 0 ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (rc == 0 && !text)
		rc = err_set(g->w->e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = demo_insert(
		    g->w, &FORM_RESPONSES,
		    json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:s}", "form_id",
		              g->def->id, "form_version",
		              (json_int_t)g->def->version, "family_id",
		              (json_int_t)f->family_id, "completed_by",
		              "jointly", "authored", d, "status", "completed",
		              "document", text),
		    json_pack("{s:s}", "subject_type", "family"), f->worker_id,
		    id);
	free(text);
	g->scorings += rc == 0;
	return rc;
}

static int
score_family(struct steps_gen *g, const struct demo_steps_family *f,
             int64_t ref)
{
	struct demo_rng *r = &g->rng;
	int p[FORMS_BLOCKS_MAX], fam[FORMS_BLOCKS_MAX];
	enum path path[FORMS_BLOCKS_MAX];
	/* Most families improve (in some of them a block or two stays low
	 * or gets worse); about one in five makes no headway (each block
	 * stays low or wanders) and about one in seven gets worse, so that
	 * "families improved" is a plausible share, not all of them. */
	unsigned kind = demo_rng_below(r, 100);
	int stuck = kind >= 65 && kind < 85, declining = kind >= 85;
	int troubled = demo_rng_pct(r, 25);
	for (size_t b = 0; b < g->nb; b++) {
		p[b] = demo_rng_range(r, 2, 6);
		fam[b] = clamp(p[b] + demo_rng_range(r, -1, 2));
		path[b] = declining ? WORSE
		          : stuck   ? (demo_rng_pct(r, 40) ? STAY_LOW : FLAT)
		                    : IMPROVE;
		if (path[b] == STAY_LOW)
			p[b] = fam[b] = demo_rng_range(r, 1, 3);
		if (!stuck && !declining && troubled && demo_rng_pct(r, 20)) {
			path[b] = demo_rng_pct(r, 60) ? STAY_LOW : WORSE;
			if (path[b] == STAY_LOW)
				p[b] = fam[b] = demo_rng_range(r, 1, 3);
		}
	}
	int64_t day = f->start_date + demo_rng_range(r, 7, 28);
	int64_t first = 0, latest = 0, latest_day = 0;
	int rc = 0;
	/* The family's case is open: scored at the start and at a review
	 * every two or three months since, up to now, never "at the end"
	 * (session 28: the parent portal showed scores a year old as "now"). */
	for (int s = 0; rc == 0 && day < ref; s++) {
		if (s > 0) {
			for (size_t b = 0; b < g->nb; b++) {
				int step = path[b] == IMPROVE
				               ? demo_rng_range(r, 0, 2)
				           : path[b] == WORSE
				               ? -demo_rng_range(r, 0, 2)
				           : path[b] == FLAT
				               ? demo_rng_range(r, -1, 0)
				               : demo_rng_range(r, -1, 1);
				p[b] = clamp(p[b] + step);
				fam[b] = clamp(fam[b] + step +
				               demo_rng_range(r, -1, 1));
				if (path[b] == STAY_LOW) {
					p[b] = p[b] > 3 ? 3 : p[b];
					fam[b] = fam[b] > 3 ? 3 : fam[b];
				}
			}
		}
		rc = write_scoring(g, f, s ? "review" : "start", day, p, fam,
		                   &latest);
		latest_day = day;
		if (s == 0)
			first = latest;
		day += demo_rng_range(r, 60, 100);
	}
	/* A decision on some flagged families, taken at the latest
	 * scoring: a few step-ups, mostly "continue". */
	if (rc || !troubled || latest == first)
		return rc;
	const char *block = NULL;
	for (size_t b = 0; b < g->nb && !block; b++)
		if (path[b] != IMPROVE)
			block = g->blocks[b].group;
	if (!block || !demo_rng_pct(r, 70))
		return 0;
	int up = demo_rng_pct(r, 30);
	char d[DATE_TEXT_LEN];
	date_text(latest_day + 1 < ref ? latest_day + 1 : latest_day, d);
	int64_t id;
	rc = demo_insert(
	    g->w, &STEPS_DECISIONS,
	    json_pack("{s:I, s:I, s:[s], s:s, s:s, s:s}", "family_id",
	              (json_int_t)f->family_id, "form_response_id",
	              (json_int_t)latest, "blocks", block, "decision",
	              up ? (demo_rng_pct(r, 40) ? "step_up_social_care"
	                                        : "step_up_targeted_early_help")
	                 : "continue",
	              "reason",
	              up ? "Scores stay low despite support: more help is "
	                   "needed"
	                 : "Some progress; keep the current support and "
	                   "review",
	              "decision_date", d),
	    NULL, f->worker_id, &id);
	g->decisions += rc == 0;
	return rc;
}

int
demo_steps_load(const struct demo_write *w, const struct forms *forms,
                uint64_t seed, int64_t ref,
                const struct demo_steps_family *families, size_t n,
                int64_t *scorings, int64_t *decisions)
{
	struct steps_gen g = {.w = w};
	g.rng.s = seed ^ 0x5374657073324368ull; /* its own sequence */
	g.def = forms ? forms_find(forms, STEPS_FORM_ID, 0) : NULL;
	g.nb = g.def ? forms_distance(g.def, g.blocks, FORMS_BLOCKS_MAX,
	                              &g.stage_q, &g.low)
	             : 0;
	int rc = 0;
	/* About half the early help families have been scored. */
	for (size_t i = 0; rc == 0 && g.nb && i < n; i++) {
		if (families[i].always) {
			/* Scored on a copy of the sequence: the others are
			 * scored as the seed always scored them. */
			struct demo_rng kept = g.rng;
			rc = score_family(&g, &families[i], ref);
			g.rng = kept;
		} else if (demo_rng_pct(&g.rng, 50)) {
			rc = score_family(&g, &families[i], ref);
		}
	}
	if (scorings)
		*scorings = g.scorings;
	if (decisions)
		*decisions = g.decisions;
	return rc;
}
