/*
 * ctx.c - per-request context: reader borrowing and audit queueing.
 */
#include "service/ctx.h"

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
		/* One snapshot for the request's reads. Should BEGIN fail, each
		 * statement still runs in its own transaction. */
		struct err e;
		err_clear(&e);
		db_begin_read(ctx->rdb, &e);
	}
	return ctx->rdb;
}

void
ctx_release(struct ctx *ctx)
{
	if (ctx->rdb) {
		db_end_read(ctx->rdb);
		pool_release(ctx->srv->readers, ctx->rdb);
		ctx->rdb = NULL;
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
	int rc = writer_submit(ctx->srv->writer, &job, e);
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
