/*
 * front.c - the framing front (see front.h): one thread, one epoll set,
 * non-blocking sockets, edge-triggered.
 *
 * For each client connection a socketpair: one end goes to the server
 * library with the client's address (so its per-address limit, the
 * trusted-proxy logic and the audit see the real peer), the other stays
 * here. Bytes are relayed both ways through two fixed buffers per
 * connection, allocated while in use: a side whose peer cannot take more is
 * not read (back-pressure). Client bytes are passed on only once
 * framing_request() has passed them; after a refusal the client is no
 * longer read, the answers owed for earlier requests are relayed, then
 * Spire's JSON error, and the connection is closed (a lingering close: the
 * client's unread bytes are drained for a moment so that they do not turn
 * the close into a reset that would lose the answer).
 *
 * Limits: connection_limit connections; a head must be complete within
 * timeout_s of its first byte (the server library's own idle timeout
 * covers the rest); at most HEAD_GUARD_MAX_HEAD bytes of head.
 */
#include "http/front.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "http/framing.h"

/* Client bytes held: a whole head and some. */
#define IN_CAP (HEAD_GUARD_MAX_HEAD + (size_t)16 * 1024)
/* Server bytes held on their way to the client. */
#define OUT_CAP ((size_t)32 * 1024)
/* How long a closing connection drains the client's unread bytes. */
#define LINGER_MS 2000
/* How long front_free waits for connections to flush. */
#define DRAIN_MS 2000

#define TAG_SERVER ((uintptr_t)1)

struct conn;

/* A list of connections by deadline: each list has one fixed delay, so
 * appending keeps it in order. */
struct timer_list {
	struct conn *first, *last;
};

struct conn {
	int cfd, mfd; /* client; server library (-1 once closed) */
	struct framing fr;
	char *in; /* [0,sent) relayed, [sent,ok) passed, [ok,len) unread */
	size_t in_len, in_ok, in_sent;
	char *out;
	size_t out_len, out_sent;
	uint64_t read_at_answers; /* framing_owed() changed: read again */
	size_t read_at_len;
	unsigned c_read : 1, c_write : 1, m_read : 1, m_write : 1;
	/* The side has reported its end (EPOLLRDHUP, HUP or an error): read
	 * it to the end rather than stop at a short read. */
	unsigned c_hup : 1, m_hup : 1;
	/* The server side is watched for room to write (EPOLLOUT): only once
	 * a send to it has found the socketpair full (server_write). */
	unsigned m_out : 1;
	unsigned stop_reading : 1; /* refused or closing: no more requests */
	unsigned c_eof : 1;        /* the client has finished sending */
	unsigned need_more : 1;    /* the framing waits for more bytes */
	unsigned refused : 1;      /* fr.verdict is to be answered */
	unsigned answered : 1;     /* ... and has been queued */
	unsigned m_eof : 1;        /* the server side closed */
	unsigned lingering : 1;
	unsigned dead : 1; /* closed; freed after this round of events */
	struct conn *aprev, *anext; /* every open connection; or the dead */
	/* Deadline (head timeout or linger) and its list. */
	int64_t deadline;
	uint64_t timer_request; /* the head being timed: fr.requests then */
	struct timer_list *timers;
	struct conn *tprev, *tnext;
};

struct front {
	struct front_config cfg;
	int lfd, efd, ep;
	int port;
	pthread_t thread;
	int started;
	atomic_int stop_accepting;
	atomic_int quit;
	int conns;
	int64_t accept_paused; /* out of descriptors: accept again then */
	struct conn *all, *dead;
	struct timer_list heads, lingers;
};

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
timer_remove(struct conn *c)
{
	struct timer_list *t = c->timers;
	if (!t)
		return;
	if (c->tprev)
		c->tprev->tnext = c->tnext;
	else
		t->first = c->tnext;
	if (c->tnext)
		c->tnext->tprev = c->tprev;
	else
		t->last = c->tprev;
	c->tprev = c->tnext = NULL;
	c->timers = NULL;
}

static void
timer_add(struct timer_list *t, struct conn *c, int64_t deadline)
{
	timer_remove(c);
	c->deadline = deadline;
	c->timers = t;
	c->tprev = t->last;
	c->tnext = NULL;
	if (t->last)
		t->last->tnext = c;
	else
		t->first = c;
	t->last = c;
}

/* Close c; it is freed by free_dead(), after the events of this round
 * (one may still name it). */
