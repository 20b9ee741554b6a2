/*
 * names.c - folding names for comparison with utf8proc. What makes two
 * names "the same" lives here and only here: the duplicate check, the
 * stored people.name_key and the migration that fills it all call
 * name_key(); the name search's index (people.name_words) and its query
 * are folded by name_words() and name_search_words(), the same on every
 * store (no store's own lower() or unaccent() takes part).
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

/* Letters that Unicode does not decompose into a base letter and a mark,
 * written as the letters people type for them on an English keyboard
 * (after case folding, so lower case only): Łukasz is found as lukasz. */
static const char *
plain_letters(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x00df: /* ß (case folding already gives ss) */
		return "ss";
	case 0x00e6: /* æ */
		return "ae";
	case 0x00f0: /* ð */
		return "d";
	case 0x00f8: /* ø */
		return "o";
	case 0x00fe: /* þ */
		return "th";
	case 0x0111: /* đ */
		return "d";
	case 0x0127: /* ħ */
		return "h";
	case 0x0131: /* dotless ı */
		return "i";
	case 0x0140: /* ŀ */
	case 0x0142: /* ł */
		return "l";
	case 0x0153: /* œ */
		return "oe";
	case 0x0167: /* ŧ */
		return "t";
	default:
		return NULL;
	}
}

/* Letters and numbers: what a word of a name is made of. */
static int
is_word_char(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Spaces between the words of a name, as opposed to the joiners inside a
 * word (hyphens, apostrophes). */
static int
is_space(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cp == '\t' || cp == '\n' || cp == '\r' ||
	       cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

/* What fold() does with a character that is not a letter or number. */
enum fold_mode {
	FOLD_KEY,   /* joiners removed, everything else kept (name_fold) */
	FOLD_SPLIT, /* every character that is not a letter or number
	             * separates words */
	FOLD_JOIN,  /* spaces separate words, anything else that is not a
	             * letter or number is removed: O'Neill-Smith is one word */
};

/* Append n bytes to out at *o, leaving room for the NUL; -1 when full. */
static int
put(char *out, size_t outlen, size_t *o, const char *p, size_t n)
{
	if (*o + n >= outlen)
		return -1;
	memcpy(out + *o, p, n);
	*o += n;
	return 0;
}

/* Fold s into out (see name_fold), words separated by one space in the
 * modes that separate them. */
static int
fold(const char *s, enum fold_mode mode, char *out, size_t outlen)
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
	int rc = 0, gap = 0;
	const utf8proc_uint8_t *p = folded;
	utf8proc_ssize_t left = n;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
		if (len <= 0) {
			rc = -1;
			break;
		}
		p += len;
		left -= len;
		const char *plain = plain_letters(cp);
		int word = plain || (!is_joiner(cp) && is_word_char(cp));
		if (!word) {
			if (mode == FOLD_KEY
			        ? is_joiner(cp)
			        : mode == FOLD_SPLIT || is_space(cp)) {
				gap = mode != FOLD_KEY;
				continue;
			}
			if (mode == FOLD_JOIN)
				continue;
		}
		if (gap && o > 0 && (rc = put(out, outlen, &o, " ", 1)))
			break;
		gap = 0;
		if ((rc = plain ? put(out, outlen, &o, plain, strlen(plain))
		                : put(out, outlen, &o, (const char *)p - len,
		                      (size_t)len)))
			break;
	}
	out[rc ? 0 : o] = '\0';
	free(folded);
	return rc;
}

int
name_fold(const char *s, char *out, size_t outlen)
{
	return fold(s, FOLD_KEY, out, outlen);
}

int
name_search_words(const char *s, char *out, size_t outlen)
{
	return fold(s, FOLD_SPLIT, out, outlen);
}

/* Whether the words text (one space between words) holds word (n bytes). */
static int
has_word(const char *words, size_t len, const char *word, size_t n)
{
	for (size_t i = 0; i + n <= len;) {
		const char *end = memchr(words + i, ' ', len - i);
		size_t wl = end ? (size_t)(end - (words + i)) : len - i;
		if (wl == n && memcmp(words + i, word, n) == 0)
			return 1;
		i += wl + 1;
	}
	return 0;
}

/* Append to out (at *o) each word of words not there already. */
static int
add_words(char *out, size_t outlen, size_t *o, const char *words)
{
	while (*words) {
		const char *end = strchr(words, ' ');
		size_t n = end ? (size_t)(end - words) : strlen(words);
		if (!has_word(out, *o, words, n) &&
		    ((*o > 0 && put(out, outlen, o, " ", 1)) ||
		     put(out, outlen, o, words, n)))
			return -1;
		words += n + (end ? 1 : 0);
	}
	return 0;
}

int
name_words(const char *given, const char *family, const char *preferred,
           char *out, size_t outlen)
{
	const char *names[] = {given, family, preferred};
	char part[NAME_KEY_LEN];
	size_t o = 0;
	if (outlen == 0)
		return -1;
	out[0] = '\0';
	for (size_t i = 0; i < 3; i++)
		for (int mode = FOLD_SPLIT; mode <= FOLD_JOIN; mode++)
			if (fold(names[i], (enum fold_mode)mode, part,
			         sizeof(part)) != 0 ||
			    add_words(out, outlen, &o, part) != 0) {
				out[0] = '\0';
				return -1;
			}
	out[o] = '\0';
	return 0;
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
