/*
 * clock.c - current time, its ISO 8601 formatting, and the UK civil date.
 *
 * Instants are stored as UTC text. The dates people see and the rules
 * about them ("not in the future", overdue, due, age) use the civil date
 * in Europe/London, from the tz database: clock_init() sets the process's
 * zone once, before any thread starts, and localtime_r() reads it.
 */
#include "core/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CLOCK_ZONE "Europe/London"

static pthread_once_t zone_once = PTHREAD_ONCE_INIT;

static void
set_zone(void)
{
	setenv("TZ", CLOCK_ZONE, 1);
	tzset();
	/* Without the tz database the zone silently becomes UTC: say so. */
	time_t july = 1782864000; /* 2026-07-01T00:00:00Z, in BST */
	struct tm tm;
	if (!localtime_r(&july, &tm) || tm.tm_gmtoff != 3600)
		fprintf(stderr,
		        "spire: the tz database has no %s; dates will "
		        "be UTC (install tzdata)\n",
		        CLOCK_ZONE);
}

void
clock_init(void)
{
	pthread_once(&zone_once, set_zone);
}

int64_t
clock_now(void)
{
	return (int64_t)time(NULL);
}

int64_t
clock_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_iso(int64_t ms, char buf[CLOCK_ISO_LEN])
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&s, &tm);
	snprintf(buf, CLOCK_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	         tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

void
clock_uk_date(int64_t secs, char buf[CLOCK_ISO_LEN])
{
	clock_init();
	time_t s = (time_t)secs;
	struct tm tm;
	if (!localtime_r(&s, &tm))
		gmtime_r(&s, &tm);
	snprintf(buf, CLOCK_ISO_LEN, "%04d-%02d-%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday);
}

void
clock_today(char buf[CLOCK_ISO_LEN])
{
	clock_uk_date(clock_now(), buf);
}