static void
conn_free(struct front *fr, struct conn *c)
{
	if (c->dead)
		return;
	timer_remove(c);
	if (c->cfd >= 0)
		close(c->cfd);
	if (c->mfd >= 0)
		close(c->mfd);
	c->cfd = c->mfd = -1;
	if (c->aprev)
		c->aprev->anext = c->anext;
	else
		fr->all = c->anext;
	if (c->anext)
		c->anext->aprev = c->aprev;
	c->dead = 1;
	c->aprev = NULL;
	c->anext = fr->dead;
	fr->dead = c;
	fr->conns--;
}

static void
free_dead(struct front *fr)
{
	while (fr->dead) {
		struct conn *c = fr->dead;
		fr->dead = c->anext;
		free(c->in);
		free(c->out);
		free(c);
	}
}

/* Everything owed has been written: close the server side, tell the client
 * we are done writing, and drain what it still sends for a moment. */
static void
conn_linger(struct front *fr, struct conn *c)
{
	if (c->mfd >= 0) {
		close(c->mfd);
		c->mfd = -1;
	}
	shutdown(c->cfd, SHUT_WR);
	c->lingering = 1;
	free(c->in);
	c->in = NULL;
	free(c->out);
	c->out = NULL;
	timer_add(&fr->lingers, c, now_ms() + LINGER_MS);
}

/* Drain a lingering client. Returns 1 when it has gone (c freed). */
static int
linger_read(struct front *fr, struct conn *c)
{
	char sink[4096];
	for (;;) {
		ssize_t n = read(c->cfd, sink, sizeof(sink));
		if (n > 0)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		conn_free(fr, c);
		return 1;
	}
}

/* Read from the client into c->in. Returns 1 on progress, 0 if none, -1
 * when the client has failed (reset).
 *
 * A read that returns less than it asked for has emptied the socket: the
 * side is marked drained without a second read to see EAGAIN, as nginx
 * does with EPOLLRDHUP. Bytes that arrive later raise a new edge-triggered
 * event (every arrival wakes the epoll set, whatever was read before), and
 * a peer's end is reported by EPOLLRDHUP, after which the side is read
 * until read() says 0 or EAGAIN. One read() fewer per request on each
 * side (bench/README.md, "Issue 11 §1, third pass"). */
static int
client_read(struct conn *c)
{
	if (!c->in && !(c->in = malloc(IN_CAP)))
		return 0;
	size_t room = IN_CAP - c->in_len;
	ssize_t n = read(c->cfd, c->in + c->in_len, room);
	if (n > 0) {
		c->in_len += (size_t)n;
		/* Less than asked for: the socket is empty now. */
		if ((size_t)n < room && !c->c_hup)
			c->c_read = 0;
		return 1;
	}
	if (n == 0) {
		/* The client has finished sending: answer what it sent
		 * (pipelined requests may still wait for the framing), then
		 * close. */
		c->c_eof = 1;
		return 1;
	}
	if (errno == EAGAIN || errno == EINTR) {
		if (errno == EAGAIN)
			c->c_read = 0;
		return 0;
	}
	return -1;
}

/* Run the framing over unread client bytes. */
static void
vet(struct conn *c)
{
	if (c->in_ok == c->in_len || (c->read_at_len == c->in_len &&
	                              c->read_at_answers == c->fr.answers))
		return;
	c->read_at_len = c->in_len;
	c->read_at_answers = c->fr.answers;
	size_t passed = 0;
	enum framing_result r = framing_request(&c->fr, c->in + c->in_ok,
	                                        c->in_len - c->in_ok, &passed);
	c->in_ok += passed;
	c->need_more = r == FRAMING_MORE;
	if (r == FRAMING_ERROR) {
		c->refused = 1;
		c->stop_reading = 1;
		c->in_len = c->in_ok;
	} else if (r == FRAMING_CLOSE) {
		c->stop_reading = 1;
		c->in_len = c->in_ok;
	}
}

/*
 * Relay passed bytes to the server. Returns 1 on progress, 0 if none.
 *
 * The socketpair is watched for EPOLLOUT only after a send has found it
 * full: a Unix socket raises an EPOLLOUT edge each time the library reads
 * what was sent, which woke this thread once per request for nothing
 * (bench/README.md, "Issue 11 §1, third pass").
 */
