/*
 * ctx.c - per-request context: reader borrowing and audit queueing.
 */
#include "service/ctx.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

void
ctx_init(struct ctx *ctx, struct server *srv, struct arena *arena,
         const char *ip)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->srv = srv;
	ctx->arena = arena;
	ctx->ip = ip;
}

struct db *
ctx_db(struct ctx *ctx)
{
	if (!ctx->rdb) {
		ctx->rdb = pool_acquire(ctx->srv->readers);
		/* The generation first: the snapshot opens at the first
		 * statement, so what the request reads is at least as new
		 * as this (gencache.h). */
		ctx->gen_ok = db_generation(ctx->rdb, &ctx->gen);
		/* One snapshot for the request's reads. Should BEGIN fail, each
		 * statement still runs in its own transaction. */
		struct err e;
		err_clear(&e);
		db_begin_read(ctx->rdb, &e);
	}
	return ctx->rdb;
}

const struct db_generation *
ctx_generation(struct ctx *ctx)
{
	ctx_db(ctx);
	return ctx->gen_ok ? &ctx->gen : NULL;
}

/* The slot of struct server's wrote_at for ctx's user; -1 for none. */
static int
write_slot(const struct ctx *ctx)
{
	if (!ctx->user || ctx->user->id <= 0)
		return -1;
	return (int)(ctx->user->id % SERVER_WRITE_SLOTS);
}

struct db *
ctx_report_db(struct ctx *ctx)
{
	if (ctx->repl)
		return ctx->repl;
	struct server *srv = ctx->srv;
	if (!srv || !srv->replica || ctx->wrote || ctx->no_replica)
		return ctx_db(ctx);
	int slot = write_slot(ctx);
	uint64_t after = slot >= 0 ? atomic_load(&srv->wrote_at[slot]) : 0;
	ctx->repl = replica_acquire(srv->replica, after);
	if (!ctx->repl) {
		ctx->no_replica = 1;
		return ctx_db(ctx);
	}
	return ctx->repl;
}

int
ctx_report_failed(struct ctx *ctx, struct db *db, int rc)
{
	if (!rc || !db || db != ctx->repl || !replica_failure(rc))
		return 0;
	replica_release(ctx->srv->replica, ctx->repl, rc == SPIRE_EIO);
	ctx->repl = NULL;
	ctx->no_replica = 1;
	return 1;
}

/* After ctx's user's write has committed: their reads from the replica
 * wait for it (struct server's wrote_at). */
static void
note_write(struct ctx *ctx)
{
	struct server *srv = ctx->srv;
	int slot = write_slot(ctx);
	if (!srv || !srv->replica || slot < 0)
		return;
	uint64_t pos = replica_primary_position(ctx_db(ctx));
	if (pos == 0) {
		/* Unknown: this user reads the primary from now on. */
		pos = UINT64_MAX;
	}
	uint64_t old = atomic_load(&srv->wrote_at[slot]);
	while (old < pos &&
	       !atomic_compare_exchange_weak(&srv->wrote_at[slot], &old, pos))
		;
}

void
ctx_release(struct ctx *ctx)
{
	if (ctx->repl) {
		replica_release(ctx->srv->replica, ctx->repl, 0);
		ctx->repl = NULL;
	}
	if (ctx->rdb) {
		db_end_read(ctx->rdb);
		pool_release(ctx->srv->readers, ctx->rdb);
		ctx->rdb = NULL;
		ctx->gen_ok = 0;
	}
}

/*
 * The break-glass reason as the trail keeps it: as sent when it is valid
 * text of at most CTX_REASON_KEPT characters; otherwise a readable copy
 * (bytes that are not UTF-8 and control characters shown as U+FFFD, the
 * rest after CTX_REASON_KEPT characters cut), so that one header can
 * neither poison the trail's readers nor fill it.
 */
static const char *
kept_reason(struct ctx *ctx)
{
	const char *r = ctx->break_glass_reason;
	if (!r || valid_text(r, CTX_REASON_KEPT))
		return r;
	char *copy = text_readable(r, CTX_REASON_KEPT, 1);
	const char *kept = copy ? arena_strdup(ctx->arena, copy) : NULL;
	free(copy);
	return kept ? kept : "(the reason given could not be kept)";
}

struct audit_entry *
ctx_audit(struct ctx *ctx, const char *action, const char *type, int64_t id,
          int64_t person_id)
{
	struct audit_entry *a = arena_calloc(ctx->arena, 1, sizeof(*a));
	if (!a)
		return NULL;
	if (ctx->user) {
		a->user_id = ctx->user->id;
		a->username = ctx->user->username;
	}
	a->action = action;
	if (strcmp(action, "denied") == 0)
		ctx->denial_audited = 1;
	a->record_type = type;
	a->record_id = id;
	a->person_id = person_id;
	a->ip = ctx->ip;
	if (ctx->break_glass) {
		a->break_glass = 1;
		a->reason = kept_reason(ctx);
	} else if (a->action && strcmp(action, "denied") == 0) {
		/* A refusal keeps the break-glass reason that was given in
		 * vain (a write, a victim, too short), with break_glass 0. */
		a->reason = kept_reason(ctx);
	}
	if (ctx->audit_tail)
		ctx->audit_tail->next = a;
	else
		ctx->audit_head = a;
	ctx->audit_tail = a;
	return a;
}

void
ctx_audit_rewind(struct ctx *ctx, struct audit_entry *mark)
{
	if (mark) {
		mark->next = NULL;
		ctx->audit_tail = mark;
	} else {
		ctx->audit_head = ctx->audit_tail = NULL;
	}
}

int
ctx_commit(struct ctx *ctx, write_fn fn, void *arg, struct err *e)
{
	struct write_job job;
	memset(&job, 0, sizeof(job));
	job.fn = fn;
	job.arg = arg;
	struct audit_entry *head = ctx->audit_head, *tail = ctx->audit_tail;
	job.audit = head;
	ctx->audit_head = ctx->audit_tail = NULL;
	/* Release the reader first: the writer may wait on a checkpoint. */
	ctx_release(ctx);
	if (fn)
		ctx->wrote = 1;
	int rc = writer_submit(ctx->srv->writer, &job, e);
	if (fn && rc == 0)
		note_write(ctx);
	if (rc == 0 && head) {
		if (ctx->written_tail)
			ctx->written_tail->next = head;
		else
			ctx->written_head = head;
		/* The write may have added rows after the last one queued
		 * (records_job_audit). */
		while (tail->next)
			tail = tail->next;
		ctx->written_tail = tail;
	}
	return rc;
}

/* Has the request a break-glass row, queued or written? */
static int
glass_audited(const struct ctx *ctx)
{
	for (const struct audit_entry *a = ctx->audit_head; a; a = a->next)
		if (a->break_glass)
			return 1;
	for (const struct audit_entry *a = ctx->written_head; a; a = a->next)
		if (a->break_glass)
			return 1;
	return 0;
}

int
ctx_audit_glass(struct ctx *ctx)
{
	if (!ctx->break_glass || glass_audited(ctx))
		return 0;
	return ctx_audit(ctx, "break_glass", ctx->glass_type, ctx->glass_id,
	                 ctx->glass_person)
	           ? 0
	           : SPIRE_ENOMEM;
}

int
ctx_flush(struct ctx *ctx, struct err *e)
{
	if (!ctx->audit_head)
		return 0;
	return ctx_commit(ctx, NULL, NULL, e);
}

int
ctx_has_role(const struct ctx *ctx, unsigned roles)
{
	return ctx->user && (ctx->user->role & roles) != 0;
}
