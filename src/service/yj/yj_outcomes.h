/*
 * yj_outcomes.h - outcomes and interventions: what was decided about a
 * child (prevention, diversion, cautions, court orders, custody, remand,
 * parenting orders), when, the intervention's dates, how it ended, and
 * the offences it disposed of. Each intervention's reply says what is due
 * (service/yj/yj_due.h).
 */
#ifndef SPIRE_SERVICE_YJ_OUTCOMES_H
#define SPIRE_SERVICE_YJ_OUTCOMES_H

#include "service/yj/yj_records.h"

/*
 * Outcomes: read through records_get, listed by case or child (yj_list
 * over store_yj_outcomes_list), created and changed by the functions
 * below, closed and reopened with yj_close and yj_reopen (its ops; its
 * routes are derived from this descriptor). A record
 * carries kind, substantive, reoffending_index_date, offence_ids and, for
 * an intervention (start_date set), "due": [{what, due_date, overdue}].
 */
extern const struct resource YJ_OUTCOMES;

/*
 * Record an outcome (res is YJ_OUTCOMES) {case_id, outcome_type, outcome_date,
 * start_date?, planned_end_date?, next_review_date?, end_date?, end_reason?,
 * release_date? (custody only), transition_plan_date?, transferred_in?,
 * transferred_from?, transferred_to? (with end_reason transferred_out),
 * yro_requirements? (YROs only), notes?, offence_ids?: [offence ids of the
 * same child], allow_duplicate?}. The outcome and its offence links are
 * one write; any invalid part is SPIRE_EINVAL naming it ("offence_ids[1]").
 * An outcome that counts as a conviction (a caution or a sentence) needs
 * at least one offence. An open outcome of the same type on the same day
 * for the same offences is a probable duplicate: SPIRE_ECONFLICT with
 * *duplicates (caller owns) the ids of those outcomes, unless body has
 * allow_duplicate: true.
 */
int yj_outcomes_create(struct ctx *ctx, const struct resource *res,
                       const json_t *body, json_t **out, json_t **duplicates,
                       struct err *e);

/* Change an outcome (body carries version); given offence_ids replace the
 * links (the old ones stay, marked removed). A change of type, date or
 * offences that makes it a probable duplicate of another outcome is
 * refused as yj_outcomes_create refuses one (*duplicates, caller owns). */
int yj_outcomes_update(struct ctx *ctx, const struct resource *res, int64_t id,
                       const json_t *body, json_t **out, json_t **duplicates,
                       struct err *e);

/* 1 when outcome type `type` counts as a caution or conviction (and so
 * must dispose of at least one offence), 0 otherwise. */
int yj_outcome_is_conviction(const char *type);

#endif