static int
server_write(struct front *fr, struct conn *c)
{
	ssize_t n = send(c->mfd, c->in + c->in_sent, c->in_ok - c->in_sent,
	                 MSG_NOSIGNAL);
	if (n > 0) {
		c->in_sent += (size_t)n;
		if (c->in_sent == c->in_ok) {
			/* Keep only the unread rest (a partial head). */
			memmove(c->in, c->in + c->in_ok, c->in_len - c->in_ok);
			c->in_len -= c->in_ok;
			c->read_at_len -= c->in_ok;
			c->in_ok = c->in_sent = 0;
			if (!c->in_len) {
				free(c->in);
				c->in = NULL;
			}
		}
		return 1;
	}
	if (n < 0 && errno == EAGAIN) {
		c->m_write = 0;
		if (c->m_out)
			return 0;
		struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT |
		                                   EPOLLRDHUP | EPOLLET};
		ev.data.u64 = (uintptr_t)c | TAG_SERVER;
		if (epoll_ctl(fr->ep, EPOLL_CTL_MOD, c->mfd, &ev) == 0) {
			c->m_out = 1;
			return 0;
		}
		/* Not watched, it could never be written again: as gone. */
	} else if (n < 0 && errno == EINTR) {
		return 0;
	}
	/* The server side has gone: nothing more can be passed on. */
	c->m_eof = 1;
	c->stop_reading = 1;
	c->in_len = c->in_ok = c->in_sent;
	return 1;
}

/* Read the server's answers into c->out. Returns 1 on progress. */
static int
server_read(struct conn *c)
{
	if (!c->out && !(c->out = malloc(OUT_CAP)))
		return 0;
	size_t room = OUT_CAP - c->out_len;
	ssize_t n = read(c->mfd, c->out + c->out_len, room);
	if (n > 0) {
		framing_answer(&c->fr, c->out + c->out_len, (size_t)n);
		c->out_len += (size_t)n;
		if ((size_t)n < room && !c->m_hup)
			c->m_read = 0; /* empty now (client_read) */
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		if (errno == EAGAIN)
			c->m_read = 0;
		return 0;
	}
	c->m_eof = 1;
	c->stop_reading = 1;
	return 1;
}

/* Write held answers to the client. Returns 1 on progress, 0 if none, -1
 * when the client has gone. */
static int
client_write(struct conn *c)
{
	ssize_t n = send(c->cfd, c->out + c->out_sent, c->out_len - c->out_sent,
	                 MSG_NOSIGNAL);
	if (n > 0) {
		c->out_sent += (size_t)n;
		if (c->out_sent == c->out_len) {
			c->out_sent = c->out_len = 0;
			free(c->out);
			c->out = NULL;
		}
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		if (errno == EAGAIN)
			c->c_write = 0;
		return 0;
	}
	return -1;
}

/* Queue Spire's own answer to the refused request. */
static void
answer_refusal(struct conn *c)
{
	c->answered = 1;
	if (!c->out && !(c->out = malloc(OUT_CAP)))
		return;
	c->out_len +=
	    framing_error_answer(&c->fr.verdict, time(NULL),
	                         c->out + c->out_len, OUT_CAP - c->out_len);
}

/* Do all that can be done on c now. Returns 1 when c has been freed. */
static int
pump(struct front *fr, struct conn *c)
{
	if (c->lingering)
		return linger_read(fr, c);
	for (;;) {
		int progress = 0, rc;
		if (!c->stop_reading && !c->c_eof && c->c_read &&
		    c->in_len < IN_CAP) {
			if ((rc = client_read(c)) < 0)
				goto gone;
			progress |= rc;
		}
		if (!c->stop_reading)
			vet(c);
		if (c->mfd >= 0 && !c->m_eof && c->in_sent < c->in_ok &&
		    c->m_write)
			progress |= server_write(fr, c);
		if (c->mfd >= 0 && !c->m_eof && c->m_read &&
		    c->out_len < OUT_CAP)
			progress |= server_read(c);
		if (c->out_sent < c->out_len && c->c_write) {
			if ((rc = client_write(c)) < 0)
				goto gone;
			progress |= rc;
		}
		int drained = c->out_len == 0;
		int owed = framing_owed(&c->fr) > 0 && !c->fr.answer_broken;
		if (c->refused && !c->answered && drained && !owed &&
		    !c->m_eof && !c->fr.answer_broken) {
			answer_refusal(c);
			progress = 1;
			continue;
		}
		/* Nothing more will be passed on: refused or closing, or the
		 * client has finished and what it sent is all passed (but a
		 * partial head). */
		int done =
		    c->stop_reading ||
		    (c->c_eof && (c->in_ok == c->in_len || c->need_more));
		if (drained &&
		    (c->m_eof ||
		     (done && !owed && c->in_sent == c->in_ok &&
		      (!c->refused || c->answered || c->fr.answer_broken)))) {
			conn_linger(fr, c);
			return linger_read(fr, c);
		}
		if (!progress)
			break;
	}
	/* The head timeout runs from a head's first byte to its end. */
	int in_head = !c->stop_reading && !c->c_eof &&
	              framing_in_head(&c->fr, c->in_len - c->in_ok);
	if (in_head &&
	    (c->timers != &fr->heads || c->timer_request != c->fr.requests)) {
		c->timer_request = c->fr.requests;
		timer_add(&fr->heads, c,
		          now_ms() + (int64_t)fr->cfg.timeout_s * 1000);
	} else if (!in_head && c->timers == &fr->heads)
		timer_remove(c);
	return 0;
gone:
	conn_free(fr, c);
	return 1;
}

