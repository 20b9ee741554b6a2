/*
 * json_dir.h - the data files of a folder: every NAME.json in it (not
 * hidden ones), in name order, as the start-up loaders read them (form
 * definitions, service/forms; resource descriptions,
 * service/resource_files.c).
 */
#ifndef SPIRE_JSON_DIR_H
#define SPIRE_JSON_DIR_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"

#define JSON_DIR_PATH_MAX 1024 /* bytes of "dir/NAME.json" with its NUL */

/* The file names found (owned), names[0..n) sorted bytewise. */
struct json_dir {
	char **names;
	size_t n;
};

/*
 * List dir's *.json files into d. A folder that does not exist holds none
 * (0, d->n 0). Errors, d then empty: SPIRE_EINVAL "The folder DIR holds
 * more than MAX WHAT" (what: "forms", "resources"), SPIRE_EIO when the
 * folder cannot be read, SPIRE_ENOMEM. Free with json_dir_release().
 */
int json_dir_list(struct json_dir *d, const char *dir, size_t max,
                  const char *what, struct err *e);

/*
 * "dir/NAME" of the i-th file into path (JSON_DIR_PATH_MAX bytes). 0, or
 * SPIRE_EINVAL naming the file when the path is longer.
 */
int json_dir_path(const struct json_dir *d, const char *dir, size_t i,
                  char *path, struct err *e);

/*
 * Put the i-th file's name before the message e holds about it ("NAME:
 * message"), when e names a field (a problem inside the file).
 */
void json_dir_name_problem(const struct json_dir *d, size_t i, struct err *e);

/*
 * Read one data file into *doc (new reference; duplicate keys refused).
 * what names the kind of file in messages ("form file", "resource
 * description"). Errors, *doc NULL: SPIRE_EIO "Cannot read PATH: reason"
 * (missing, unreadable), SPIRE_EINVAL "The WHAT PATH is not valid JSON:
 * line N: ...".
 */
int json_dir_load_file(const char *path, const char *what, json_t **doc,
                       struct err *e);

/* Free d's names; d is then empty. */
void json_dir_release(struct json_dir *d);

#endif
