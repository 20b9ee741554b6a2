/*
 * http_mhd.c - the libmicrohttpd adapter: the only file that calls MHD_*.
 *
 * Defends against request smuggling and hangs that libmicrohttpd 0.9.75
 * lets through by running the head guard (head_guard.c) on the first
 * callback and answering 400, 431 or 501 as JSON and closing: ambiguous
 * framing, malformed or folded header lines, bare LF, NUL and other
 * controls, a second Host, an unknown Transfer-Encoding, too many query
 * arguments. Caps bodies by Content-Length and again while chunks arrive;
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

#include "http/head_guard.h"
#include "http/router.h"
#include "core/buf.h"
#include "service/server.h"

struct http_daemon {
	struct MHD_Daemon *mhd;
	struct server *srv;
	atomic_int stopping;
	atomic_int busy; /* answers being built or held for their audit */
};

enum held { HELD_NO, HELD_AUDITING, HELD_AUDITED };

struct exchange {
	int started;    /* the first callback has run */
	int bad_target; /* the request target was refused: answer early */
	struct head_verdict early;
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

static const char CSP[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

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

struct fields {
	struct head_field f[HEAD_GUARD_MAX_FIELDS + 1];
	size_t n;
};

static enum MHD_Result
collect_field(void *cls, enum MHD_ValueKind kind, const char *key,
              const char *value)
{
	(void)kind;
	struct fields *fs = cls;
	/* One more than the guard allows, so that it can refuse the lot. */
	if (fs->n == HEAD_GUARD_MAX_FIELDS + 1)
		return MHD_NO;
	fs->f[fs->n].name = key;
	fs->f[fs->n].value = value ? value : "";
	fs->n++;
	return MHD_YES;
}

static void
add_common_headers(struct MHD_Response *r, int personal, int is_api)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
	                        "camera=(), microphone=(), geolocation=()");
	if (personal || is_api)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* Answer at once and close: only for framing attacks and oversize bodies. */
static enum MHD_Result
reject(struct MHD_Connection *c, unsigned status, const char *code,
       const char *message)
{
	char body[512];
	/* The same shape as every other error reply: "error" and "errors". */
	int n = snprintf(body, sizeof(body),
	                 "{\"error\":{\"code\":\"%s\",\"field\":null,"
	                 "\"message\":\"%s\"},\"errors\":[{\"code\":"
	                 "\"%s\",\"field\":null,\"message\":\"%s\"}]}",
	                 code, message, code, message);
	if (n < 0 || (size_t)n >= sizeof(body))
		return MHD_NO;
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    (size_t)n, body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
	                        "application/json; charset=utf-8");
	MHD_add_response_header(r, "Connection", "close");
	add_common_headers(r, 0, 1);
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
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

/* Run the head guard on what MHD split out of the request head. */
static int
check_head(struct MHD_Connection *c, const char *version, struct exchange *x,
           struct head_verdict *v)
{
	struct fields *fs = arena_alloc(&x->arena, sizeof(*fs));
	if (!fs) {
		v->status = 503;
		v->code = "unavailable";
		v->message = "out of memory";
		return -1;
	}
	fs->n = 0;
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_field, fs);
	if (x->bad_target) {
		*v = x->early;
		return -1;
	}
	/* MHD's own Host check (STRICT_FOR_CLIENT) would answer in HTML. */
	int http11 = version && strcmp(version, "HTTP/1.1") == 0;
	if (head_guard_fields(fs->f, fs->n, http11, v) != 0)
		return -1;
	return version ? head_guard_layout(version, fs->f, fs->n, v) : 0;
}

/*
 * MHD calls this with the raw request target as soon as the request line
 * is read, and takes what it returns as the exchange; a refused target is
 * answered by the first callback. MHD 0.9.75 then splits the query into
 * arguments in place, in the connection's small memory pool; a few hundred
 * of them exhaust it, and its own 431 then cannot be sent, so the client
 * hangs until the timeout. A query with too many arguments is therefore
 * cut off here (the target is MHD's writable read buffer).
 */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct exchange *x = exchange_new();
	if (x && head_guard_target(uri, &x->early) != 0) {
		x->bad_target = 1;
		char *q = strchr((char *)uri, '?');
		if (x->early.status == 431 && q)
			memset(q, 0, strlen(q));
	}
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
	if (!x->started) {
		x->started = 1;
		struct head_verdict v;
		if (check_head(c, version, x, &v) != 0)
			return reject(c, (unsigned)v.status, v.code, v.message);
		if (v.content_length >= 0 &&
		    (unsigned long long)v.content_length > max)
			return reject(c, 413, "too_large",
			              "the request body is too large");
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
		                "the request body is too large");
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

static void
on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fprintf(stderr, "spire: http: ");
	vfprintf(stderr, fmt, ap);
}

int
http_start(struct server *srv, struct http_daemon **out, struct err *e)
{
	*out = NULL;
	struct http_daemon *d = calloc(1, sizeof(*d));
	if (!d)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	d->srv = srv;
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	const char *host = srv->cfg.listen_host;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)srv->cfg.port);
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)srv->cfg.port);
		flags |= MHD_USE_IPv6;
	} else {
		free(d);
		return err_set(e, SPIRE_EINVAL, "listen",
		               "listen host must be an IP address, got %s",
		               host);
	}
	d->mhd = MHD_start_daemon(
	    flags, (uint16_t)srv->cfg.port, NULL, NULL, on_request, d,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->cfg.threads,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, d,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, d,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->cfg.connection_limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned)srv->cfg.per_ip_connection_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)srv->cfg.connection_timeout_s,
	    /* 0: the head guard checks Host and the target itself and
	     * answers in JSON; MHD's strict mode would answer in HTML. */
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)0,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!d->mhd) {
		free(d);
		return err_set(e, SPIRE_EIO, "listen", "cannot listen on %s:%d",
		               host, srv->cfg.port);
	}
	*out = d;
	return 0;
}

int
http_port(struct http_daemon *d)
{
	const union MHD_DaemonInfo *info =
	    MHD_get_daemon_info(d->mhd, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : -1;
}

void
http_stop(struct http_daemon *d)
{
	if (!d)
		return;
	/* No answer may be left suspended when the daemon stops; the writer
	 * is still running, so the held ones finish within a batch. */
	atomic_store(&d->stopping, 1);
	struct timespec ms = {0, 1000000};
	while (atomic_load(&d->busy) > 0)
		nanosleep(&ms, NULL);
	MHD_stop_daemon(d->mhd);
	free(d);
}
