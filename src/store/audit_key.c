/*
 * audit_key.c - reading, creating and adopting the audit chain's key.
 * The MAC itself is computed in audit.c.
 */
#include "store/audit_key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/audit.h"

/* Say which key file a chain that does not match came from. e->message
 * may not be an argument of err_set() on e itself, hence the copy. */
static int
wrong_key(struct err *e, int rc, const char *path)
{
	char msg[sizeof(e->message)];
	snprintf(msg, sizeof(msg), "%s", e->message);
	return err_set(e, rc, "audit_key_file",
	               "%s (is %s the key this database's audit trail was "
	               "written with?)",
	               msg, path);
}

/* Refusing to key a chain that does not verify as the old unkeyed one:
 * most often a keyed chain whose key file was left behind. */
static int
not_keyed(struct err *e, int rc, const char *path)
{
	char msg[sizeof(e->message)];
	snprintf(msg, sizeof(msg), "%s", e->message);
	return err_set(e, rc, "audit_key_file",
	               "not keying the audit trail: %.80s; if it was keyed, "
	               "put its key at %s or set audit_key_file",
	               msg, path);
}

int
audit_key_path(const char *db_path, const char *configured, char *buf, size_t n,
               struct err *e)
{
	int len = configured && *configured
	              ? snprintf(buf, n, "%s", configured)
	              : snprintf(buf, n, "%s.audit-key", db_path);
	if (len < 0 || (size_t)len >= n)
		return err_set(e, SPIRE_EINVAL, "audit_key_file",
		               "the audit key file's path is too long");
	return 0;
}

int
audit_key_load(const char *path, struct audit_key *key, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT)
			return err_set(e, SPIRE_ENOTFOUND, "audit_key_file",
			               "no audit key at %s", path);
		return err_set(e, SPIRE_EIO, "audit_key_file",
		               "cannot open the audit key %s: %s", path,
		               strerror(errno));
	}
	struct stat st;
	char hex[2 * AUDIT_KEY_BYTES + 2];
	ssize_t got = -1;
	int rc = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		rc = err_set(e, SPIRE_EIO, "audit_key_file",
		             "the audit key %s is not a regular file", path);
	else if (st.st_mode & (S_IRWXG | S_IRWXO))
		rc = err_set(e, SPIRE_EIO, "audit_key_file",
		             "the audit key %s must be readable by its owner "
		             "only (chmod 600)",
		             path);
	else
		got = read(fd, hex, sizeof(hex));
	close(fd);
	if (rc)
		return rc;
	size_t n = got > 0 ? (size_t)got : 0;
	if (n > 0 && hex[n - 1] == '\n')
		n--;
	size_t bin_len = 0;
	if (n != 2 * AUDIT_KEY_BYTES ||
	    sodium_hex2bin(key->bytes, sizeof(key->bytes), hex, n, NULL,
	                   &bin_len, NULL) != 0 ||
	    bin_len != AUDIT_KEY_BYTES) {
		sodium_memzero(hex, sizeof(hex));
		return err_set(e, SPIRE_EIO, "audit_key_file",
		               "the audit key %s is not 64 hex digits", path);
	}
	sodium_memzero(hex, sizeof(hex));
	return 0;
}

/* Make the new file's name durable too: without it a crash could lose the
 * key of a trail already re-keyed under it. */
static int
sync_parent(const char *path)
{
	char dir[1024];
	const char *slash = strrchr(path, '/');
	int n = !slash          ? snprintf(dir, sizeof(dir), ".")
	        : slash == path ? snprintf(dir, sizeof(dir), "/")
	                        : snprintf(dir, sizeof(dir), "%.*s",
	                                   (int)(slash - path), path);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return -1;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int
audit_key_create(const char *path, struct audit_key *key, struct err *e)
{
	char hex[2 * AUDIT_KEY_BYTES + 2];
	if (sodium_init() < 0)
		return err_set(e, SPIRE_EIO, NULL, "libsodium failed to start");
	randombytes_buf(key->bytes, sizeof(key->bytes));
	sodium_bin2hex(hex, sizeof(hex) - 1, key->bytes, sizeof(key->bytes));
	size_t n = strlen(hex);
	hex[n++] = '\n';
	int fd = open(
	    path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return err_set(e, SPIRE_EIO, "audit_key_file",
		               "cannot create the audit key %s: %s", path,
		               strerror(errno));
	int ok = write(fd, hex, n) == (ssize_t)n && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && sync_parent(path) == 0;
	sodium_memzero(hex, sizeof(hex));
	if (!ok) {
		unlink(path);
		return err_set(e, SPIRE_EIO, "audit_key_file",
		               "cannot write the audit key %s", path);
	}
	return 0;
}

int
audit_key_open(struct db *db, const char *key_path, struct audit_key *key,
               struct err *e)
{
	int rc = audit_key_load(key_path, key, e);
	if (rc == 0) {
		rc = audit_check_tip(db, key, e);
		return rc ? wrong_key(e, rc, key_path) : 0;
	}
	if (rc != SPIRE_ENOTFOUND)
		return rc;
	/* No key yet: a new database, or one from before the chain was
	 * keyed. audit_rekey() checks the old chain before vouching for it
	 * with the key, in the same transaction. */
	if ((rc = audit_key_create(key_path, key, e)) != 0) {
		/* Another process may have just made it. */
		struct err again;
		err_clear(&again);
		if (audit_key_load(key_path, key, &again) == 0)
			return audit_key_open(db, key_path, key, e);
		return rc;
	}
	if ((rc = audit_rekey(db, key, e)) != 0) {
		unlink(key_path);
		return not_keyed(e, rc, key_path);
	}
	return 0;
}
