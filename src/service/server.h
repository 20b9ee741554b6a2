/*
 * server.h - the one explicit structure holding Spire's configuration and
 * long-lived handles, built in main() and passed down. There is no other
 * global mutable state.
 */
#ifndef SPIRE_SERVER_H
#define SPIRE_SERVER_H

#include "core/config.h"
#include "core/err.h"
#include "store/pool.h"
#include "store/writer.h"

struct throttle;

struct server {
	struct config cfg;
	struct pool *readers;
	struct writer *writer;
	struct throttle *throttle;    /* failed sign-ins per account */
	struct throttle *ip_throttle; /* failed sign-ins per address */
};

/*
 * Open the store (migrating it to the latest schema), the reader pool, the
 * writer thread and the login throttle described by srv->cfg.
 */
int server_open(struct server *srv, struct err *e);

/* Release everything server_open() acquired. */
void server_release(struct server *srv);

#endif
