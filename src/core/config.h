/*
 * config.h - Spire's settings: defaults, an INI file, then environment
 * overrides (SPIRE_*), then command-line flags applied by the CLI.
 */
#ifndef SPIRE_CONFIG_H
#define SPIRE_CONFIG_H

#include <stddef.h>

#include "core/err.h"
#include "core/proxy.h"

struct config {
	char db_path[512];
	char listen_host[64];
	int port;
	char web_root[512];
	char forms_dir[512];     /* form definitions (docs/forms.md) */
	char resources_dir[512]; /* resources described by a file alone */
	int threads;             /* HTTP worker threads */
	int readers;             /* reader connections in the pool */
	int idle_timeout_s;      /* session idle expiry */
	int absolute_timeout_s;  /* session absolute lifetime */
	size_t body_max;         /* request body cap in bytes */
	int secure_cookies;      /* set Secure on cookies (behind TLS) */
	int login_max_failures;  /* per account, per window */
	int login_max_address_failures; /* per address, per window: higher,
	                                 * since an office shares one address */
	int login_window_s;
	int connection_limit;
	int per_ip_connection_limit;
	int connection_timeout_s;
	size_t disk_reserve; /* bytes kept free for refusals' audit rows */
	int password_cost;   /* 0 interactive (default), 1 moderate */
	struct proxy_list trusted_proxies; /* peers whose X-Forwarded-For
	                                    * is believed; empty: none */
	char population_csv[512]; /* measures: 10-17 population by year */
	char audit_key_file[512]; /* "" means "<db_path>.audit-key" */
	/* A streaming replica of the PostgreSQL primary db_path, for the
	 * reads that may be a moment behind (docs/operations.md "A read
	 * replica"); "" none. */
	char read_replica[512];
	/* How a parent gets in touch with their worker's service, shown on
	 * the parent's own page ([portal] contact, SPIRE_PORTAL_CONTACT: "Call
	 * the Family Help team on 0113 496 0000, Monday to Friday, 9am to
	 * 5pm"); "" none. */
	char portal_contact[300];
};

/* Fill c with defaults. */
void config_defaults(struct config *c);

/* Read an INI file ([server], [session], [security] sections). */
int config_load_file(struct config *c, const char *path, struct err *e);

/* Apply SPIRE_* environment variables (SPIRE_PORT, SPIRE_DB...). */
int config_load_env(struct config *c, struct err *e);

/* Parse "host:port" into c->listen_host/c->port. */
int config_set_listen(struct config *c, const char *hostport, struct err *e);

#endif
