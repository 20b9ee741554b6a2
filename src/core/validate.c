/*
 * validate.c - value checks: dates, UK identifiers and their check digits,
 * postcodes, contact details, text.
 */
#include "core/validate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int
date_part(const char *s)
{
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return 0;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || y > 2100 || m < 1 || m > 12)
		return 0;
	return d >= 1 && d <= days_in_month(y, m);
}

int
valid_date(const char *s)
{
	return s && strlen(s) == 10 && date_part(s);
}

/* The year of s when s is a real date (YYYY-MM-DD) but for its year being
 * outside valid_date's 1900-2100, else 0 (validate.h). */
int
valid_date_year_outside(const char *s)
{
	char t[11];
	if (strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	        (s[3] - '0');
	if (y >= 1900 && y <= 2100)
		return 0;
	/* The same day and month in a leap year inside the range (2096)
	 * tells whether they are real; 29 February needs y to be leap. */
	snprintf(t, sizeof(t), "2096%s", s + 4);
	if (!valid_date(t))
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (strcmp(s + 4, "-02-29") == 0 && !leap)
		return 0;
	return y;
}

int
valid_datetime(const char *s)
{
	if (!s || strlen(s) < 16 || !date_part(s) || s[10] != 'T')
		return 0;
	const char *p = s + 11;
	if (!digits(p, 2) || p[2] != ':' || !digits(p + 3, 2))
		return 0;
	if (num(p, 2) > 23 || num(p + 3, 2) > 59)
		return 0;
	p += 5;
	if (*p == ':') {
		if (!digits(p + 1, 2) || num(p + 1, 2) > 59)
			return 0;
		p += 3;
		if (*p == '.') {
			p++;
			int n = 0;
			while (isdigit((unsigned char)*p) && n < 9) {
				p++;
				n++;
			}
			if (n == 0)
				return 0;
		}
	}
	if (*p == '\0' || (p[0] == 'Z' && p[1] == '\0'))
		return 1;
	if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' &&
	    digits(p + 4, 2) && p[6] == '\0')
		return 1;
	return 0;
}

int
norm_identifier(const char *s, char *out, size_t outlen)
{
	size_t n = 0;
	if (outlen == 0)
		return -1;
	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '\t')
			continue;
		if (n + 1 >= outlen)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return 0;
}

int
norm_nhs_number(const char *s, char *out, size_t outlen)
{
	return norm_identifier(s, out, outlen);
}

int
valid_nhs_number(const char *s)
{
	char d[16];
	if (!s || norm_nhs_number(s, d, sizeof(d)) != 0 || strlen(d) != 10 ||
	    !digits(d, 10))
		return 0;
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (10 - i);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10)
		return 0;
	return check == d[9] - '0';
}