static void
accept_all(struct front *fr)
{
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		int fd = accept4(fr->lfd, (struct sockaddr *)&ss, &sl,
		                 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				/* The listening socket stays readable: stop
				 * watching it for a moment, not spin. */
				epoll_ctl(fr->ep, EPOLL_CTL_DEL, fr->lfd, NULL);
				fr->accept_paused = now_ms() + 100;
			}
			return;
		}
		int sv[2] = {-1, -1};
		struct conn *c = NULL;
		if (fr->conns >= fr->cfg.connection_limit ||
		    socketpair(AF_UNIX,
		               SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
		               sv) != 0 ||
		    !(c = calloc(1, sizeof(*c)))) {
			close(fd);
			if (sv[0] >= 0) {
				close(sv[0]);
				close(sv[1]);
			}
			continue;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		fr->conns++;
		c->anext = fr->all;
		if (fr->all)
			fr->all->aprev = c;
		fr->all = c;
		c->cfd = fd;
		c->mfd = sv[0];
		framing_init(&c->fr, fr->cfg.body_max);
		c->read_at_len = (size_t)-1;
		struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT |
		                                   EPOLLRDHUP | EPOLLET};
		ev.data.u64 = (uintptr_t)c;
		int bad = epoll_ctl(fr->ep, EPOLL_CTL_ADD, fd, &ev) != 0;
		/* The server side without EPOLLOUT until it is full
		 * (server_write): a fresh socketpair has room. */
		ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
		ev.data.u64 = (uintptr_t)c | TAG_SERVER;
		c->m_write = 1;
		bad = bad || epoll_ctl(fr->ep, EPOLL_CTL_ADD, sv[0], &ev) != 0;
		/* The library closes sv[1] itself if it refuses (its limits):
		 * the client then sees its connection closed. */
		if (bad || fr->cfg.hand_over(fr->cfg.arg, sv[1],
		                             (struct sockaddr *)&ss, sl) != 0) {
			conn_free(fr, c);
			continue;
		}
	}
}

static void
expire(struct front *fr, struct timer_list *t, int64_t now)
{
	while (t->first && t->first->deadline <= now)
		conn_free(fr, t->first);
}

static int
wait_ms(struct front *fr, int64_t now)
{
	int64_t next = -1;
	if (fr->heads.first)
		next = fr->heads.first->deadline;
	if (fr->lingers.first &&
	    (next < 0 || fr->lingers.first->deadline < next))
		next = fr->lingers.first->deadline;
	if (fr->accept_paused && (next < 0 || fr->accept_paused < next))
		next = fr->accept_paused;
	if (atomic_load(&fr->quit) && (next < 0 || now + 100 < next))
		next = now + 100;
	if (next < 0)
		return -1;
	return next <= now ? 0 : (int)(next - now);
}

