/*
 * http_mhd.c - the libmicrohttpd adapter: the only file that calls MHD_*.
 *
 * MHD does not listen: the framing front (front.c) accepts each
 * connection, checks every request head and body framing (framing.c,
 * head_guard.c) and answers what it refuses itself, as JSON, so MHD only
 * ever reads requests that passed; it hands MHD one end of a socketpair
 * per connection with the client's address. Here: caps chunked bodies
 * while they arrive (the front refuses a declared body over the cap);
 * answers on the final callback so keep-alive is preserved; frees each
 * request's arena when MHD reports it complete.
 *
 * A read's answer waits for its audit rows to be durable without holding
 * a thread: the connection is suspended, the rows go to the writer as a
 * detached job, and the writer resumes the connection once they have
 * committed, when the held answer (or a 503) is sent. One thread thus
 * serves many readers while a batch commits, instead of a thread per
 * request sleeping through every fsync.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "http/front.h"
#include "http/head_guard.h"
#include "http/router.h"
#include "core/buf.h"
#include "service/server.h"

/* MHD's memory pool per connection: the largest head the front passes
 * (HEAD_GUARD_MAX_HEAD, in a read buffer of half the pool), MHD's copy of
 * the Cookie field, and an entry of about 56 bytes for each of up to
 * HEAD_GUARD_MAX_FIELDS fields, HEAD_GUARD_MAX_ARGS arguments and
 * HEAD_GUARD_MAX_COOKIES cookies, with room for the answer's header.
 * Measured with the head that reaches every limit at once
 * (tests/api/http_framing, "the largest head the front passes"): 48 KiB
 * is refused by MHD (431 in HTML), 49 KiB is served; 52 KiB leaves
 * 3 KiB over that. No larger: MHD zeroes the whole pool between two
 * requests of a connection and the freed part of its read buffer once a
 * head is read (at 64 KiB, about 96 KiB of memset per request;
 * bench/README.md, "Issue 11 §1, third pass"). */
#define HTTP_CONNECTION_MEMORY ((size_t)52 * 1024)

struct http_daemon {
	struct MHD_Daemon *mhd;
	struct front *front;
	struct server *srv;
	atomic_int stopping;
	atomic_int busy; /* answers being built or held for their audit */
};

enum held { HELD_NO, HELD_AUDITING, HELD_AUDITED };

struct exchange {
	int started; /* the first callback has run */
	struct arena arena;
	struct http_request req;
	struct buf body; /* at most body_max; SPIRE_ETOOBIG past it */
	/* An answer held until its audit rows are durable: */
	struct http_response res;
	struct write_job job;
	struct MHD_Connection *conn;
	struct http_daemon *d;
	enum held held;
};

const char *
http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *
http_query(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND,
	                                   name);
}

struct query_walk {
	int (*fn)(void *arg, const char *name, const char *value,
	          int hidden_nul);
	void *arg;
	int rc;
};

static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
          const char *value, size_t value_size)
{
	(void)kind;
	struct query_walk *w = cls;
	/* MHD unescapes %00 into the name or value, where the C string
	 * would end and hide the rest: the sizes it gives tell. */
	int nul =
	    strlen(key) != key_size || (value && strlen(value) != value_size);
	w->rc = w->fn(w->arg, key, value, nul);
	return w->rc ? MHD_NO : MHD_YES;
}

int
http_query_each(struct http_request *req,
                int (*fn)(void *arg, const char *name, const char *value,
                          int hidden_nul),
                void *arg)
{
	struct query_walk w = {fn, arg, 0};
	MHD_get_connection_values_n(req->conn, MHD_GET_ARGUMENT_KIND, query_arg,
	                            &w);
	return w.rc;
}

const char *
http_cookie(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

static void
add_common_headers(struct MHD_Response *r, int personal, int is_api)
{
	for (const struct http_header_const *h = http_security_headers; h->name;
	     h++)
		MHD_add_response_header(r, h->name, h->value);
	if (personal || is_api)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static const char *
client_ip(struct MHD_Connection *c, struct arena *a)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			          &((const struct sockaddr_in *)sa)->sin_addr,
			          buf, sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			          &((const struct sockaddr_in6 *)sa)->sin6_addr,
			          buf, sizeof(buf));
	}
	return arena_strdup(a, buf);
}

