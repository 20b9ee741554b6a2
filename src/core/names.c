/*
 * names.c - folding names for comparison with utf8proc. What makes two
 * names "the same" lives here and only here: the duplicate check, the
 * stored people.name_key and the migration that fills it all call
 * name_key(); the name search's index (people.name_words) and its query
 * are folded by name_words() and name_search_words(), the same on every
 * store (no store's own lower() or unaccent() takes part).
 */
#include "core/names.h"

#include <stdint.h>
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

char *
name_fold_new(const char *s)
{
	/* The fold can be longer than s (compatibility decomposition: one
	 * ligature is several letters), rarely more than a few times. */
	size_t len = s ? strlen(s) : 0;
	for (size_t n = 2 * len + 16; n <= 64 * len + 64; n *= 2) {
		char *out = malloc(n);
		if (!out || name_fold(s, out, n) == 0)
			return out;
		free(out);
	}
	return NULL;
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

/* Code points of the folded UTF-8 text s[0..n) into cp (at most max);
 * the count, or -1 when there are more than max. Folded text is valid
 * UTF-8 (name_fold checked it). */
static int
code_points(const char *s, size_t n, uint32_t *cp, int max)
{
	int k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int len = c < 0x80         ? 1
		          : (c >> 5) == 6  ? 2
		          : (c >> 4) == 14 ? 3
		                           : 4;
		uint32_t v = len == 1 ? c : c & (0x3fu >> (len - 1));
		for (int j = 1; j < len && i + (size_t)j < n; j++)
			v = (v << 6) |
			    ((unsigned char)s[i + (size_t)j] & 0x3fu);
		if (k == max)
			return -1;
		cp[k++] = v;
		i += (size_t)len;
	}
	return k;
}

/* The optimal string alignment distance between a and b (insertions,
 * deletions, substitutions and swaps of neighbours, each 1), or limit + 1
 * when it is more than limit. */
static int
osa_distance(const uint32_t *a, int na, const uint32_t *b, int nb, int limit)
{
	enum { W = NAME_NEAR_MAX + 1 };
	int d[W][W];
	if (na - nb > limit || nb - na > limit)
		return limit + 1;
	for (int i = 0; i <= na; i++)
		d[i][0] = i;
	for (int j = 0; j <= nb; j++)
		d[0][j] = j;
	for (int i = 1; i <= na; i++)
		for (int j = 1; j <= nb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb] > limit ? limit + 1 : d[na][nb];
}

/* 1 when s[0..n) holds a digit. */
static int
has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* The distance between the parts a[0..na) and b[0..nb) of two keys; a
 * part with a digit ("Baby1", "Twin2": a placeholder, not a name) is
 * either equal (0) or not (2). */
static int
part_distance(const char *a, size_t na, const char *b, size_t nb)
{
	if (has_digit(a, na) || has_digit(b, nb))
		return na == nb && memcmp(a, b, na) == 0 ? 0 : 2;
	uint32_t ca[NAME_NEAR_MAX], cb[NAME_NEAR_MAX];
	int ka = code_points(a, na, ca, NAME_NEAR_MAX);
	int kb = code_points(b, nb, cb, NAME_NEAR_MAX);
	if (ka < 0 || kb < 0)
		return na == nb && memcmp(a, b, na) == 0 ? 0 : 2;
	return osa_distance(ca, ka, cb, kb, 1);
}

int
name_near(const char *a, const char *b)
{
	const char *pa = a ? strchr(a, '|') : NULL;
	const char *pb = b ? strchr(b, '|') : NULL;
	if (!pa || !pb)
		return 0;
	size_t ga = (size_t)(pa - a), gb = (size_t)(pb - b);
	/* An empty part matches only an empty part: "" is one letter from
	 * every one-letter name. */
	if ((ga == 0) != (gb == 0) || (!pa[1]) != (!pb[1]))
		return 0;
	return part_distance(a, ga, b, gb) <= 1 &&
	       part_distance(pa + 1, strlen(pa + 1), pb + 1, strlen(pb + 1)) <=
	           1;
}
