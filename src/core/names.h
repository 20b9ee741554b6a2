/*
 * names.h - people's names in the one folded form Spire compares them in,
 * so that ZOË ÅSTRÖM, Zoë Åström and Zoe Astrom are the same name when
 * looking for possible duplicates. Not for display: the folded form loses
 * case, accents and punctuation.
 */
#ifndef SPIRE_NAMES_H
#define SPIRE_NAMES_H

#include <stddef.h>

#define NAME_KEY_LEN 512 /* a folded given and family name and the NUL */

#define NAME_WORDS_LEN 1024 /* name_words of three 100-character names */

/*
 * Fold the UTF-8 name s into out (outlen bytes): Unicode compatibility
 * decomposition and full case folding (utf8proc: every script's capitals,
 * ß -> ss), accents and other combining marks dropped, the letters Unicode
 * does not decompose written as their plain letters (ł -> l, ø -> o,
 * đ -> d, æ -> ae, œ -> oe, þ -> th, ı -> i), and spaces, hyphens,
 * dashes, apostrophes and full stops in all their forms removed:
 * "  Zoë O’Neill-Smith " -> "zoeoneillsmith", "Łukasz Żółć" ->
 * "lukaszzolc".
 * Returns 0, or -1 when s is not UTF-8, memory runs out, or out is too
 * small.
 */
int name_fold(const char *s, char *out, size_t outlen);

/*
 * s folded as name_fold folds it, in a new string the caller frees (as
 * long as the fold needs: no fixed limit). NULL when s is not UTF-8 or
 * memory runs out.
 */
char *name_fold_new(const char *s);

/*
 * The comparison key of a person's name: the folded given name, '|', the
 * folded family name. NULL names count as empty. Returns 0 or -1 as
 * name_fold.
 */
int name_key(const char *given, const char *family, char *out, size_t outlen);

/*
 * The words the name search finds a person by, folded as name_fold folds
 * (one folding on every store: docs/dates-names-identifiers.md), one
 * space between words, each word once: every run of letters and numbers
 * of the given, family and preferred names, and each space-separated part
 * of them with its hyphens and apostrophes removed ("O'Neill-Smith" ->
 * "o neill smith oneillsmith"). NULL names count as empty. 0, or -1 as
 * name_fold (out then "").
 */
int name_words(const char *given, const char *family, const char *preferred,
               char *out, size_t outlen);

/*
 * Text typed into the name search, folded as name_words folds a name and
 * split into its runs of letters and numbers, one space between them
 * ("O'Neill Łukasz" -> "o neill lukasz"). 0, or -1 as name_fold.
 */
int name_search_words(const char *s, char *out, size_t outlen);

/* The longest name part, in characters, name_near compares by distance;
 * longer parts must be equal. */
#define NAME_NEAR_MAX 64

/*
 * 1 when the name keys a and b (name_key: "given|family", folded) are
 * near enough to be the same person's name mistyped: the given names and
 * the family names each at most one edit apart (a letter added, dropped,
 * changed, or two neighbours swapped: the optimal string alignment
 * distance), so "ayaan|khan" and "ayan|khan", "jon|smith" and
 * "john|smith". Equal keys are near. A part with a digit in it is a
 * placeholder ("Baby1", "Twin2": twins born the same day), compared
 * exactly. The duplicate check (with the same
 * date of birth) flags such people as possible duplicates. The one-edit
 * limit per part is Spire's local choice: wide enough for a letter missed
 * or doubled, narrow enough that the list stays short.
 */
int name_near(const char *a, const char *b);

#endif
