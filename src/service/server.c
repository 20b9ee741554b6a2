/*
 * server.c - opening and releasing the long-lived handles.
 */
#include "service/server.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/gencache.h"
#include "service/maintenance.h"
#include "service/resource_files.h"
#include "service/resources.h"
#include "service/throttle.h"
#include "store/audit_key.h"
#include "store/db.h"
#include "store/schema.h"

/* Undo what start-up loaded before the store: forms, resources, kinds. */
static void
loaded_free(struct server *srv)
{
	forms_release(&srv->forms);
	if (srv->resources)
		resource_files_release(srv->resources);
	free(srv->resources);
	srv->resources = NULL;
	kinds_release(&srv->kinds);
}

int
server_open(struct server *srv, struct err *e)
{
	srv->readers = NULL;
	srv->replica = NULL;
	for (int i = 0; i < SERVER_WRITE_SLOTS; i++)
		atomic_init(&srv->wrote_at[i], 0);
	srv->writer = NULL;
	srv->lockout = NULL;
	srv->throttle = NULL;
	srv->ip_throttle = NULL;
	srv->invite_throttle = NULL;
	srv->cache = NULL;
	srv->dummy_hash[0] = '\0';
	srv->forms.items = NULL;
	srv->forms.n = 0;
	srv->resources = NULL;
	srv->routes = NULL;
	kinds_init(&srv->kinds);
	if (sodium_init() < 0)
		return err_set(e, SPIRE_EIO, NULL, "libsodium failed to start");
	/* The records' SQL is derived before any request needs it. */
	int rc = resources_prepare(e);
	if (rc)
		return rc;
	rc = forms_load_dir(&srv->forms, srv->cfg.forms_dir, e);
	if (rc == 0 && !(srv->resources = calloc(1, sizeof(*srv->resources))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = resource_files_load_dir(srv->resources,
		                             srv->cfg.resources_dir, e);
	if (rc == 0)
		rc = resource_files_add_kinds(srv->resources, &srv->kinds, e);
	if (rc) {
		loaded_free(srv);
		return rc;
	}
	struct db *db = NULL;
	rc = db_open(srv->cfg.db_path, DB_OPEN_CREATE, &db, e);
	if (rc) {
		loaded_free(srv);
		return rc;
	}
	rc = schema_migrate(db, e);
	if (rc == 0)
		rc = resource_files_create_tables(db, srv->resources, e);
	if (rc) {
		db_close(db);
		loaded_free(srv);
		return rc;
	}
	/* The audit key is checked (or made) before anything is written. */
	char key_path[sizeof(srv->cfg.audit_key_file) + 16];
	struct audit_key key;
	rc = maintenance_key_path(srv->cfg.db_path, srv->cfg.audit_key_file,
	                          key_path, sizeof(key_path), e);
	if (rc == 0)
		rc = audit_key_open(db, key_path, &key, e);
	if (rc) {
		db_close(db);
		loaded_free(srv);
		return rc;
	}
	rc = writer_new(db, &key, &srv->writer, e);
	sodium_memzero(&key, sizeof(key));
	/* The disk reserve is a file beside a SQLite database; PostgreSQL
	 * keeps its own disk (see docs/operations.md). */
	if (rc == 0 && srv->cfg.disk_reserve > 0 &&
	    !db_is_url(srv->cfg.db_path)) {
		char path[sizeof(srv->cfg.db_path) + 16];
		snprintf(path, sizeof(path), "%s-reserve", srv->cfg.db_path);
		rc =
		    writer_reserve(srv->writer, path, srv->cfg.disk_reserve, e);
	}
	if (rc == 0)
		rc = pool_new(srv->cfg.db_path, srv->cfg.readers, &srv->readers,
		              e);
	/* Reports may read from a streaming replica of a PostgreSQL
	 * primary; one that does not answer is tried again later. */
	if (rc == 0 && srv->cfg.read_replica[0]) {
		if (!db_is_url(srv->cfg.db_path))
			rc = err_set(e, SPIRE_EINVAL, "read_replica",
			             "read_replica needs a PostgreSQL database "
			             "(db is a SQLite file)");
		else
			rc =
			    replica_new(srv->cfg.read_replica, srv->cfg.db_path,
			                srv->cfg.readers, &srv->replica, e);
	}
	if (rc == 0) {
		srv->lockout = lockout_new(srv->cfg.login_max_failures,
		                           srv->cfg.login_window_s);
		srv->throttle = throttle_new(srv->cfg.login_max_failures,
		                             srv->cfg.login_window_s);
		srv->ip_throttle =
		    throttle_new(srv->cfg.login_max_address_failures,
		                 srv->cfg.login_window_s);
		srv->cache = gencache_new();
		srv->invite_throttle =
		    throttle_new(srv->cfg.login_max_address_failures,
		                 srv->cfg.login_window_s);
		if (!srv->lockout || !srv->throttle || !srv->ip_throttle ||
		    !srv->cache || !srv->invite_throttle)
			rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	if (rc)
		server_release(srv);
	return rc;
}

void
server_release(struct server *srv)
{
	writer_free(srv->writer);
	pool_free(srv->readers);
	replica_free(srv->replica);
	lockout_free(srv->lockout);
	gencache_free(srv->cache);
	srv->cache = NULL;
	throttle_free(srv->throttle);
	throttle_free(srv->ip_throttle);
	throttle_free(srv->invite_throttle);
	/* After the connections, whose statement caches hold the registered
	 * kinds' SQL by address. */
	loaded_free(srv);
	srv->lockout = NULL;
	srv->writer = NULL;
	srv->readers = NULL;
	srv->replica = NULL;
	srv->throttle = NULL;
	srv->ip_throttle = NULL;
	srv->invite_throttle = NULL;
}

void
server_submit_detached(struct server *srv, struct write_job *job)
{
	writer_submit_detached(srv->writer, job);
}
