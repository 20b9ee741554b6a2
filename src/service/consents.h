/*
 * consents.h - consent and information sharing, per person: what may be
 * shared with which agency, on which lawful basis, given by whom and when,
 * recorded by whom. Withdrawal is recorded (status "withdrawn", when, by
 * whom, why), never deleted; corrections keep the old version in history.
 */
#ifndef SPIRE_SERVICE_CONSENTS_H
#define SPIRE_SERVICE_CONSENTS_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

extern const struct resource CONSENTS;

/* Read consent id (audited). */
int consents_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e);

/*
 * Record a consent {person_id, agency, purpose, lawful_basis, given_by?,
 * given_on}; the user must be able to change the person's record and
 * given_on cannot be in the future.
 */
int consents_create(struct ctx *ctx, const json_t *body, json_t **out,
                    struct err *e);

/* Correct an active consent; body carries version. */
int consents_update(struct ctx *ctx, int64_t id, const json_t *body,
                    json_t **out, struct err *e);

/* Withdraw a consent; body {version, reason}. */
int consents_withdraw(struct ctx *ctx, int64_t id, const json_t *body,
                      json_t **out, struct err *e);

/*
 * A person's consents (active first, withdrawn ones too, with status);
 * the person is policy-checked and each consent shown is audited.
 */
int consents_list(struct ctx *ctx, int64_t person_id, int64_t limit,
                  int64_t offset, json_t **out, struct err *e);

#endif
