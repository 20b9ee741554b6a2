/*
 * password_policy.c - auth_password_policy(): what a new password must not
 * be. Judged against real lists, read from the files Debian packages
 * install: cracklib's packed dictionary (FascistCheck), cracklib's list of
 * common passwords and words, the English dictionary, and John the
 * Ripper's list of passwords most often seen in breaches. Not for hashing
 * or checking a password at sign-in (auth.c).
 */
#include "service/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <stddef.h> /* crack.h needs size_t */
#include <crack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The word lists: cracklib-runtime, wamerican, john-data. */
static const char *const WORDLISTS[] = {
    "/usr/share/dict/cracklib-small",
    "/usr/share/dict/american-english",
    "/usr/share/john/password.lst",
    NULL,
};

#define PASSWORD_MIN 12
#define PASSWORD_MAX 256
#define WORD_MAX (PASSWORD_MAX + 1)
/* Longer cores are not looked for as two words joined: no two words in
 * the lists are that long together. */
#define SPLIT_MAX 40
#define CANDIDATES_MAX (3 + 2 * 2 * SPLIT_MAX)

/* Messages start with the field's name, which the UI replaces with the
 * field's label ("Temporary password must ..."). */
static int
policy_fail(struct err *e, const char *message)
{
	return err_set(e, SPIRE_EINVAL, "password", "%s", message);
}

/* 1 when s[0..n) is one short unit said again and again ("abcabcabcabc",
 * "adminadmin") or has fewer than 5 different characters. */
