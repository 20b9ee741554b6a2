/*
 * names.c - folding names for comparison with utf8proc. What makes two
 * names "the same" lives here and only here: the duplicate check, the
 * stored people.name_key and the migration that fills it all call
 * name_key().
 */
#include "core/names.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Characters that separate or decorate the parts of a name without
 * changing it: every space, hyphen, dash and apostrophe form. */
static int
is_joiner(utf8proc_int32_t cp)
{
	switch (cp) {
	case '\'':
	case '`':
	case '-':
	case '.':
	case 0x00b4: /* acute accent used as an apostrophe */
	case 0x02bb: /* modifier letter turned comma (ʻokina) */
	case 0x02bc: /* modifier letter apostrophe */
	case 0x2018: /* left single quotation mark */
	case 0x2019: /* right single quotation mark */
	case 0x201b:
	case 0x2032: /* prime */
	case 0x2010: /* hyphen */
	case 0x2011: /* non-breaking hyphen */
	case 0x2012: /* figure dash */
	case 0x2013: /* en dash */
	case 0x2014: /* em dash */
	case 0x2212: /* minus sign */
	case 0xfe63:
	case 0xff0d:
		return 1;
	default:
		break;
	}
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_PD ||
	       cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
	       cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

int
name_fold(const char *s, char *out, size_t outlen)
{
	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if (!s)
		return 0;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	                     UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
	                     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n < 0)
		return -1;
	size_t o = 0;
	int rc = 0;
	const utf8proc_uint8_t *p = folded;
	utf8proc_ssize_t left = n;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
		if (len <= 0) {
			rc = -1;
			break;
		}
		if (!is_joiner(cp)) {
			if (o + (size_t)len >= outlen) {
				rc = -1;
				break;
			}
			memcpy(out + o, p, (size_t)len);
			o += (size_t)len;
		}
		p += len;
		left -= len;
	}
	out[rc ? 0 : o] = '\0';
	free(folded);
	return rc;
}

int
name_key(const char *given, const char *family, char *out, size_t outlen)
{
	if (name_fold(given, out, outlen) != 0)
		return -1;
	size_t n = strlen(out);
	if (n + 2 > outlen)
		return -1;
	out[n] = '|';
	return name_fold(family, out + n + 1, outlen - n - 1);
}
