/*
 * roles.h - the roles a user can hold, as bits for route tables.
 */
#ifndef SPIRE_ROLES_H
#define SPIRE_ROLES_H

enum role {
	ROLE_ADMIN = 1u << 0,
	ROLE_MANAGER = 1u << 1,
	ROLE_YJS_OFFICER = 1u << 2,
	ROLE_PARENT_WORKER = 1u << 3,
	ROLE_FGC_COORDINATOR = 1u << 4,
	ROLE_SOCIAL_WORKER = 1u << 5,
	ROLE_HUB_WORKER = 1u << 6,
	ROLE_ANALYST = 1u << 7,
	ROLE_PARENT = 1u << 8,
};

/* Front-line practitioners: see their own and their team's records. */
#define ROLES_PRACTITIONER                                                     \
	(ROLE_YJS_OFFICER | ROLE_PARENT_WORKER | ROLE_FGC_COORDINATOR |        \
	 ROLE_SOCIAL_WORKER | ROLE_HUB_WORKER)
/* Everyone who may open a child's record (within scope). */
#define ROLES_CASEWORK (ROLES_PRACTITIONER | ROLE_MANAGER)
/* Staff accounts of the council (not parents). */
#define ROLES_STAFF (ROLES_CASEWORK | ROLE_ADMIN | ROLE_ANALYST)
#define ROLES_ANY (ROLES_STAFF | ROLE_PARENT)

/* Youth justice roles: the only ones that record offences, outcomes and
 * the other youth justice records, and that see victims. Managers count
 * only when they manage a youth justice team (policy_youth_justice). */
#define ROLES_YJ (ROLE_YJS_OFFICER | ROLE_MANAGER)

/*
 * The services (codes) a practitioner role opens cases in, NULL-ended;
 * NULL for roles that hold no cases of their own choosing (managers open
 * cases in their own service only; see policy_service). The one place that
 * says who works where; docs/access.md explains it.
 */
const char *const *role_services(unsigned role);

/*
 * Whether role (its name) opens cases in the service of code: a manager
 * (any of their service) does; a parent worker sitting in a youth justice
 * team does not (role_services, not role_fits_service).
 */
int role_works_in(const char *role, const char *code);

/*
 * Whether a user of role may sit in a team of service service_code: a
 * practitioner in a service of their role (role_services) or, for a parent
 * worker, a youth justice team; managers (who manage the team's service),
 * admins, analysts and parents in any. docs/access.md, "Roles".
 */
int role_fits_service(unsigned role, const char *service_code);

/* The role's bit for its name, or 0 when unknown. */
unsigned role_from_name(const char *name);

/* The role's name for its bit, or NULL. */
const char *role_name(unsigned role);

/* NULL-ended list of every role name, for validation. */
extern const char *const ROLE_NAMES[];

/* The labels people read for ROLE_NAMES, in the same order, NULL-ended
 * ("yjs_officer" -> "Youth justice officer"); web/js/ui.js ROLE_LABELS
 * says the same. */
extern const char *const ROLE_LABELS[];

/* The label of role name, or NULL when it is not a role. */
const char *role_label(const char *name);

#endif
