/*
 * config.c - defaults, INI parsing (libinih) and environment overrides.
 */
#include "core/config.h"

#include <errno.h>
#include <ini.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * HTTP worker threads by default: two for each CPU this process may run
 * on (its affinity mask, so `taskset` and container limits count), at
 * least 4 and at most 64. A handler runs on the CPU from start to answer
 * (SQLite reads come from its cache, and an answer waiting for its audit
 * row is suspended, not blocking its thread), so more threads than CPUs
 * only add context switches: on one CPU, 16 threads cost about 8% more
 * CPU per W1 read than 4 (bench/README.md, "Threads").
 */
static int
default_threads(void)
{
	cpu_set_t set;
	int cpus = 0;
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		cpus = CPU_COUNT(&set);
	int n = 2 * (cpus > 0 ? cpus : 1);
	return n < 4 ? 4 : n > 64 ? 64 : n;
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->db_path, sizeof(c->db_path), "var/spire.db");
	snprintf(c->listen_host, sizeof(c->listen_host), "127.0.0.1");
	c->port = 8080;
	snprintf(c->web_root, sizeof(c->web_root), "web");
	snprintf(c->forms_dir, sizeof(c->forms_dir), "forms");
	snprintf(c->resources_dir, sizeof(c->resources_dir), "resources");
	c->threads = default_threads();
	c->readers = 40;
	c->idle_timeout_s = 30 * 60;
	c->absolute_timeout_s = 10 * 60 * 60;
	c->body_max = (size_t)1024 * 1024;
	c->secure_cookies = 0;
	c->login_max_failures = 5;
	c->login_max_address_failures = 20;
	c->login_window_s = 15 * 60;
	c->connection_limit = 4096;
	/* One address may not take every slot (slowloris from one host);
	 * behind nginx this caps nginx's connections to Spire. 0: no cap. */
	c->per_ip_connection_limit = 256;
	c->connection_timeout_s = 60;
	c->disk_reserve = (size_t)8 * 1024 * 1024;
	c->password_cost = 0;
	snprintf(c->population_csv, sizeof(c->population_csv),
	         "data/population.csv");
}

static int
parse_int(const char *v, long lo, long hi, long *out)
{
	char *end = NULL;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || !end || end == v || *end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

int
config_set_listen(struct config *c, const char *hostport, struct err *e)
{
	const char *colon = strrchr(hostport, ':');
	long port;
	if (!colon || colon == hostport ||
	    (size_t)(colon - hostport) >= sizeof(c->listen_host) ||
	    parse_int(colon + 1, 0, 65535, &port) != 0)
		return err_set(e, SPIRE_EINVAL, "listen",
		               "listen must be HOST:PORT, got '%s'", hostport);
	snprintf(c->listen_host, sizeof(c->listen_host), "%.*s",
	         (int)(colon - hostport), hostport);
	c->port = (int)port;
	return 0;
}

struct setting {
	const char *section, *name;
	enum { S_STR, S_INT, S_SIZE, S_BOOL, S_LISTEN, S_PROXIES } type;
	size_t offset, size;
	long lo, hi;
};

#define STR(sec, key, member)                                                  \
	{                                                                      \
		sec, key, S_STR, offsetof(struct config, member),              \
		    sizeof(((struct config *)0)->member), 0, 0                 \
	}
#define INT(sec, key, member, lo, hi)                                          \
	{                                                                      \
		sec, key, S_INT, offsetof(struct config, member), 0, lo, hi    \
	}

static const struct setting settings[] = {
    STR("server", "db", db_path),
    STR("server", "audit_key_file", audit_key_file),
    STR("server", "read_replica", read_replica),
    {"server", "listen", S_LISTEN, 0, 0, 0, 0},
    STR("server", "web_root", web_root),
    STR("server", "forms_dir", forms_dir),
    STR("server", "resources_dir", resources_dir),
    STR("portal", "contact", portal_contact),
    INT("server", "threads", threads, 1, 512),
    INT("server", "readers", readers, 1, 1024),
    {"server", "body_max", S_SIZE, offsetof(struct config, body_max), 0, 1024,
     64L * 1024 * 1024},
    INT("server", "connection_limit", connection_limit, 1, 1000000),
    INT("server", "per_ip_connection_limit", per_ip_connection_limit, 0,
        1000000),
    INT("server", "connection_timeout", connection_timeout_s, 1, 3600),
    {"server", "trusted_proxies", S_PROXIES, 0, 0, 0, 0},
    {"server", "disk_reserve", S_SIZE, offsetof(struct config, disk_reserve), 0,
     0, 1024L * 1024 * 1024},
    INT("session", "idle_timeout", idle_timeout_s, 1, 7L * 24 * 3600),
    INT("session", "absolute_timeout", absolute_timeout_s, 1, 30L * 24 * 3600),
    {"session", "secure_cookies", S_BOOL,
     offsetof(struct config, secure_cookies), 0, 0, 1},
    INT("security", "login_max_failures", login_max_failures, 1, 1000),
    INT("security", "login_max_address_failures", login_max_address_failures, 1,
        100000),
    INT("security", "login_window", login_window_s, 1, 24L * 3600),
    INT("security", "password_cost", password_cost, 0, 1),
    STR("measures", "population", population_csv),
};

static int
apply(struct config *c, const char *section, const char *name,
      const char *value, struct err *e)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		const struct setting *s = &settings[i];
		if (strcmp(s->section, section) != 0 ||
		    strcmp(s->name, name) != 0)
			continue;
		char *base = (char *)c;
		long x;
		switch (s->type) {
		case S_STR:
			if (strlen(value) >= s->size)
				return err_set(e, SPIRE_EINVAL, name,
				               "%s.%s is too long", section,
				               name);
			snprintf(base + s->offset, s->size, "%s", value);
			return 0;
		case S_LISTEN:
			return config_set_listen(c, value, e);
		case S_PROXIES:
			return proxy_list_parse(&c->trusted_proxies, value, e);
		case S_BOOL:
			if (!strcmp(value, "true") || !strcmp(value, "1") ||
			    !strcmp(value, "yes"))
				x = 1;
			else if (!strcmp(value, "false") ||
			         !strcmp(value, "0") || !strcmp(value, "no"))
				x = 0;
			else
				return err_set(e, SPIRE_EINVAL, name,
				               "%s.%s must be true or false",
				               section, name);
			*(int *)(base + s->offset) = (int)x;
			return 0;
		case S_INT:
		case S_SIZE:
			if (parse_int(value, s->lo, s->hi, &x) != 0)
				return err_set(e, SPIRE_EINVAL, name,
				               "%s.%s must be a number from "
				               "%ld to %ld",
				               section, name, s->lo, s->hi);
			if (s->type == S_INT)
				*(int *)(base + s->offset) = (int)x;
			else
				*(size_t *)(base + s->offset) = (size_t)x;
			return 0;
		}
	}
	return err_set(e, SPIRE_EINVAL, name, "unknown setting %s.%s", section,
	               name);
}