static void *
run(void *arg)
{
	struct front *fr = arg;
	struct epoll_event evs[256];
	int64_t quit_at = -1;
	for (;;) {
		int64_t now = now_ms();
		if (atomic_load(&fr->quit)) {
			if (quit_at < 0)
				quit_at = now;
			if (fr->conns == 0 || now - quit_at > DRAIN_MS)
				break;
		}
		int n = epoll_wait(fr->ep, evs, 256, wait_ms(fr, now));
		for (int i = 0; i < n; i++) {
			uint64_t tag = evs[i].data.u64;
			if (tag == 0) {
				uint64_t v;
				if (read(fr->efd, &v, sizeof(v)) < 0)
					v = 0;
				if (atomic_load(&fr->stop_accepting) &&
				    fr->lfd >= 0) {
					close(fr->lfd);
					fr->lfd = -1;
				}
				continue;
			}
			if (tag == 1) {
				accept_all(fr);
				continue;
			}
			struct conn *c =
			    (struct conn *)(uintptr_t)(tag & ~TAG_SERVER);
			uint32_t e = evs[i].events;
			int any = EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR;
			int end = EPOLLRDHUP | EPOLLHUP | EPOLLERR;
			int out = EPOLLOUT | EPOLLHUP | EPOLLERR;
			if (c->dead)
				continue;
			if (tag & TAG_SERVER) {
				if (c->mfd < 0)
					continue; /* an event from before */
				c->m_read |= !!(e & any);
				c->m_hup |= !!(e & end);
				c->m_write |= !!(e & out);
			} else {
				c->c_read |= !!(e & any);
				c->c_hup |= !!(e & end);
				c->c_write |= !!(e & out);
			}
			pump(fr, c);
		}
		now = now_ms();
		if (fr->accept_paused && now >= fr->accept_paused) {
			fr->accept_paused = 0;
			struct epoll_event lev = {.events = EPOLLIN};
			lev.data.u64 = 1;
			if (fr->lfd >= 0)
				epoll_ctl(fr->ep, EPOLL_CTL_ADD, fr->lfd, &lev);
		}
		expire(fr, &fr->heads, now);
		expire(fr, &fr->lingers, now);
		free_dead(fr);
	}
	while (fr->all)
		conn_free(fr, fr->all);
	free_dead(fr);
	return NULL;
}

static int
listen_on(struct front *fr, struct err *e)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	socklen_t sl;
	const char *host = fr->cfg.host;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)fr->cfg.port);
		sl = sizeof(*v4);
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)fr->cfg.port);
		sl = sizeof(*v6);
	} else {
		return err_set(e, SPIRE_EINVAL, "listen",
		               "listen host must be an IP address, got %s",
		               host);
	}
	fr->lfd =
	    socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fr->lfd < 0 ||
	    setsockopt(fr->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fr->lfd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(fr->lfd, 1024) != 0)
		return err_set(e, SPIRE_EIO, "listen", "cannot listen on %s:%d",
		               host, fr->cfg.port);
	sl = sizeof(ss);
	if (getsockname(fr->lfd, (struct sockaddr *)&ss, &sl) != 0)
		return err_set(e, SPIRE_EIO, "listen", "cannot listen on %s",
		               host);
	fr->port =
	    ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
	return 0;
}

int
front_start(const struct front_config *cfg, struct front **out, struct err *e)
{
	*out = NULL;
	struct front *fr = calloc(1, sizeof(*fr));
	if (!fr)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	fr->cfg = *cfg;
	fr->lfd = fr->efd = fr->ep = -1;
	/* Three descriptors per connection (the client's and both ends of
	 * its socketpair): take all the descriptors the system allows. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int rc = listen_on(fr, e);
	if (rc != 0)
		goto fail;
	fr->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	fr->ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN};
	ev.data.u64 = 0;
	int bad = fr->efd < 0 || fr->ep < 0 ||
	          epoll_ctl(fr->ep, EPOLL_CTL_ADD, fr->efd, &ev) != 0;
	ev.data.u64 = 1;
	bad = bad || epoll_ctl(fr->ep, EPOLL_CTL_ADD, fr->lfd, &ev) != 0;
	if (bad || pthread_create(&fr->thread, NULL, run, fr) != 0) {
		rc = err_set(e, SPIRE_EIO, "listen", "cannot start the front");
		goto fail;
	}
	fr->started = 1;
	*out = fr;
	return 0;
fail:
	if (fr->lfd >= 0)
		close(fr->lfd);
	if (fr->efd >= 0)
		close(fr->efd);
	if (fr->ep >= 0)
		close(fr->ep);
	free(fr);
	return rc;
}

int
front_port(struct front *fr)
{
	return fr->port;
}

static void
wake(struct front *fr)
{
	uint64_t one = 1;
	if (write(fr->efd, &one, sizeof(one)) < 0)
		return; /* the counter is full: a wake-up is pending anyway */
}

void
front_stop_accepting(struct front *fr)
{
	if (!fr)
		return;
	atomic_store(&fr->stop_accepting, 1);
	wake(fr);
}

void
front_free(struct front *fr)
{
	if (!fr)
		return;
	atomic_store(&fr->stop_accepting, 1);
	atomic_store(&fr->quit, 1);
	wake(fr);
	if (fr->started)
		pthread_join(fr->thread, NULL);
	if (fr->lfd >= 0)
		close(fr->lfd);
	close(fr->efd);
	close(fr->ep);
	free(fr);
}
