/*
 * consents.c - rules for consent records: only someone who may change a
 * person's record records their consent; dates are not in the future;
 * withdrawing closes the record with its reason.
 */
#include "service/consents.h"

#include <string.h>

#include "service/families.h"
#include "service/policy.h"
#include "service/roles.h"
#include "store/consents.h"
#include "store/users.h"

static int64_t
consent_person(const json_t *rec)
{
	return json_integer_value(json_object_get(rec, "person_id"));
}

/* 1 when the user works in service code: their role's services, or the
 * service a manager manages. */
static int
consent_beneficiary(struct ctx *ctx, const char *code)
{
	if (!code)
		return 0;
	if (ctx->user->role & ROLE_MANAGER) {
		int64_t id = 0;
		struct err one;
		err_clear(&one);
		return store_services_id(ctx_db(ctx), code, &id, &one) == 0 &&
		       id == ctx->user->service_id;
	}
	const char *const *mine = role_services(ctx->user->role);
	for (size_t i = 0; mine && mine[i]; i++)
		if (strcmp(mine[i], code) == 0)
			return 1;
	return 0;
}

/* Gathered with the field errors (struct resource's gathers). */
static int
check_consent(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	if (!old && consent_person(rec) && !err_names(e, "person_id")) {
		struct err one;
		err_clear(&one);
		/* A person the user may change, open; one they may not is
		 * answered as one that does not exist (families_person_ref). */
		families_person_ref(ctx, consent_person(rec), "person_id", 1,
		                    NULL, &one);
		err_gather(e, &one);
	}
	/* A consent that shares a record names both what and with whom. */
	bool shares = json_is_string(json_object_get(rec, "shares"));
	bool with = json_is_string(json_object_get(rec, "shared_with"));
	if (shares && !with && !err_names(e, "shared_with"))
		err_add(e, SPIRE_EINVAL, "shared_with",
		        "Select the service the consent shares it with");
	if (with && !shares && !err_names(e, "shares"))
		err_add(e, SPIRE_EINVAL, "shares",
		        "Select what the consent lets the service see");
	/* Whoever benefits does not record the consent: a user whose role
	 * works in the service (a manager: who manages it) does not record
	 * a consent letting that service see a record; the parent's own
	 * worker records the parent's agreement. */
	if (shares && with && ctx->user && !err_names(e, "shared_with") &&
	    consent_beneficiary(
	        ctx, json_string_value(json_object_get(rec, "shared_with"))))
		err_add(e, SPIRE_EINVAL, "shared_with",
		        "A consent that lets your own service see a record is "
		        "recorded by the service that holds it");
	return records_not_future(&CONSENTS, rec, "given_on", e);
}

/* Checked again inside the write's transaction (records.h). */
static const struct open_rule CONSENTS_OPEN_RULES[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_PERSON},
};

static const struct list_key CONSENTS_LIST_KEYS[] = {
    {"person_id", RK_PERSON},
    {NULL, RK_NONE},
};

const struct resource CONSENTS = {
    .name = "consent",
    .plural = "consents",
    .label = "Consent",
    .read_roles = ROLES_CASEWORK,
    .write_roles = ROLES_CASEWORK,
    .close_verb = "withdraw",
    .list_keys = CONSENTS_LIST_KEYS,
    .open_rules = CONSENTS_OPEN_RULES,
    .table = &CONSENTS_TABLE,
    .kind = RK_CONSENT,
    .check = check_consent,
    .gathers = 1,
    .person_of = consent_person,
};

int
consents_get(struct ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	return records_get(ctx, &CONSENTS, id, out, e);
}

int
consents_create(struct ctx *ctx, const json_t *body, json_t **out,
                struct err *e)
{
	return records_create(ctx, &CONSENTS, body, out, e);
}

int
consents_update(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                struct err *e)
{
	return records_update(ctx, &CONSENTS, id, body, out, e);
}

int
consents_withdraw(struct ctx *ctx, int64_t id, const json_t *body, json_t **out,
                  struct err *e)
{
	return records_close(ctx, &CONSENTS, id, body, out, e);
}

int
consents_list(struct ctx *ctx, int64_t person_id, int64_t limit, int64_t offset,
              json_t **out, struct err *e)
{
	/* Withdrawn consents are listed too, with their status. */
	return records_list(ctx, &CONSENTS, "person_id", person_id, 1, limit,
	                    offset, out, e);
}
