/*
 * clock.h - wall-clock time as Spire stores it (ISO 8601 UTC text) and the
 * UK civil date (Europe/London) that every date rule uses.
 */
#ifndef SPIRE_CLOCK_H
#define SPIRE_CLOCK_H

#include <stdint.h>

#define CLOCK_ISO_LEN 64 /* "2026-11-23T10:00:00.123Z" + NUL, with room */

/* Seconds since the epoch. */
int64_t clock_now(void);

/* Milliseconds since the epoch. */
int64_t clock_now_ms(void);

/* Format ms since the epoch into buf (CLOCK_ISO_LEN bytes). */
void clock_iso(int64_t ms, char buf[CLOCK_ISO_LEN]);

/*
 * Set the process's time zone to Europe/London from the tz database, once.
 * main() calls it before any thread starts (it sets TZ); the date
 * functions below call it too, for programs that do not.
 */
void clock_init(void);

/* The UK civil date (Europe/London) at secs since the epoch, as
 * "YYYY-MM-DD" into buf. */
void clock_uk_date(int64_t secs, char buf[CLOCK_ISO_LEN]);

/*
 * Today's UK civil date (Europe/London) as "YYYY-MM-DD" into buf: what
 * "today", "in the future", "overdue" and "age" mean everywhere in Spire.
 * At 23:30 UTC in summer it is already tomorrow.
 */
void clock_today(char buf[CLOCK_ISO_LEN]);

#endif
