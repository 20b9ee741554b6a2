/*
 * server.h - the one explicit structure holding Spire's configuration and
 * long-lived handles, built in main() and passed down. There is no other
 * global mutable state.
 */
#ifndef SPIRE_SERVER_H
#define SPIRE_SERVER_H

#include <stdatomic.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/kinds.h"
#include "store/pool.h"
#include "store/replica.h"
#include "store/writer.h"
#include "service/forms/forms.h"

struct throttle;
struct route_table;
struct resource_files;
struct lockout;
struct gencache;

#define SERVER_DUMMY_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
/* Slots of struct server's wrote_at (users share one by id modulo this). */
#define SERVER_WRITE_SLOTS 1024

struct server {
	struct config cfg;
	struct pool *readers;
	/* The read replica (cfg.read_replica), or NULL: where the reads
	 * that may be a moment behind go (ctx_report_db). */
	struct replica *replica;
	/* With a replica: the primary's log position after each user's
	 * latest write (replica.h), by user id modulo SERVER_WRITE_SLOTS,
	 * so that the replica answers a user only once it holds what they
	 * wrote. Users whose ids share a slot share the larger position:
	 * more of their reads go to the primary, never fewer. */
	_Atomic uint64_t wrote_at[SERVER_WRITE_SLOTS];
	struct writer *writer;
	/* Sessions and access-check answers kept while the database is
	 * unchanged (gencache.h); NULL: nothing is cached. */
	struct gencache *cache;
	struct lockout *lockout;      /* sign-in attempts per account */
	struct throttle *throttle;    /* ... per username no account has */
	struct throttle *ip_throttle; /* ... per client address */
	/* Wrong invitation codes to the parent portal per client address
	 * (parent_accounts_redeem). */
	struct throttle *invite_throttle;
	/* An argon2id hash at the configured password_cost of a password no
	 * one knows, checked when a username is unknown so that refusing it
	 * takes as long as refusing a wrong password (auth_prepare). */
	char dummy_hash[SERVER_DUMMY_HASH_MAX];
	/* The form definitions of cfg.forms_dir, checked at start-up and
	 * read-only afterwards (docs/forms.md). */
	struct forms forms;
	/* The resources described by the files of cfg.resources_dir,
	 * checked at start-up, their tables created; read-only afterwards. */
	struct resource_files *resources;
	/* The route rows derived from every resource at start-up (the HTTP
	 * layer's, router_build); NULL when none were built. */
	struct route_table *routes;
	/* The record kinds: those compiled in, and those registered at
	 * start-up for resources described by data (kinds_add_via), before
	 * serving; read-only afterwards. */
	struct kinds kinds;
};

/*
 * Open the store (migrating it to the latest schema), the reader pool, the
 * writer thread and the login throttle described by srv->cfg.
 */
int server_open(struct server *srv, struct err *e);

/* Release everything server_open() acquired. */
void server_release(struct server *srv);

/*
 * Commit job (its audit rows) on srv's writer without waiting: once the
 * batch holding it is durable, or has failed with job->rc and job->err
 * set, job->free_fn is called on the writer's thread. For answers held
 * back until what they show is audited (the HTTP adapter).
 */
void server_submit_detached(struct server *srv, struct write_job *job);

#endif
