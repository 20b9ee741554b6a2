/*
 * throttle.h - counts failed sign-ins per account and per address in a
 * sliding window, in memory. A restart forgets the counts; the audit trail
 * keeps every failure.
 */
#ifndef SPIRE_THROTTLE_H
#define SPIRE_THROTTLE_H

#include <stdint.h>

struct throttle;

/* At most max failures per key per window_s seconds. NULL when OOM. */
struct throttle *throttle_new(int max, int window_s);
void throttle_free(struct throttle *t);

/* 1 when key has reached the limit at time now. */
int throttle_blocked(struct throttle *t, const char *key, int64_t now);

/* Count one failure for key at now. */
void throttle_fail(struct throttle *t, const char *key, int64_t now);

/* Forget key (after a successful sign-in). */
void throttle_clear(struct throttle *t, const char *key);

#endif
