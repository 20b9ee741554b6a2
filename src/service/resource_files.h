/*
 * resource_files.h - resources described by a data file alone
 * (resources_dir/NAME.json, docs/resources.md): each file checked at
 * start-up and turned into a descriptor (struct resource, records.h) with
 * its store half (struct record_table) and its table created, served by the
 * same generic operations as the built-in ones (RESOURCES[],
 * resources.h). Also the operations the generic HTTP handlers call for any
 * descriptor, and the description of every resource the web UI reads
 * (GET /api/v1/resources).
 */
#ifndef SPIRE_RESOURCE_FILES_H
#define SPIRE_RESOURCE_FILES_H

#include <jansson.h>

#include "service/ctx.h"
#include "service/records.h"

#define RESOURCE_FILES_MAX 128 /* files one directory may hold */
#define RESOURCE_NAME_MAX 40

/* One resource described by a file. */
struct resource_file {
	struct resource res;
	struct record_table table;
	struct field *fields;
	size_t n_fields;
	const char **labels; /* the label people see, per field */
	/* The label messages read mid-sentence, per field (the label with a
	 * lower-case first letter, "date noted"; NULL for a yes/no field,
	 * whose label is a question): the fields' `label`, owned here. */
	char **message_labels;
	struct vocab *vocabs;     /* per field: an enum's own vocabulary */
	struct vocab_term *terms; /* every enum's terms, the vocabs' */
	struct open_rule open_rules[2];
	struct list_key list_keys[2];
	const char *list_by[2];
	/* The fields' conditions ("when", core/fields.h), ended by {NULL},
	 * and the NULL-ended lists of values they point into; NULL when no
	 * field has one. */
	struct field_when *when;
	const char **when_values;
	json_t *doc; /* owns the strings */
};

/* Every resource of a directory. */
struct resource_files {
	struct resource_file *items;
	size_t n;
};

/*
 * Check a resource description: name, path, label, plural (the label of
 * many), about ("person" or "case": whose records they are, and whose
 * access relation they have), close_verb, reopen, and fields, each with
 * name, label, type ("line", "text", "date", "enum", "int", "bool"),
 * required, immutable, max_length, min, max and values [{code, label}].
 * Returns 0, or SPIRE_EINVAL with e naming the key and what is wrong.
 */
int resource_files_check(const json_t *doc, struct err *e);

/* Load and check one file into *doc (caller owns). */
int resource_files_load_file(const char *path, json_t **doc, struct err *e);

/*
 * Load every *.json file of dir into r (each checked, its descriptor
 * built). A directory that does not exist holds none. A bad file, or a
 * name or path another resource has (a built-in one too), fails the load
 * with e naming the file. Release with resource_files_release().
 */
int resource_files_load_dir(struct resource_files *r, const char *dir,
                            struct err *e);

/* Free what resource_files_load_dir() allocated; r is then empty. */
void resource_files_release(struct resource_files *r);

/* Create the tables of r's resources that are not there yet. */
int resource_files_create_tables(struct db *db, const struct resource_files *r,
                                 struct err *e);

/*
 * Register each of r's resources as a record kind of k (kinds_add_via,
 * store/kinds.h), its relation that of the person or case it is about, and
 * set its descriptor's kind: the router then checks access to {id} as for
 * any built-in kind. At start-up, before serving. 0, or e set
 * (SPIRE_EINVAL naming the resource whose kind cannot be registered).
 */
int resource_files_add_kinds(struct resource_files *r, struct kinds *k,
                             struct err *e);

/*
 * Every resource: the built-in ones (RESOURCES[]), then r's (r may be
 * NULL). Fills out[0..max) and returns how many there are.
 */
size_t resource_files_all(const struct resource_files *r,
                          const struct resource **out, size_t max);

/* The resources ctx's user may read, with their fields, as the web UI
 * reads them (GET /api/v1/resources). *out is new. */
int resource_files_describe(struct ctx *ctx, json_t **out, struct err *e);

#endif
