/*
 * clock.c - current time and its ISO 8601 formatting.
 */
#include "core/clock.h"

#include <stdio.h>
#include <time.h>

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
clock_today(char buf[CLOCK_ISO_LEN])
{
	time_t s = time(NULL);
	struct tm tm;
	gmtime_r(&s, &tm);
	snprintf(buf, CLOCK_ISO_LEN, "%04d-%02d-%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday);
}
