/*
 * throttle.h - limits on sign-in attempts, in memory: a restart forgets the
 * counts; the audit trail keeps every failure.
 *
 * struct throttle counts attempts per string key (a client address, or a
 * username no account has) in a fixed table. When the table is full the
 * oldest window is evicted, which only ever loosens the limit for such a
 * key, so it must never hold the lock of a real account.
 *
 * struct lockout counts attempts per account (the user's id) in a table
 * that grows and never evicts: only existing accounts enter it, so failures
 * for made-up usernames cannot push an account's count out.
 *
 * Both count an attempt BEFORE the password is checked, in one step under
 * a lock (throttle_take, lockout_take), so that simultaneous attempts
 * cannot all pass the check before any of them is counted.
 */
#ifndef SPIRE_THROTTLE_H
#define SPIRE_THROTTLE_H

#include <stdint.h>

struct throttle;

/* At most max attempts per key per window_s seconds. NULL when OOM. */
struct throttle *throttle_new(int max, int window_s);
void throttle_free(struct throttle *t);

/*
 * Count one attempt for key at now, unless key has already reached the
 * limit: returns 0 when the attempt may go ahead (and is counted), 1 when
 * it is refused (and not counted).
 */
int throttle_take(struct throttle *t, const char *key, int64_t now);

/* Give back one attempt taken for key (the attempt succeeded). */
void throttle_release(struct throttle *t, const char *key);

/* Forget key. */
void throttle_clear(struct throttle *t, const char *key);

struct lockout;

/* At most max attempts per account per window_s seconds. NULL when OOM. */
struct lockout *lockout_new(int max, int window_s);
void lockout_free(struct lockout *l);

/*
 * As throttle_take, for the account user_id: 0 when the attempt may go
 * ahead (and is counted), 1 when the account is locked. Also 1 when the
 * account cannot be tracked for lack of memory (fail closed).
 */
int lockout_take(struct lockout *l, int64_t user_id, int64_t now);

/* Forget the account's attempts (after a successful sign-in). */
void lockout_clear(struct lockout *l, int64_t user_id);

#endif
