/*
 * json_dir.c - the *.json files of a folder, in name order (json_dir.h).
 */
#include "core/json_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
is_data_file(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0 && name[0] != '.';
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
json_dir_list(struct json_dir *d, const char *dir, size_t max, const char *what,
              struct err *e)
{
	d->names = NULL;
	d->n = 0;
	DIR *dh = opendir(dir);
	if (!dh)
		return errno == ENOENT
		           ? 0
		           : err_set(e, SPIRE_EIO, NULL, "Cannot open %s: %s",
		                     dir, strerror(errno));
	int rc = 0;
	if (!(d->names = calloc(max ? max : 1, sizeof(*d->names))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	struct dirent *de;
	while (rc == 0 && (de = readdir(dh)) != NULL) {
		if (!is_data_file(de->d_name))
			continue;
		if (d->n == max)
			rc = err_set(e, SPIRE_EINVAL, NULL,
			             "The folder %s holds more than %zu %s",
			             dir, max, what);
		else if (!(d->names[d->n] = strdup(de->d_name)))
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		else
			d->n++;
	}
	closedir(dh);
	if (rc) {
		json_dir_release(d);
		return rc;
	}
	qsort(d->names, d->n, sizeof(d->names[0]), by_name);
	return 0;
}

int
json_dir_path(const struct json_dir *d, const char *dir, size_t i, char *path,
              struct err *e)
{
	int len = snprintf(path, JSON_DIR_PATH_MAX, "%s/%s", dir, d->names[i]);
	if (len < 0 || (size_t)len >= JSON_DIR_PATH_MAX)
		return err_set(e, SPIRE_EINVAL, NULL,
		               "The path of %.200s is too long", d->names[i]);
	return 0;
}

void
json_dir_name_problem(const struct json_dir *d, size_t i, struct err *e)
{
	if (!e->code || !e->field[0])
		return;
	char msg[sizeof(e->message)];
	snprintf(msg, sizeof(msg), "%s", e->message);
	snprintf(e->message, sizeof(e->message), "%.100s: %.150s", d->names[i],
	         msg);
}

int
json_dir_load_file(const char *path, const char *what, json_t **doc,
                   struct err *e)
{
	*doc = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, SPIRE_EIO, NULL, "Cannot read %.200s: %s",
		               path, strerror(errno));
	json_error_t jerr;
	*doc = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	if (!*doc)
		return err_set(
		    e, SPIRE_EINVAL, NULL,
		    "The %s %.200s is not valid JSON: line %d: %.150s", what,
		    path, jerr.line, jerr.text);
	return 0;
}

void
json_dir_release(struct json_dir *d)
{
	for (size_t i = 0; d->names && i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->n = 0;
}
