/*
 * clock.h - wall-clock time as Spire stores it: ISO 8601 UTC text.
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

/* Today's date (UTC) as "YYYY-MM-DD" into buf. */
void clock_today(char buf[CLOCK_ISO_LEN]);

#endif
