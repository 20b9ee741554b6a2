/*
 * serve.c - `spire serve`: open the store and answer HTTP until SIGINT or
 * SIGTERM.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/api.h"
#include "http/http.h"
#include "service/auth.h"

static const char USAGE[] =
    "usage: spire serve --db FILE|URL [--listen HOST:PORT] [--config FILE]\n"
    "                   [--web DIR] [--threads N] [--read-replica URL]\n"
    "                   [--audit-key KEYFILE]\n"
    "Serve the JSON API under /api/v1/ and the web UI from DIR (default\n"
    "web). Defaults: listen 127.0.0.1:8080 (PORT= overrides the port).\n"
    "Settings come from the config file, then SPIRE_* variables, then\n"
    "these flags. Put nginx in front for TLS (see deploy/) and set\n"
    "trusted_proxies (SPIRE_TRUSTED_PROXIES) to its address: see\n"
    "docs/security.md. --read-replica (read_replica, SPIRE_READ_REPLICA)\n"
    "names a streaming replica of a PostgreSQL --db for measures, the\n"
    "board pack and lists: see docs/operations.md, \"A read replica\".\n"
    "The audit trail's key is KEYFILE (audit_key_file,\n"
    "SPIRE_AUDIT_KEY_FILE), else FILE.audit-key beside the database.\n";

int
cli_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = NULL, *config = NULL, *web = NULL;
	const char *threads = NULL, *replica = NULL, *key_file = NULL;
	const struct cli_opt opts[] = {
	    {"db", 'd', &db},
	    {"listen", 'l', &listen},
	    {"config", 'c', &config},
	    {"web", 'w', &web},
	    {"threads", 't', &threads},
	    {"read-replica", 'r', &replica},
	    {"audit-key", 'k', &key_file},
	    {NULL, 0, NULL},
	};
	int status = cli_options(argc, argv, USAGE, opts);
	if (status >= 0)
		return status;
	struct server srv;
	struct err e;
	err_clear(&e);
	config_defaults(&srv.cfg);
	if (config && config_load_file(&srv.cfg, config, &e) != 0)
		return cli_fail(&e);
	if (config_load_env(&srv.cfg, &e) != 0)
		return cli_fail(&e);
	if (db)
		snprintf(srv.cfg.db_path, sizeof(srv.cfg.db_path), "%s", db);
	if (key_file && strlen(key_file) >= sizeof(srv.cfg.audit_key_file))
		return cli_usage(USAGE, "--audit-key is too long");
	if (key_file)
		snprintf(srv.cfg.audit_key_file, sizeof(srv.cfg.audit_key_file),
		         "%s", key_file);
	if (replica && strlen(replica) >= sizeof(srv.cfg.read_replica))
		return cli_usage(USAGE, "--read-replica is too long");
	if (replica)
		snprintf(srv.cfg.read_replica, sizeof(srv.cfg.read_replica),
		         "%s", replica);
	if (web)
		snprintf(srv.cfg.web_root, sizeof(srv.cfg.web_root), "%s", web);
	if (listen && config_set_listen(&srv.cfg, listen, &e) != 0)
		return cli_fail(&e);
	if (threads) {
		char *end = NULL;
		long n = strtol(threads, &end, 10);
		if (!end || *end || n < 1 || n > 512)
			return cli_usage(USAGE, "--threads must be 1 to 512");
		srv.cfg.threads = (int)n;
		if (srv.cfg.readers < (int)n + 4)
			srv.cfg.readers = (int)n + 4;
	}
	if (!db && !config && !getenv("SPIRE_DB"))
		return cli_usage(USAGE, "--db is required: a database file, or "
		                        "a postgresql:// URL");

	/* Block the stop signals in every thread; wait for them here. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (server_open(&srv, &e) != 0)
		return cli_fail(&e);
	if (auth_prepare(&srv, &e) != 0 ||
	    api_resources_routes(srv.resources, &srv.routes, &e) != 0) {
		server_release(&srv);
		return cli_fail(&e);
	}
	struct http_daemon *d = NULL;
	if (http_start(&srv, &d, &e) != 0) {
		router_free(srv.routes);
		server_release(&srv);
		return cli_fail(&e);
	}
	printf("spire: listening on http://%s:%d/\n", srv.cfg.listen_host,
	       http_port(d));
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "spire: stopping (signal %d)\n", sig);
	http_stop(d);
	router_free(srv.routes);
	srv.routes = NULL;
	server_release(&srv);
	return 0;
}
