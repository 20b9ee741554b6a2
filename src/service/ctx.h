/*
 * ctx.h - the per-request context every service function receives: who is
 * asking, from where, the request's arena, a lazily borrowed reader
 * connection and the audit rows the request has accumulated.
 */
#ifndef SPIRE_CTX_H
#define SPIRE_CTX_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "service/server.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/writer.h"

/* The signed-in user, as loaded from their session. Arena-owned. */
struct user {
	int64_t id;
	const char *username;
	const char *full_name;
	unsigned role; /* one ROLE_* bit */
	const char *role_name;
	int64_t team_id;    /* 0 when none */
	int64_t service_id; /* the team's service; 0 when none */
	int64_t person_id;  /* parent accounts: their own person record */
	const char *csrf_token;
	const unsigned char *token_hash; /* 32 bytes */
};

/* Characters of a break-glass reason the audit trail keeps, at most. */
#define CTX_REASON_KEPT 500

struct ctx {
	struct server *srv;
	struct arena *arena;
	const struct user *user; /* NULL before sign-in */
	const char *ip;
	const char *break_glass_reason; /* from X-Break-Glass-Reason */
	int break_glass;                /* set when policy used it */
	/* The first record break glass opened (policy_record): what the
	 * trail names when the answer showed nothing else to audit. */
	const char *glass_type;
	int64_t glass_id, glass_person;
	struct db *rdb; /* borrowed reader, or NULL */
	/* The store's change generation, read as rdb was borrowed and
	 * before its snapshot opened (ctx_generation); gen_ok 0: none. */
	struct db_generation gen;
	int gen_ok;
	struct db *repl; /* borrowed replica reader (ctx_report_db), or NULL */
	int wrote;       /* the request submitted a write: primary only */
	int no_replica;  /* the replica was passed over: primary only */
	struct audit_entry *audit_head, *audit_tail;
	/* Rows this request already committed, oldest first (arena-owned):
	 * so that what it shows is not audited twice. */
	struct audit_entry *written_head, *written_tail;
	int denial_audited; /* a "denied" row was queued for this request */
};

/* Set up ctx for one request. */
void ctx_init(struct ctx *ctx, struct server *srv, struct arena *arena,
              const char *ip);

/* The request's reader connection, borrowed from the pool on first use. */
struct db *ctx_db(struct ctx *ctx);

/*
 * The change generation (store/db.h) read when the request's reader was
 * borrowed, before any of its statements ran: what an answer read through
 * ctx_db(ctx) is cached under (service/gencache.h). Borrows the reader if
 * the request has none yet. NULL when the store keeps no generation
 * (PostgreSQL) or it could not be read: cache nothing then.
 */
const struct db_generation *ctx_generation(struct ctx *ctx);

/*
 * The connection for a read that may be a moment behind the primary: a
 * measure, the board pack, a list (docs/operations.md "A read replica").
 * A replica reader when one is configured, answers, and holds the user's
 * latest write (struct server's wrote_at), and the request has written
 * nothing; otherwise ctx_db(ctx), and ctx_db for the rest of the request.
 * Never use it for an access check or for a record about to be changed:
 * those read the primary (ctx_db).
 */
struct db *ctx_report_db(struct ctx *ctx);

/*
 * After a read on db (from ctx_report_db) gave rc: 1 when it should be
 * read again from the primary, since db is the replica and rc may be the
 * replica's doing (replica_failure); the replica reader is then given back
 * (as lost for SPIRE_EIO) and later calls give ctx_db. 0 otherwise. A
 * caller that read again must drop what the failed read produced,
 * audit rows included (ctx_audit_rewind).
 */
int ctx_report_failed(struct ctx *ctx, struct db *db, int rc);

/* Return the reader connections (if any). Call once at the end. */
void ctx_release(struct ctx *ctx);

/*
 * Queue an audit row about record (type, id) concerning person_id; it is
 * written with the request's next commit or ctx_flush(). Action "denied"
 * marks the request's refusal as audited (ctx->denial_audited), so the
 * router does not add its own. Returns the entry
 * (arena-owned) so a writer job can fill in a new record's id, or NULL when
 * out of memory.
 */
struct audit_entry *ctx_audit(struct ctx *ctx, const char *action,
                              const char *type, int64_t id, int64_t person_id);

/* Drop the audit rows queued after mark (ctx->audit_tail when taken;
 * NULL: every queued row), for a read that is started again. */
void ctx_audit_rewind(struct ctx *ctx, struct audit_entry *mark);

/*
 * Run fn(arg) on the writer inside a transaction together with every queued
 * audit row; returns when durable. The queue is emptied either way. With
 * fn, the request reads only the primary afterwards and, with a replica,
 * the user's wrote_at is moved to the primary's position after the write.
 */
int ctx_commit(struct ctx *ctx, write_fn fn, void *arg, struct err *e);

/*
 * At the end of a request that broke glass but queued and wrote no
 * break-glass row (an empty list of a person's records), queue one,
 * action "break_glass", about the record it opened: every use of break
 * glass is in the trail. 0, or SPIRE_ENOMEM.
 */
int ctx_audit_glass(struct ctx *ctx);

/*
 * Write the queued audit rows (reads) durably; no-op when none. The
 * response must not be sent if this fails.
 */
int ctx_flush(struct ctx *ctx, struct err *e);

/* 1 when the user holds any of the role bits. */
int ctx_has_role(const struct ctx *ctx, unsigned roles);

#endif
