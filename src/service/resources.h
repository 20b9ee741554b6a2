/*
 * resources.h - resources described once: what the API, the route rows
 * and the web UI need to know of a resource (its name, path, labels,
 * list filter, close verb and field table), for the resources written in
 * C (struct resource with its hooks) and for those described by a data
 * file alone (resources/NAME.json, docs/resources.md), whose table and SQL
 * are derived from the file (store/resource_sql.h). The generic service
 * operations below serve both; the HTTP side derives its route rows from
 * the same descriptors at start-up.
 */
#ifndef SPIRE_SERVICE_RESOURCES_H
#define SPIRE_SERVICE_RESOURCES_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"
#include "store/resource_sql.h"

#define RESOURCES_MAX 128 /* files one directory may hold */
#define RESOURCE_NAME_MAX 40

struct resource_desc {
	const char *name;   /* "consent": audit and history type */
	const char *path;   /* "consents": /api/v1/consents */
	const char *label;  /* "Consent", as people read it */
	const char *plural; /* "Consents" */
	/* POST /api/v1/PATH/{id}/VERB closes a record ("withdraw"). */
	const char *close_verb;
	/* The list filter, a required query parameter naming the person or
	 * case whose records are listed ("person_id" or "case_id"). */
	const char *filter;
	enum record_kind filter_kind; /* RK_PERSON or RK_CASE */
	unsigned roles;               /* ROLE_* bits that read */
	unsigned write_roles;         /* ROLE_* bits that write */
	const struct resource *res;
	/* The labels people see, one per field of res->sql, or NULL. */
	const char *const *labels;
	/* The labels of each field's values (a JSON object code -> label
	 * per field name), or NULL. */
	const json_t *value_labels;
	/* The list, for a resource written in C; NULL: derived from sql. */
	int (*list)(struct ctx *ctx, int64_t filter_id, int64_t limit,
	            int64_t offset, json_t **out, struct err *e);
	/* Derived SQL of a resource described by a file; NULL otherwise. */
	const struct resource_sql *sql;
};

/* The resources written in C, NULL-ended. */
extern const struct resource_desc *const RESOURCE_DESCS[];

/* One resource described by a file (resource_file_load). */
struct resource_file {
	struct resource_desc desc;
	struct resource res;
	struct resource_sql sql;
	struct field *fields;
	size_t n_fields;
	const char **labels;
	const char **values; /* every enum's codes, NULL-ended each */
	struct open_rule open_rules[2];
	json_t *doc; /* owns the strings */
};

/* Every resource of a directory. */
struct resources {
	struct resource_file *items;
	size_t n;
};

/*
 * Check a resource description (name, path, label, plural, about
 * "person" or "case", close_verb, reopen, fields with name, label, type
 * "line" | "text" | "date" | "enum" | "int" | "bool", required, immutable,
 * max_length, min, max, values [{code, label}]). Returns 0, or
 * SPIRE_EINVAL with e naming the key and saying what is wrong.
 */
int resources_check(const json_t *doc, struct err *e);

/* Load and check one file into *doc (caller owns). */
int resources_load_file(const char *path, json_t **doc, struct err *e);

/*
 * Load every *.json file of dir into r: each checked, its field table
 * and SQL derived. A directory that does not exist holds none. A bad
 * file, or a name or path used twice (or by a resource written in C),
 * fails the load with e naming the file. Release with resources_release.
 */
int resources_load_dir(struct resources *r, const char *dir, struct err *e);

/* Free what resources_load_dir() allocated; r is then empty. */
void resources_release(struct resources *r);

/* Create the tables of r's resources that are not there yet. */
int resources_create_tables(struct db *db, const struct resources *r,
                            struct err *e);

/*
 * Every resource: those written in C, then r's. Fills out[0..max) and
 * returns how many there are.
 */
size_t resources_all(const struct resources *r,
                     const struct resource_desc **out, size_t max);

/* The resources ctx's user may read, with their fields, as the web UI
 * reads them (GET /api/v1/resources). *out is new. */
int resources_describe(struct ctx *ctx, json_t **out, struct err *e);

/*
 * The generic operations: as records_get, records_create, records_update,
 * records_close and records_reopen, and the list of the records of the
 * person or case filter_id names. For a resource described by a file the
 * record has its list filter's access relation: the person's or case's,
 * checked here (a refusal audited as "denied").
 */
int resources_list(struct ctx *ctx, const struct resource_desc *d,
                   int64_t filter_id, int64_t limit, int64_t offset,
                   json_t **out, struct err *e);
int resources_get(struct ctx *ctx, const struct resource_desc *d, int64_t id,
                  json_t **out, struct err *e);
int resources_create(struct ctx *ctx, const struct resource_desc *d,
                     const json_t *body, json_t **out, struct err *e);
int resources_update(struct ctx *ctx, const struct resource_desc *d,
                     int64_t id, const json_t *body, json_t **out,
                     struct err *e);
int resources_close(struct ctx *ctx, const struct resource_desc *d, int64_t id,
                    const json_t *body, json_t **out, struct err *e);
int resources_reopen(struct ctx *ctx, const struct resource_desc *d,
                     int64_t id, const json_t *body, json_t **out,
                     struct err *e);

#endif
