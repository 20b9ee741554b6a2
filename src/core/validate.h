/*
 * validate.h - checks and normalisers for the values Spire accepts.
 *
 * Pure functions, no allocation: each returns 1 when the value is valid.
 * The normalisers write into a caller buffer.
 */
#ifndef SPIRE_VALIDATE_H
#define SPIRE_VALIDATE_H

#include <stddef.h>

/* "YYYY-MM-DD", a real calendar date between 1900 and 2100. */
int valid_date(const char *s);
/* The year of s when s is a real day and month (YYYY-MM-DD) in a year
 * outside 1900-2100, else 0: say the range rather than "not a date". */
int valid_date_year_outside(const char *s);

/* ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm]". */
int valid_datetime(const char *s);

/* NHS number: 10 digits (spaces and hyphens allowed) with a valid modulus
 * 11 check. */
int valid_nhs_number(const char *s);

/* Unique Pupil Number: 13 characters with the DfE check letter, in any
 * case, spaces and hyphens allowed. */
int valid_upn(const char *s);

/* Police National Computer id "YY/NNNNNNNA" (or YYYY/) with check letter,
 * in any case, spaces and hyphens allowed. */
int valid_pnc_id(const char *s);

/* UK postcode in any case and spacing. */
int valid_postcode(const char *s);

/* Plausible e-mail address (one @, a dot in the domain, no spaces). */
int valid_email(const char *s);

/* Phone number: digits, spaces, +, (, ), - with 7 to 15 digits. */
int valid_phone(const char *s);

/*
 * Normalise an identifier the one way Spire stores, searches and compares
 * it: spaces, tabs and hyphens removed, letters upper-cased ("943 476-5919"
 * -> "9434765919", "c801 1234 56789" -> "C801123456789"). out must hold
 * outlen bytes; returns 0, or -1 if it is too small.
 */
int norm_identifier(const char *s, char *out, size_t outlen);

/*
 * As norm_identifier, and for a PNC id the year cut to its two digits, the
 * only ones its check character covers ("2001/123456m" -> "01/123456M"),
 * so each id has one form. Returns 0, or -1 if out is too small.
 */
int norm_pnc_id(const char *s, char *out, size_t outlen);

/*
 * Normalise: uppercase and one space before the inward code for
 * postcodes; norm_identifier for NHS numbers; uppercase for others.
 * out must hold at least outlen bytes; returns 0, or -1 if too small.
 */
int norm_postcode(const char *s, char *out, size_t outlen);
int norm_nhs_number(const char *s, char *out, size_t outlen);
int norm_upper(const char *s, char *out, size_t outlen);

enum {
	TEXT_BAD_CHARS = 1, /* not UTF-8, or a control character */
	TEXT_TOO_LONG = 2,  /* more than max_chars characters */
};

/*
 * What is wrong with text s: 0 (nothing), TEXT_BAD_CHARS or TEXT_TOO_LONG.
 * Control characters (C0, DEL, C1, line separators, direction controls)
 * are refused, except tab and line breaks when single_line is 0.
 */
int text_problem(const char *s, size_t max_chars, int single_line);

/* A name: valid single-line text of 1 to max_chars characters, not blank,
 * no control characters at all (no tabs or line breaks). */
int valid_name(const char *s, size_t max_chars);

/* The part of one-line text s without its leading and trailing spaces:
 * its offset in *off and length in *len; 1 when that is not all of s. */
int trim_spaces(const char *s, size_t *off, size_t *len);

/*
 * A readable copy of the string s for a record
 * that must keep what was sent even when it is not valid text (the audit
 * trail's reasons): each byte that is not part of valid UTF-8 and each
 * control character becomes U+FFFD (tab and line breaks kept when
 * keep_layout is 1), and after max_chars characters the rest becomes
 * "...". New string (caller frees), or NULL when out of memory.
 */
char *text_readable(const char *s, size_t max_chars, int keep_layout);

/* Valid UTF-8 of at most max_chars characters without control characters
 * other than tab and line breaks. */
int valid_text(const char *s, size_t max_chars);

/* Whole years between date_of_birth and on (both "YYYY-MM-DD"), or -1. */
int age_on(const char *date_of_birth, const char *on);

#endif