/* The DfE's check-letter alphabet: 23 letters, no I, O or S. */
static const char UPN_LETTERS[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int
upn_letter_value(char c)
{
	const char *p = strchr(UPN_LETTERS, c);
	return c && p ? (int)(p - UPN_LETTERS) : -1;
}

int
valid_upn(const char *s)
{
	char u[16];
	if (!s || norm_identifier(s, u, sizeof(u)) != 0 || strlen(u) != 13)
		return 0;
	if (upn_letter_value(u[0]) < 0 || !digits(u + 1, 11))
		return 0;
	int last;
	if (isdigit((unsigned char)u[12]))
		last = u[12] - '0';
	else if ((last = upn_letter_value(u[12])) < 0)
		return 0;
	int sum = 0;
	for (int i = 1; i < 12; i++)
		sum += (u[i] - '0') * (i + 1);
	sum += last * 13;
	return UPN_LETTERS[sum % 23] == u[0];
}

/* PNC/CRO check character alphabet, indexed by value mod 23. */
static const char PNC_LETTERS[] = "ZABCDEFGHJKLMNPQRTUVWXY";

int
valid_pnc_id(const char *s)
{
	char c[24];
	if (!s || norm_identifier(s, c, sizeof(c)) != 0)
		return 0;
	const char *slash = strchr(c, '/');
	if (!slash)
		return 0;
	size_t ylen = (size_t)(slash - c);
	if ((ylen != 2 && ylen != 4) || !digits(c, (int)ylen))
		return 0;
	const char *serial = slash + 1;
	size_t slen = strlen(serial);
	if (slen < 2 || slen > 8)
		return 0;
	size_t ndig = slen - 1;
	if (!digits(serial, (int)ndig))
		return 0;
	char check = serial[ndig];
	if (!isalpha((unsigned char)check))
		return 0;
	long long v = num(c + ylen - 2, 2);
	for (size_t i = 0; i < ndig; i++)
		v = v * 10 + (serial[i] - '0');
	return PNC_LETTERS[v % 23] == check;
}

int
norm_pnc_id(const char *s, char *out, size_t outlen)
{
	char c[24];
	if (norm_identifier(s, c, sizeof(c)) != 0)
		return -1;
	const char *slash = strchr(c, '/');
	if (!slash || slash - c < 2 || !digits(slash - 2, 2))
		return norm_identifier(s, out, outlen);
	/* The check character covers only the year's last two digits:
	 * 2001/123456M and 01/123456M are the same id. */
	int n = snprintf(out, outlen, "%.2s/%s", slash - 2, slash + 1);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

int
norm_upper(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s);
	if (n + 1 > outlen)
		return -1;
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	return 0;
}

int
norm_postcode(const char *s, char *out, size_t outlen)
{
	char c[16];
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (n + 1 >= sizeof(c))
			return -1;
		c[n++] = (char)toupper((unsigned char)*s);
	}
	c[n] = '\0';
	if (n < 5 || n > 7 || n + 2 > outlen)
		return -1;
	snprintf(out, outlen, "%.*s %s", (int)(n - 3), c, c + n - 3);
	return 0;
}

int
valid_postcode(const char *s)
{
	char p[16];
	if (!s || norm_postcode(s, p, sizeof(p)) != 0)
		return 0;
	const char *sp = strchr(p, ' ');
	size_t out = (size_t)(sp - p);
	const char *in = sp + 1;
	/* Inward: digit letter letter. */
	if (!isdigit((unsigned char)in[0]) || !isalpha((unsigned char)in[1]) ||
	    !isalpha((unsigned char)in[2]))
		return 0;
	/* Outward: A9, A99, AA9, AA99, A9A, AA9A. */
	if (!isalpha((unsigned char)p[0]))
		return 0;
	size_t i = isalpha((unsigned char)p[1]) ? 2 : 1;
	if (i >= out || !isdigit((unsigned char)p[i]))
		return 0;
	i++;
	if (i < out &&
	    (isdigit((unsigned char)p[i]) || isalpha((unsigned char)p[i])))
		i++;
	return i == out;
}

int
valid_email(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n < 3 || n > 254)
		return 0;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return 0;
	return 1;
}

int
valid_phone(const char *s)
{
	if (!s)
		return 0;
	int nd = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			nd++;
		else if (!strchr(" +()-", *p))
			return 0;
	}
	return nd >= 7 && nd <= 15;
}

/*
 * Decode the UTF-8 sequence at p into *cp; the sequence's length, or 0
 * when it is not well-formed (overlong, surrogate, beyond U+10FFFF).
 */
