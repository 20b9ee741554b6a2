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

/* ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm]". */
int valid_datetime(const char *s);

/* NHS number: 10 digits (spaces allowed) with a valid modulus 11 check. */
int valid_nhs_number(const char *s);

/* Unique Pupil Number: 13 characters with the DfE check letter. */
int valid_upn(const char *s);

/* Police National Computer id "YY/NNNNNNNA" (or YYYY/) with check letter. */
int valid_pnc_id(const char *s);

/* UK postcode in any case and spacing. */
int valid_postcode(const char *s);

/* Plausible e-mail address (one @, a dot in the domain, no spaces). */
int valid_email(const char *s);

/* Phone number: digits, spaces, +, (, ), - with 7 to 15 digits. */
int valid_phone(const char *s);

/*
 * Normalise: uppercase and one space before the inward code for
 * postcodes; digits only for NHS numbers; uppercase for UPN and PNC.
 * out must hold at least outlen bytes; returns 0, or -1 if too small.
 */
int norm_postcode(const char *s, char *out, size_t outlen);
int norm_nhs_number(const char *s, char *out, size_t outlen);
int norm_upper(const char *s, char *out, size_t outlen);

/* Valid UTF-8 without control characters other than tab and newline. */
int valid_text(const char *s, size_t max_chars);

/* Whole years between date_of_birth and on (both "YYYY-MM-DD"), or -1. */
int age_on(const char *date_of_birth, const char *on);

#endif