static int
repetitive(const char *s, size_t n)
{
	unsigned char seen[256] = {0};
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tolower((unsigned char)s[i]);
		if (!seen[c])
			distinct++;
		seen[c] = 1;
	}
	if (distinct < 5)
		return 1;
	for (size_t unit = 1; unit <= n / 2; unit++) {
		if (n % unit)
			continue;
		size_t i = unit;
		while (i < n && tolower((unsigned char)s[i]) ==
		                    tolower((unsigned char)s[i - unit]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Sequences people type: the alphabet, the digits, keyboard rows and the
 * keyboard's columns read left to right ("1qaz2wsx" is two of these). */
static const char *const ROWS[] = {
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp",
    NULL,
};

/* The length of the longest run starting at s[i] (lower case): one
 * character repeated, or steps one way along one row. */
static size_t
run_from(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && s[j] == s[i])
		j++;
	size_t best = j - i;
	for (size_t r = 0; ROWS[r]; r++) {
		const char *p = strchr(ROWS[r], s[i]);
		if (!s[i] || !p)
			continue;
		for (int d = -1; d <= 1; d += 2) {
			const char *q = p;
			size_t k = i + 1;
			while (k < n) {
				const char *next =
				    d > 0 ? (q[1] ? q + 1 : NULL)
				          : (q > ROWS[r] ? q - 1 : NULL);
				if (!next || *next != s[k])
					break;
				q = next;
				k++;
			}
			if (k - i > best)
				best = k - i;
		}
	}
	return best;
}

/* How many characters of s[0..n) (lower case) are in runs of 3 or more
 * ("abcd", "4321", "qwerty", "aaa"). */
static size_t
in_runs(const char *s, size_t n)
{
	size_t total = 0, i = 0;
	while (i < n) {
		size_t len = run_from(s, n, i);
		if (len >= 3) {
			total += len;
			i += len;
		} else {
			i++;
		}
	}
	return total;
}

/*
 * 1 when the password is mostly a sequence: more than half of it in runs,
 * or fewer than 6 characters outside them; or letters and the rest are
 * each mostly a sequence, interleaved ("q1w2e3r4t5y6", "a1b2c3d4e5f6").
 */
static int
sequential(const char *pw, size_t n)
{
	char low[WORD_MAX], letters[WORD_MAX], rest[WORD_MAX];
	size_t nl = 0, nr = 0;
	for (size_t i = 0; i < n; i++) {
		low[i] = (char)tolower((unsigned char)pw[i]);
		if (isalpha((unsigned char)low[i]))
			letters[nl++] = low[i];
		else
			rest[nr++] = low[i];
	}
	size_t runs = in_runs(low, n);
	if (runs * 2 > n || n - runs < 6)
		return 1;
	return nl && nr && in_runs(letters, nl) * 2 > nl &&
	       in_runs(rest, nr) * 2 > nr;
}

/* The letter a common substitution stands for ("p@ssw0rd"). */
static char
unleet(char c, int one_is_l)
{
	switch (c) {
	case '0':
		return 'o';
	case '1':
	case '!':
	case '|':
		return one_is_l ? 'l' : 'i';
	case '3':
		return 'e';
	case '4':
	case '@':
		return 'a';
	case '5':
	case '$':
		return 's';
	case '7':
	case '+':
		return 't';
	case '8':
		return 'b';
	case '9':
		return 'g';
	default:
		return (char)tolower((unsigned char)c);
	}
}

/*
 * The word a password is built on, the way breached passwords are built:
 * drop the digits and symbols added at either end ("Summer2024!!"), undo
 * look-alike substitutions ("Passw0rd"), drop separators ("pass-word").
 * Writes the readings (1 as i, 1 as l) into core[]; returns how many
 * differ and have at least 4 letters.
 */
static int
core_words(const char *pw, size_t n, char core[2][WORD_MAX])
{
	size_t a = 0, b = n;
	while (a < b && !isalpha((unsigned char)pw[a]))
		a++;
	while (b > a && !isalpha((unsigned char)pw[b - 1]))
		b--;
	int found = 0;
	for (int v = 0; v < 2; v++) {
		size_t k = 0;
		for (size_t i = a; i < b; i++) {
			char c = unleet(pw[i], v);
			if (isalpha((unsigned char)c))
				core[found][k++] = c;
		}
		core[found][k] = '\0';
		if (k >= 4 && (found == 0 || strcmp(core[0], core[1]) != 0))
			found++;
	}
	return found;
}

struct candidates {
	size_t n;
	char *word[CANDIDATES_MAX];
	int hit[CANDIDATES_MAX];
	char store[CANDIDATES_MAX][WORD_MAX];
};

static void
add(struct candidates *c, const char *s, size_t len)
{
	if (c->n == CANDIDATES_MAX || len >= WORD_MAX)
		return;
	memcpy(c->store[c->n], s, len);
	c->store[c->n][len] = '\0';
	c->word[c->n] = c->store[c->n];
	c->hit[c->n] = 0;
	c->n++;
}

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index of word in c (sorted), or -1. */
static long
find(const struct candidates *c, const char *word)
{
	const void *p =
	    bsearch(&word, c->word, c->n, sizeof(c->word[0]), cmp_word);
	return p ? (char *const *)p - c->word : -1;
}

/*
 * Mark which candidates (lower case, sorted) the word lists hold. Reads
 * each list once. SPIRE_EIO naming the list when one cannot be read: the
 * policy is not weakened silently.
 */
static int
look_up(struct candidates *c, struct err *e)
{
	for (size_t f = 0; WORDLISTS[f]; f++) {
		FILE *fp = fopen(WORDLISTS[f], "r");
		if (!fp)
			return err_set(
			    e, SPIRE_EIO, NULL,
			    "the password word list %s is missing "
			    "(install cracklib-runtime, wamerican and "
			    "john-data)",
			    WORDLISTS[f]);
		char line[128];
		while (fgets(line, sizeof(line), fp)) {
			size_t len = strcspn(line, "\r\n");
			line[len] = '\0';
			for (size_t i = 0; i < len; i++)
				line[i] = (char)tolower((unsigned char)line[i]);
			long at = find(c, line);
			if (at >= 0)
				c->hit[at] = 1;
		}
		fclose(fp);
	}
	return 0;
}

static int
listed(const struct candidates *c, const char *s, size_t len)
{
	char w[WORD_MAX];
	memcpy(w, s, len);
	w[len] = '\0';
	long at = find(c, w);
	return at >= 0 && c->hit[at];
}

/*
 * 1 when the password is a common password, or is built on one word or two
 * words joined ("secretpassword", "changeme"), 0 when not, SPIRE_EIO when
 * the lists are missing. Three or more words joined are allowed: that is
 * the advice ("three random words").
 */
static int
common(const char *pw, size_t n, struct err *e)
{
	struct candidates *c = calloc(1, sizeof(*c));
	if (!c)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	char whole[WORD_MAX], core[2][WORD_MAX];
	for (size_t i = 0; i < n; i++)
		whole[i] = (char)tolower((unsigned char)pw[i]);
	add(c, whole, n);
	int cores = core_words(pw, n, core);
	for (int k = 0; k < cores; k++) {
		size_t len = strlen(core[k]);
		add(c, core[k], len);
		for (size_t i = 2; len <= SPLIT_MAX && i + 2 <= len; i++) {
			add(c, core[k], i);
			add(c, core[k] + i, len - i);
		}
	}
	qsort(c->word, c->n, sizeof(c->word[0]), cmp_word);
	size_t unique = 0;
	for (size_t i = 0; i < c->n; i++)
		if (!unique || strcmp(c->word[unique - 1], c->word[i]) != 0)
			c->word[unique++] = c->word[i];
	c->n = unique;
	int rc = look_up(c, e);
	if (rc) {
		free(c);
		return rc;
	}
	int found = listed(c, whole, n);
	for (int k = 0; k < cores && !found; k++) {
		size_t len = strlen(core[k]);
		found = listed(c, core[k], len) || repetitive(core[k], len);
		for (size_t i = 2; len <= SPLIT_MAX && i + 2 <= len && !found;
		     i++)
			found = listed(c, core[k], i) &&
			        listed(c, core[k] + i, len - i);
	}
	free(c);
	return found;
}

/* cracklib keeps state in static buffers while it checks: one at a time. */
static pthread_mutex_t cracklib_mu = PTHREAD_MUTEX_INITIALIZER;

/* cracklib's verdict: 0 when it finds nothing wrong, 1 when it does,
 * SPIRE_EIO when its dictionary is missing. */
static int
cracklib_refuses(const char *username, const char *password, struct err *e)
{
	const char *dict = GetDefaultCracklibDict();
	char pwd[512];
	if (snprintf(pwd, sizeof(pwd), "%s.pwd", dict) >= (int)sizeof(pwd) ||
	    access(pwd, R_OK) != 0)
		return err_set(e, SPIRE_EIO, NULL,
		               "the password dictionary %s is missing (install "
		               "cracklib-runtime)",
		               dict);
	pthread_mutex_lock(&cracklib_mu);
	const char *why = FascistCheckUser(
	    password, dict, username && *username ? username : "spire", "");
	pthread_mutex_unlock(&cracklib_mu);
	return why != NULL;
}

int
auth_password_policy(const char *username, const char *password, struct err *e)
{
	size_t n = strlen(password);
	if (n < PASSWORD_MIN)
		return policy_fail(e,
		                   "Password must be at least 12 characters");
	if (n > PASSWORD_MAX)
		return policy_fail(e,
		                   "Password must be 256 characters or fewer");
	if (username && *username && strcasestr(password, username))
		return policy_fail(e, "Password must not contain the username");
	if (repetitive(password, n))
		return policy_fail(e, "Password must not repeat the same "
		                      "characters, like aaaa or abcabc");
	int rc = common(password, n, e);
	if (rc < 0)
		return rc;
	if (rc)
		return policy_fail(e, "Password is too common: do not use one "
		                      "or two words with numbers or symbols "
		                      "added, like Summer2024!");
	if (sequential(password, n))
		return policy_fail(e, "Password must not be mostly a sequence, "
		                      "like abcd, 4321 or qwerty");
	rc = cracklib_refuses(username, password, e);
	if (rc < 0)
		return rc;
	if (rc)
		return policy_fail(e, "Password is too common or too easy to "
		                      "guess: try three or more random words");
	return 0;
}