static enum MHD_Result
send_answer(struct MHD_Connection *c, struct exchange *x, const char *method,
            const char *url)
{
	struct http_response *res = &x->res;
	int head = strcmp(method, "HEAD") == 0;
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    head ? 0 : res->body_len, (void *)(head ? "" : res->body),
	    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	if (res->content_type)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	add_common_headers(r, res->personal, strncmp(url, "/api/", 5) == 0);
	for (struct http_header *h = res->headers; h; h = h->next)
		MHD_add_response_header(r, h->name, h->value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The writer's callback: the held answer's audit rows have committed (or
 * failed); let MHD call on_request again to send it. */
static void
audited(struct write_job *job)
{
	struct exchange *x = job->arg;
	struct http_daemon *d = x->d;
	x->held = HELD_AUDITED;
	MHD_resume_connection(x->conn);
	atomic_fetch_sub(&d->busy, 1);
}

/* Hold x's answer until the writer has committed x->req.audit. */
static void
hold(struct MHD_Connection *c, struct exchange *x, struct http_daemon *d)
{
	memset(&x->job, 0, sizeof(x->job));
	x->job.audit = x->req.audit;
	x->job.arg = x;
	x->job.free_fn = audited;
	x->conn = c;
	x->d = d;
	x->held = HELD_AUDITING;
	/* Suspend first: the writer may finish before this returns. */
	MHD_suspend_connection(c);
	server_submit_detached(d->srv, &x->job);
}

static struct exchange *
exchange_new(void)
{
	struct exchange *x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	arena_init(&x->arena, 0);
	x->req.arena = &x->arena;
	return x;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *upload_data,
           size_t *upload_data_size, void **con_cls)
{
	struct http_daemon *d = cls;
	struct exchange *x = *con_cls;
	size_t max = d->srv->cfg.body_max;
	if (!x) {
		x = exchange_new();
		if (!x)
			return MHD_NO;
		*con_cls = x;
	}
	(void)version;
	if (!x->started) {
		/* The head has passed the framing front (front.c). */
		x->started = 1;
		x->req.method = method;
		x->req.path = url;
		x->req.conn = c;
		buf_init_arena(&x->body, max, &x->arena);
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Past body_max the rest is read and dropped (413 below). */
		if (buf_add(&x->body, upload_data, *upload_data_size) ==
		    SPIRE_ENOMEM)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (x->held == HELD_AUDITED) {
		if (x->job.rc)
			router_audit_failed(&x->req, &x->res, &x->job.err);
		return send_answer(c, x, method, url);
	}
	x->req.ip = client_ip(c, &x->arena);
	x->req.body = x->body.p;
	x->req.body_len = x->body.len;
	if (x->body.err == SPIRE_ETOOBIG) {
		http_reply_fail(&x->req, &x->res, SPIRE_ETOOBIG, NULL,
		                "The request body is too large");
		x->res.personal = 1;
	} else if (!x->req.ip) {
		http_reply_fail(&x->req, &x->res, SPIRE_ENOMEM, NULL,
		                "out of memory");
	} else {
		/* busy before stopping is read: http_stop sees one or the
		 * other, so it never stops the daemon under a held answer. */
		atomic_fetch_add(&d->busy, 1);
		x->req.defer_audit = !atomic_load(&d->stopping);
		router_handle(d->srv, &x->req, &x->res);
		if (x->req.audit) {
			hold(c, x, d);
			return MHD_YES;
		}
		atomic_fetch_sub(&d->busy, 1);
	}
	return send_answer(c, x, method, url);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct exchange *x = *con_cls;
	if (!x)
		return;
	json_decref(x->req.json);
	arena_release(&x->arena);
	free(x);
	*con_cls = NULL;
}

/*
 * MHD's messages, to standard error, except those about TCP options: each
 * connection reaches MHD over a socketpair (front.c) while MHD takes it
 * for TCP (it was given the client's address), so it tries TCP_NODELAY and
 * TCP_CORK on every answer and says so three times when they fail. The
 * front sets TCP_NODELAY on the client's socket itself.
 */
static void
on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	if (strncmp(fmt, "Setting %s option to %s state failed", 36) == 0 ||
	    strncmp(fmt, "Failed to push the data from buffers", 36) == 0)
		return;
	fprintf(stderr, "spire: http: ");
	vfprintf(stderr, fmt, ap);
}

/* The front's hand-over: MHD takes fd as a connection from sa (its
 * per-address limit and the client address see the real peer), or closes
 * it. */
static int
add_connection(void *arg, int fd, const struct sockaddr *sa, socklen_t len)
{
	struct http_daemon *d = arg;
	return MHD_add_connection(d->mhd, fd, sa, len) == MHD_YES ? 0 : -1;
}

int
http_start(struct server *srv, struct http_daemon **out, struct err *e)
{
	*out = NULL;
	struct http_daemon *d = calloc(1, sizeof(*d));
	if (!d)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	d->srv = srv;
	/* No listening socket: connections come from the front. */
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_NO_LISTEN_SOCKET |
	                 MHD_USE_ITC;
	d->mhd = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, d, MHD_OPTION_EXTERNAL_LOGGER,
	    on_mhd_error, NULL, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)srv->cfg.threads, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, d,
	    /* Room for the largest head the front passes (its bytes and
	     * MHD's entry for each field, argument and cookie) and the
	     * answer's header. */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONNECTION_MEMORY,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->cfg.connection_limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned)srv->cfg.per_ip_connection_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)srv->cfg.connection_timeout_s,
	    /* 0: the front checks Host and the target itself and answers in
	     * JSON; MHD's strict mode would answer in HTML. */
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)0, MHD_OPTION_END);
	if (!d->mhd) {
		free(d);
		return err_set(e, SPIRE_EIO, "listen",
		               "cannot start the HTTP server");
	}
	struct front_config fc = {
	    .host = srv->cfg.listen_host,
	    .port = srv->cfg.port,
	    .connection_limit = srv->cfg.connection_limit,
	    .timeout_s = srv->cfg.connection_timeout_s,
	    .body_max = srv->cfg.body_max,
	    .hand_over = add_connection,
	    .arg = d,
	};
	int rc = front_start(&fc, &d->front, e);
	if (rc != 0) {
		MHD_stop_daemon(d->mhd);
		free(d);
		return rc;
	}
	*out = d;
	return 0;
}

int
http_port(struct http_daemon *d)
{
	return front_port(d->front);
}

void
http_stop(struct http_daemon *d)
{
	if (!d)
		return;
	front_stop_accepting(d->front);
	/* No answer may be left suspended when the daemon stops; the writer
	 * is still running, so the held ones finish within a batch, and the
	 * front relays them. */
	atomic_store(&d->stopping, 1);
	struct timespec ms = {0, 1000000};
	while (atomic_load(&d->busy) > 0)
		nanosleep(&ms, NULL);
	MHD_stop_daemon(d->mhd);
	/* MHD has closed its ends: the front flushes what they sent. */
	front_free(d->front);
	free(d);
}
