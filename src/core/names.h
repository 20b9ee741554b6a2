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

/*
 * Fold the UTF-8 name s into out (outlen bytes): Unicode compatibility
 * decomposition and case folding (utf8proc), accents and other combining
 * marks dropped, and spaces, hyphens, dashes, apostrophes and full stops
 * in all their forms removed: "  Zoë O’Neill-Smith " -> "zoeoneillsmith".
 * Returns 0, or -1 when s is not UTF-8, memory runs out, or out is too
 * small.
 */
int name_fold(const char *s, char *out, size_t outlen);

/*
 * The comparison key of a person's name: the folded given name, '|', the
 * folded family name. NULL names count as empty. Returns 0 or -1 as
 * name_fold.
 */
int name_key(const char *given, const char *family, char *out, size_t outlen);

#endif