static int
utf8_next(const unsigned char *p, unsigned *cp)
{
	unsigned c = *p;
	int len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2;
		*cp = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		*cp = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		*cp = c & 0x07;
	} else {
		return 0;
	}
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 2 && *cp < 0x80) || (len == 3 && *cp < 0x800) ||
	    (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * 1 when cp is a control character: C0, DEL and C1, the line and
 * paragraph separators, and the invisible direction controls that can
 * make a name display as something else.
 */
static int
is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * 1 when cp may not appear in a one-line name: every Unicode format
 * character (general category Cf: zero-width spaces and joiners, U+2060,
 * the byte order mark, soft hyphen) and the no-break spaces, which look
 * like a space but make "Mary Ann" a different name from "Mary Ann".
 * No-break spaces are refused, not changed, so what is stored is what
 * was typed.
 */
static int
is_hidden_in_line(unsigned cp)
{
	if (cp == 0xa0 || cp == 0x2007 || cp == 0x202f)
		return 1;
	return cp >= 0x80 &&
	       utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CF;
}

/* Whether the 8 bytes of w are all printable ASCII (0x20 to 0x7e): no
 * byte below 0x20 and none above 0x7e, tested together ("Bit Twiddling
 * Hacks", haslessthan and hasmore). */
static int
printable8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	uint64_t below = (w - ones * 0x20) & ~w & highs;
	uint64_t above = ((w + ones * (127 - 0x7e)) | w) & highs;
	return (below | above) == 0;
}

int
text_problem(const char *s, size_t max_chars, int single_line)
{
	size_t chars = 0;
	int too_long = 0;
	const unsigned char *p = (const unsigned char *)s;
	/* Runs of printable ASCII eight bytes at a time, inside the text's
	 * length (never reading past its NUL). */
	const unsigned char *end = p + strlen(s);
	while (*p) {
		while (end - p >= 8) {
			uint64_t w;
			memcpy(&w, p, 8);
			if (!printable8(w))
				break;
			p += 8;
			chars += 8;
		}
		if (chars > max_chars)
			too_long = 1;
		if (!*p)
			break;
		/* Printable ASCII, most of what is typed, needs no decoding
		 * and is never a control or hidden character. */
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			if (++chars > max_chars)
				too_long = 1;
			continue;
		}
		unsigned cp;
		int len = utf8_next(p, &cp);
		if (!len)
			return TEXT_BAD_CHARS;
		int layout = cp == '\t' || cp == '\n' || cp == '\r';
		if (is_control(cp) && (single_line || !layout))
			return TEXT_BAD_CHARS;
		if (single_line && is_hidden_in_line(cp))
			return TEXT_BAD_CHARS;
		p += len;
		if (++chars > max_chars)
			too_long = 1;
	}
	return too_long ? TEXT_TOO_LONG : 0;
}

char *
text_readable(const char *s, size_t max_chars, int keep_layout)
{
	/* Each character becomes at most 4 bytes, plus "..." and the NUL. */
	size_t len = strlen(s);
	size_t cap = (len < max_chars ? len : max_chars) * 4 + 4;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t o = 0, chars = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (chars == max_chars) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		unsigned cp = 0;
		int n = utf8_next(p, &cp);
		int layout = cp == '\t' || cp == '\n' || cp == '\r';
		if (n > 0 && (!is_control(cp) || (keep_layout && layout))) {
			memcpy(out + o, p, (size_t)n);
			o += (size_t)n;
			p += n;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3); /* U+FFFD */
			o += 3;
			p += n > 0 ? n : 1;
		}
		chars++;
	}
	out[o] = '\0';
	return out;
}

int
valid_text(const char *s, size_t max_chars)
{
	return text_problem(s, max_chars, 0) == 0;
}

int
valid_name(const char *s, size_t max_chars)
{
	if (!s || text_problem(s, max_chars, 1) != 0)
		return 0;
	while (*s == ' ')
		s++;
	return *s != '\0';
}

int
trim_spaces(const char *s, size_t *off, size_t *len)
{
	size_t n = strlen(s), a = 0;
	while (a < n && s[a] == ' ')
		a++;
	while (n > a && s[n - 1] == ' ')
		n--;
	*off = a;
	*len = n - a;
	return s[a + *len] != '\0' || a != 0;
}

int
age_on(const char *dob, const char *on)
{
	if (!valid_date(dob) || !valid_date(on))
		return -1;
	int age = num(on, 4) - num(dob, 4);
	if (strcmp(on + 5, dob + 5) < 0)
		age--;
	return age < 0 ? -1 : age;
}
