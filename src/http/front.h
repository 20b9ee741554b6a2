/*
 * front.h - the framing front: Spire accepts each TCP connection itself,
 * reads the client's requests with framing.c, and relays only whole,
 * checked heads and their bodies to the HTTP server library over a
 * socketpair; a head that fails is answered here, as JSON, after the
 * answers owed for the requests before it, and the connection is closed.
 *
 * Sockets and epoll only: no libmicrohttpd here (http_mhd.c hands the
 * other end of each socketpair to it through hand_over).
 */
#ifndef SPIRE_FRONT_H
#define SPIRE_FRONT_H

#include <stddef.h>
#include <sys/socket.h>

#include "core/err.h"

struct front;

struct front_config {
	const char *host; /* an IPv4 or IPv6 address */
	int port;         /* 0: any free port */
	int connection_limit;
	int timeout_s;   /* a head must arrive within this */
	size_t body_max; /* a larger declared body: 413 */
	/* Give fd (the server library's end of a connection) to the
	 * library, as if it came from sa; the callee owns fd from then on,
	 * also when it fails. Returns 0 or -1. */
	int (*hand_over)(void *arg, int fd, const struct sockaddr *sa,
	                 socklen_t len);
	void *arg;
};

/*
 * Listen on cfg's address and start the front's thread. cfg is copied
 * (host must outlive the front). Returns 0 with *out set (free with
 * front_free), or a negative SPIRE_E* code with e filled.
 */
int front_start(const struct front_config *cfg, struct front **out,
                struct err *e);

/* The port actually bound. */
int front_port(struct front *fr);

/* Stop accepting connections; those open go on being served. */
void front_stop_accepting(struct front *fr);

/*
 * Stop the front: connections whose server side has closed are flushed to
 * their clients (up to two seconds), then every connection is closed, the
 * thread joined and fr freed. NULL is ignored.
 */
void front_free(struct front *fr);

#endif
