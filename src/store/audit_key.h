/*
 * audit_key.h - the key that MACs the audit chain, held in a file outside
 * the database (by default "<db>.audit-key", mode 0600), so that someone
 * who can write the database file cannot rewrite the chain and re-hash it.
 *
 * Not for the chain itself (audit.c) or deciding what is audited (ctx.c).
 */
#ifndef SPIRE_AUDIT_KEY_H
#define SPIRE_AUDIT_KEY_H

#include <stddef.h>

#include "core/err.h"
#include "store/db.h"

#define AUDIT_KEY_BYTES ((size_t)32)

/* The key's bytes only (a plain value, copied freely): the HMAC state
 * prepared from it lives in a struct audit_mac (audit.h). */
struct audit_key {
	unsigned char bytes[AUDIT_KEY_BYTES];
};

/*
 * The key file's path: configured when not NULL or empty, else db_path
 * with ".audit-key" appended. Writes into buf (size n); SPIRE_EINVAL when
 * it does not fit.
 */
int audit_key_path(const char *db_path, const char *configured, char *buf,
                   size_t n, struct err *e);

/*
 * Read the key from path (64 hex digits and an optional newline).
 * SPIRE_ENOTFOUND when there is no such file; SPIRE_EIO when it cannot be
 * read, is malformed, or can be read by group or others.
 */
int audit_key_load(const char *path, struct audit_key *key, struct err *e);

/*
 * Make a new random key and write it to path, which must not exist
 * (mode 0600, flushed to disk). SPIRE_EIO on failure.
 */
int audit_key_create(const char *path, struct audit_key *key, struct err *e);

/*
 * Bring db's audit chain under the key at key_path before it is written
 * to, and load the key into *key. When the file is missing it is created
 * and any existing unkeyed chain (plain SHA-256, before the key existed)
 * is first verified, then re-keyed in one transaction. When the file
 * exists, the chain's last row must verify under it (a wrong key, or a
 * tail rewritten without the key, is refused). Never re-keys a chain that
 * already has a key file.
 */
int audit_key_open(struct db *db, const char *key_path, struct audit_key *key,
                   struct err *e);

#endif