struct ini_ctx {
	struct config *c;
	struct err *e;
	int rc;
};

static int
on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ic = user;
	if (ic->rc)
		return 0;
	ic->rc = apply(ic->c, section, name, value, ic->e);
	return ic->rc == 0;
}

int
config_load_file(struct config *c, const char *path, struct err *e)
{
	struct ini_ctx ic = {c, e, 0};
	int line = ini_parse(path, on_ini, &ic);
	if (line == -1)
		return err_set(e, SPIRE_EIO, "config", "cannot read %s", path);
	if (ic.rc)
		return ic.rc;
	if (line != 0)
		return err_set(e, SPIRE_EINVAL, "config",
		               "%s: syntax error on line %d", path, line);
	return 0;
}

int
config_load_env(struct config *c, struct err *e)
{
	static const struct {
		const char *env, *section, *name;
	} map[] = {
	    {"SPIRE_DB", "server", "db"},
	    {"SPIRE_AUDIT_KEY_FILE", "server", "audit_key_file"},
	    {"SPIRE_READ_REPLICA", "server", "read_replica"},
	    {"SPIRE_WEB_ROOT", "server", "web_root"},
	    {"SPIRE_FORMS_DIR", "server", "forms_dir"},
	    {"SPIRE_RESOURCES_DIR", "server", "resources_dir"},
	    {"SPIRE_PORTAL_CONTACT", "portal", "contact"},
	    {"SPIRE_THREADS", "server", "threads"},
	    {"SPIRE_TRUSTED_PROXIES", "server", "trusted_proxies"},
	    {"SPIRE_PER_IP_CONNECTION_LIMIT", "server",
	     "per_ip_connection_limit"},
	    {"SPIRE_SECURE_COOKIES", "session", "secure_cookies"},
	    {"SPIRE_IDLE_TIMEOUT", "session", "idle_timeout"},
	    {"SPIRE_ABSOLUTE_TIMEOUT", "session", "absolute_timeout"},
	    {"SPIRE_POPULATION", "measures", "population"},
	    {"SPIRE_PASSWORD_COST", "security", "password_cost"},
	    {"SPIRE_LOGIN_MAX_FAILURES", "security", "login_max_failures"},
	    {"SPIRE_LOGIN_MAX_ADDRESS_FAILURES", "security",
	     "login_max_address_failures"},
	    {"SPIRE_LOGIN_WINDOW", "security", "login_window"},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const char *v = getenv(map[i].env);
		if (v && *v) {
			int rc = apply(c, map[i].section, map[i].name, v, e);
			if (rc)
				return rc;
		}
	}
	const char *port = getenv("PORT");
	long x;
	if (port && *port) {
		if (parse_int(port, 0, 65535, &x) != 0)
			return err_set(e, SPIRE_EINVAL, "PORT",
			               "PORT must be a number from 0 to 65535");
		c->port = (int)x;
	}
	return 0;
}
