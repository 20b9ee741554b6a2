/*
 * fuzz_date.c - libFuzzer target for the date parsers: date_parse() and
 * date_parse_ymd() (src/core/date.c), valid_date(), valid_datetime() and
 * age_on() (src/core/validate.c).
 *
 * Besides sanitizer findings: a parsed date survives the round trip
 * through its day number and back to text; a date valid_date() accepts is
 * one date_parse() reads, and is written back exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/validate.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return 0;
	char s[257];
	memcpy(s, data, size);
	s[size] = '\0';
	int y, m, d;
	int64_t days;
	if (date_parse_ymd(s, &y, &m, &d) == 0) {
		int y2, m2, d2;
		date_ymd(date_days(y, m, d), &y2, &m2, &d2);
		if (y != y2 || m != m2 || d != d2)
			abort();
		if (date_parse(s, &days) != 0 || days != date_days(y, m, d))
			abort();
	}
	if (valid_date(s)) {
		char text[DATE_TEXT_LEN];
		if (date_parse(s, &days) != 0)
			abort();
		date_text(days, text);
		if (strcmp(text, s) != 0)
			abort();
	}
	valid_datetime(s);
	/* Split the input in two for age_on(date_of_birth, on). */
	char *bar = strchr(s, '|');
	if (bar) {
		*bar = '\0';
		age_on(s, bar + 1);
	}
	return 0;
}
