/*
 * db_pg.c - the PostgreSQL backend: fills struct db_backend (db_backend.h)
 * over libpq.
 *
 * The only file (with src/store/pg/) that calls libpq. The path db_open()
 * gets is a libpq connection URI (postgresql://... or postgres://...).
 *
 * Statements: each cached text is prepared once on its connection
 * (PQprepare, named s1, s2, ...) with no parameter types, so the server
 * infers them from the text: "1" is then an integer for an integer
 * column and true for a boolean one. A parameter the server cannot type
 * at its first use ("($2 IS NULL OR a.user_id = $2)") takes the type of
 * its other uses (learn_types), or text when it has none. The whole
 * result of a run is read at once (not row by row): a statement may be
 * stepped while others run on the same connection, as SQLite allows, at
 * the cost of holding a large result in memory. Values go as text except
 * blobs (binary); rows come back as text and are read from the PGresult
 * (step walks its rows), except a run asked for by db_prepare_rows whose
 * columns are all integers, text or booleans: binary then (integers in
 * network byte order, no strtoll per value; the same values out). $n
 * without gaps is checked here, from the text, as the SQLite backend
 * checks it.
 *
 * Streaming (db_prepare_rows, when the parameters' types are ones written
 * as literals below): such a read is not held whole. Its run is sent as
 * COPY (the text, each $n written in as CAST('value' AS type), the type
 * the server inferred at prepare) TO STDOUT (FORMAT binary), and each
 * step reads one row off the connection (copy_rows.h): no PGresult, the
 * client working on rows while the server still makes them. Until the
 * last row is read, the connection is the stream's: any other statement
 * on it first reads the rest away, and the stream's next step then fails
 * (never a short read that looks complete).
 *
 * Writing: db_begin takes a transaction-level advisory lock on a fixed
 * key (WRITE_LOCK_KEY) at once, as SQLite's BEGIN IMMEDIATE takes the
 * write lock, waiting as long as SQLite's busy timeout (lock_timeout,
 * BUSY_TIMEOUT_MS) before answering SPIRE_EUNAVAIL; a write statement run
 * outside a transaction takes the same lock for itself. So Spire's
 * single-writer assumptions (the audit chain, "the next number") hold on
 * PostgreSQL too. Writers' transactions are READ COMMITTED: with every
 * writer serialised by the lock, each sees every earlier commit.
 * db_begin_read is REPEATABLE READ READ ONLY (one snapshot).
 *
 * One difference stays: an error inside a transaction aborts it on
 * PostgreSQL (every later statement fails until a rollback), where
 * SQLite undoes only the failed statement. The writer runs each job under
 * a savepoint and rolls back to it on any error (writer.c), which both
 * engines do alike; code that went on after a failed statement inside a
 * transaction would work on SQLite only. A commit of a transaction a
 * statement failed in rolls it back and reports an error here.
 *
 * Bulk mode (db_bulk_mode, the demo loader): inside a write transaction
 * a single-row "INSERT INTO t(...) VALUES (...)" is not waited for: its
 * row joins its table's batch, sent as one "INSERT ... SELECT ... FROM
 * unnest($1, ...)" of up to BATCH_ROWS rows (batch_add keeps rows after
 * any row of another table their foreign keys may refer to), in libpq's
 * pipeline mode; the outcome is read with the next statement that must
 * be waited for (any other statement, a prepare, COMMIT), or after
 * PIPE_MAX statements. Before a read, the tables the load has doubled are
 * analysed in the transaction (analyze_grown). An insert written
 * "... RETURNING id" gets its id from a block of PIPE_IDS ids reserved
 * from the table's identity sequence (one round trip per block) and is
 * sent as "INSERT INTO t(..., id)" with that id; at COMMIT the sequence is set
 * back to the first id not used, unless another insert took ids after the block
 * meanwhile, so a load gives the ids a row-by-row load gives. The cost: an
 * insert's error (a constraint, a trigger's) is reported by that later
 * statement, not by its own step; the transaction is then aborted either way,
 * as any error in a PostgreSQL transaction aborts it. db_changes after a
 * pipelined insert is 1 (a single-row VALUES without ON CONFLICT inserts
 * exactly one row or fails).
 *
 * Connections: each Spire connection (the writer, each reader of the pool,
 * each CLI command) is one libpq connection and one server process, so
 * PostgreSQL's max_connections must exceed the sum of every Spire server's
 * pool size plus its writer, plus the maintenance commands run at the
 * same time (and superuser_reserved_connections). A connection the
 * server closed (a restart, a failover) is made again with the same URL
 * when no transaction of the caller's is open on it (revive), and its
 * statements are prepared again (epoch); while it cannot be made, calls
 * fail with SPIRE_EUNAVAIL (503). A statement is run again on a new
 * connection only when nothing of it can have been committed.
 */
#include "store/db_backend.h"
#include "store/measures/measures_texts.h"
#include "store/pg/copy_rows.h"
#include "store/pg/libpq_load.h"
#include "store/pg/schema_pg.h"

#include <errno.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PARAMS DB_MAX_PARAMS /* db.h */
/* Bulk mode: inserts sent before their outcomes are read, at most; kept
 * well under what fills the socket's buffers both ways (a pipeline whose
 * results are never read stalls the server). */
#define PIPE_MAX 2000
/* Bulk mode: ids reserved from a table's sequence at a time. */
#define PIPE_IDS 4096
/* Tables with reserved ids in one bulk transaction, at most. */
#define PIPE_TABLES 96
/* Bulk mode: rows of one insert sent as one statement, at most. */
#define BATCH_ROWS 1000
/* Foreign keys known to bulk mode, at most (beyond: no batching). */
#define MAX_FKS 512
/* Bulk mode: a table is analysed before the next read once this many
 * rows, and as many as it had at its last ANALYZE, were added to it. */
#define ANALYZE_ROWS 5000
/* As the busy timeout the SQLite backend sets. */
#define BUSY_TIMEOUT_MS 5000
/* The advisory lock every writer takes ("SPIRE" in ASCII). */
#define WRITE_LOCK_KEY "358486202949"
#define STR_(x) #x
#define STR(x) STR_(x)

/* Type OIDs (pg_type.h is for the server; these never change). */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_TEXT = 25,
	OID_VARCHAR = 1043,
	OID_OID = 26,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

/* Ids reserved for one table in bulk mode: next..end are this
 * connection's to use (the sequence's last value was end when reserved). */
struct id_block {
	char table[64];
	char seq[160]; /* the identity sequence, pg_get_serial_sequence's */
	int64_t next, end;
};

/* Rows a bulk load added to one table: since its last ANALYZE (added)
 * and in all (total). */
struct grown {
	char table[64];
	int64_t added, total;
};

struct conn {
	PGconn *pg;
	unsigned flags;
	/* Reconnecting: each time the connection is made again (revive),
	 * epoch grows; a statement prepared in an older epoch is prepared
	 * again before its next run. tx_open: a transaction of the caller's
	 * is open (db_begin/db_begin_read until commit, rollback or
	 * end_read), so a lost connection is not made again under it. */
	unsigned long epoch;
	int tx_open;
	int64_t changes;         /* of the last INSERT/UPDATE/DELETE */
	unsigned long next_name; /* for statement names */
	int in_read;             /* inside db_begin_read */
	int bulk;                /* db_bulk_mode: inserts are pipelined */
	int piped;               /* in libpq's pipeline mode */
	int pending;             /* inserts sent whose outcome is unread */
	int n_blocks;
	struct id_block blocks[PIPE_TABLES];
	/* Batches with rows not yet sent, in the order of their first row;
	 * every row is in at most one. */
	struct stmt *open[PIPE_TABLES];
	int n_open;
	/* Foreign keys between tables of the schema (referencing,
	 * referenced), read at the first batch; n_fks -1 before. */
	char (*fks)[2][64];
	int n_fks;
	struct grown grown[PIPE_TABLES];
	int n_grown;
	struct stmt *stream; /* the statement whose COPY is being read */
};

/* How a statement may be sent in bulk mode. */
enum pipe_kind {
	PIPE_NO = 0,
	PIPE_PLAIN, /* single-row INSERT ... VALUES, no result */
	PIPE_ID,    /* the same, RETURNING id */
};

struct stmt {
	struct conn *c;
	char name[24];
	char *sql;           /* its text (owned), to prepare it again */
	unsigned long epoch; /* c->epoch it was prepared in */
	int nparams;         /* $1..$nparams */
	int write; /* takes the write lock when run outside a transaction */
	enum pipe_kind pipe;
	char table[64];   /* PIPE_ID: the table */
	char *id_sql;     /* the text sent in bulk mode (PIPE_ID: with
	                     the id as $nparams+1) */
	char id_name[24]; /* PIPE_ID: its prepared name, once prepared */
	/* Bulk mode's batch: the rows as one array literal per parameter
	 * (the id last for PIPE_ID), sent by "INSERT ... SELECT ... FROM
	 * unnest(...)" (batch_name; batchable: 0 unknown, 1 yes, -1 no). */
	int batchable;
	char batch_name[24];
	int batch_rows;
	char *arr[MAX_PARAMS];
	size_t arr_len[MAX_PARAMS], arr_cap[MAX_PARAMS];
	PGresult *desc; /* the columns, from PQdescribePrepared */
	Oid *types;     /* and their types, read once */
	char *vals[MAX_PARAMS];
	int lens[MAX_PARAMS];
	int fmts[MAX_PARAMS];
	/* Rows in PostgreSQL's binary form (db_prepare_rows): asked for
	 * this run (binary), possible for this statement (bin_ok: every
	 * column an integer, text or boolean), and an integer column read
	 * as text written out per column (itext). */
	int binary, bin_ok;
	char (*itext)[24];
	PGresult *res;         /* the rows of the current run, NULL before it */
	int row;               /* the current row of res */
	int nrows, ncols;      /* res's, read once per run (set_result) */
	int decoded;           /* some blob of the row was decoded */
	unsigned char **blobs; /* decoded bytea per column of the row */
	size_t *blob_lens;     /* and their lengths */
	/* Streaming (see the top of this file): possible for this statement
	 * (stream_ok: a read, binary rows, every parameter's type one
	 * param_cast names), asked for this run (stream), its COPY being
	 * read (streaming: cr holds the current row), read to the end
	 * (stream_done), or cut short by another statement (lost). */
	int stream_ok, stream, streaming, stream_done, lost;
	struct copy_rows cr;
	char *copy_msg; /* the message cr's row is in (PQfreemem) */
};

/* The message of PostgreSQL's error without its newline, for the log
 * and for store errors (never the SQL text: libpq's primary message
 * names objects, not statements). */
static const char *
primary(const PGresult *r, const PGconn *pg)
{
	const char *m =
	    r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!m && pg)
		m = PQerrorMessage(pg);
	return m && *m ? m : "unknown error";
}

/* The database cannot be reached (lost, shut down, starting): 503, for
 * people to try again; said in the server's log once until it is reached
 * again (revive). */
static atomic_int said_unreachable;

static int
unreachable(struct err *e)
{
	if (atomic_exchange(&said_unreachable, 1) == 0)
		fprintf(stderr, "spire: PostgreSQL cannot be reached at the "
		                "moment; Spire connects again once it can\n");
	return err_set(e, SPIRE_EUNAVAIL, NULL,
	               "Spire cannot reach its database at the moment. Try "
	               "again in a few minutes");
}

/* SQLSTATE of r to SPIRE_E* as the SQLite backend maps the same fault. */
static int
map_error(const PGresult *r, const PGconn *pg, struct err *e)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = primary(r, pg);
	if (!state) {
		if (pg && PQstatus(pg) == CONNECTION_BAD)
			return unreachable(e);
		return err_set(e, SPIRE_EDB, NULL, "store error: %.*s",
		               (int)strcspn(msg, "\n"), msg);
	}
	if (strcmp(state, "23505") == 0)
		return err_set(e, SPIRE_ECONFLICT, NULL,
		               "A record with these details already exists");
	if (strcmp(state, "23503") == 0)
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Select a record from the list: one of them "
		               "does not exist");
	if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0 ||
	    strcmp(state, "P0001") == 0) {
		/* Not null, check, a value of the wrong type or out of
		 * range, or a trigger's RAISE EXCEPTION (the audit table's
		 * append-only guard; SQLite's RAISE(ABORT) is a constraint
		 * error too): the engine's words are for the log, not
		 * people. */
		fprintf(stderr, "spire: constraint failed: %s (%s)\n", msg,
		        state);
		return err_set(e, SPIRE_EINVAL, NULL,
		               "Spire could not store this. Check what you "
		               "entered and try again");
	}
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0 ||
	    strcmp(state, "53300") == 0)
		return err_set(e, SPIRE_EUNAVAIL, NULL,
		               "Spire is busy. Try again in a moment (%.120s)",
		               msg);
	if (strcmp(state, "53200") == 0)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (strcmp(state, "53100") == 0)
		return err_set(e, SPIRE_EFULL, NULL,
		               "Spire's storage is full. Try again later.");
	/* Connection exceptions, the server shutting down or starting:
	 * the database is away for a while, not broken. */
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0)
		return unreachable(e);
	if (strncmp(state, "58", 2) == 0 || strncmp(state, "57", 2) == 0)
		return err_set(e, SPIRE_EIO, NULL, "store i/o error: %.200s",
		               msg);
	return err_set(e, SPIRE_EDB, NULL, "store error: %.200s", msg);
}

/*
 * Bulk mode: a sync, then the outcome of every statement sent and not yet
 * read; stays in pipeline mode. 0, or the code of the first that failed
 * (the transaction is then aborted).
 */
static int
sync_results(struct conn *c, struct err *e)
{
	int rc = 0;
	if (!PQpipelineSync(c->pg))
		rc = map_error(NULL, c->pg, e);
	/* Each statement's results end with a NULL; the sync's result ends
	 * the whole. A lost connection gives NULLs only. */
	int nulls = 0;
	while (!rc || PQstatus(c->pg) == CONNECTION_OK) {
		PGresult *r = PQgetResult(c->pg);
		if (!r) {
			if (++nulls > c->pending + 1 ||
			    PQstatus(c->pg) != CONNECTION_OK) {
				if (!rc)
					rc = map_error(NULL, c->pg, e);
				break;
			}
			continue;
		}
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (st == PGRES_FATAL_ERROR && !rc)
			rc = map_error(r, c->pg, e);
		PQclear(r);
	}
	c->pending = 0;
	return rc;
}

static int flush_batches(struct conn *c, struct err *e);

/* Read away the rest of the COPY being streamed on c, if any, so that
 * the connection takes other calls; the streaming statement's next step
 * then fails (lost) unless it is reset first. */
static void
stream_stop(struct conn *c)
{
	struct stmt *s = c->stream;
	if (!s)
		return;
	c->stream = NULL;
	char *msg = NULL;
	while (PQgetCopyData(c->pg, &msg, 0) > 0) {
		PQfreemem(msg);
		msg = NULL;
	}
	PGresult *r;
	while ((r = PQgetResult(c->pg)) != NULL)
		PQclear(r);
	s->streaming = 0;
	s->lost = 1;
	PQfreemem(s->copy_msg);
	s->copy_msg = NULL;
}

/*
 * Bulk mode: send the rows batched, read the outcome of every statement
 * sent and not yet read, and leave pipeline mode, so that the connection
 * takes ordinary calls again. 0, or the code of the first insert that
 * failed (the transaction is then aborted). Nothing to do outside bulk
 * mode's pipeline.
 */
static int
drain(struct conn *c, struct err *e)
{
	stream_stop(c);
	int rc = flush_batches(c, e);
	if (!c->piped)
		return rc;
	struct err later;
	err_clear(&later);
	int synced = sync_results(c, rc ? &later : e);
	PQexitPipelineMode(c->pg);
	c->piped = 0;
	return rc ? rc : synced;
}

/* drain, its error dropped (rollbacks, cleanup: the transaction goes
 * either way). */
static void
drain_quiet(struct conn *c)
{
	struct err e;
	err_clear(&e);
	(void)drain(c, &e);
}

/* Run sql (no parameters) and check it gave ok; 0 or a code. */
static int
run(struct conn *c, const char *sql, struct err *e)
{
	int drained = drain(c, e);
	if (drained)
		return drained;
	PGresult *r = PQexec(c->pg, sql);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int rc = 0;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY)
		rc = map_error(r, c->pg, e);
	PQclear(r);
	return rc;
}

/* Run sql ignoring its outcome (rollbacks, cleanup). */
static void
run_quiet(struct conn *c, const char *sql)
{
	drain_quiet(c);
	PQclear(PQexec(c->pg, sql));
}

static void
pg_close(void *conn)
{
	struct conn *c = conn;
	if (!c)
		return;
	PQfinish(c->pg);
	free(c->fks);
	free(c);
}

/* NOTICEs and WARNINGs would go to stderr: Spire's log wants neither. */
static void
quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * Create the database path names when it is missing: connect with the
 * same parameters to the database "postgres" and CREATE DATABASE there.
 * 0 when created (or found), else a code with e filled.
 */
static int
create_database(const char *path, struct err *e)
{
	char *errmsg = NULL;
	PQconninfoOption *opts = PQconninfoParse(path, &errmsg);
	if (!opts) {
		err_set(e, SPIRE_EINVAL, "db", "not a PostgreSQL URL: %s",
		        errmsg ? errmsg : "out of memory");
		PQfreemem(errmsg);
		return SPIRE_EINVAL;
	}
	const char *keys[64];
	const char *vals[64];
	const char *dbname = NULL;
	int n = 0;
	for (PQconninfoOption *o = opts; o->keyword && n < 62; o++) {
		if (!o->val)
			continue;
		if (strcmp(o->keyword, "dbname") == 0) {
			dbname = o->val;
			continue;
		}
		keys[n] = o->keyword;
		vals[n++] = o->val;
	}
	keys[n] = "dbname";
	vals[n++] = "postgres";
	keys[n] = NULL;
	vals[n] = NULL;
	int rc = 0;
	if (!dbname || !*dbname) {
		rc = err_set(e, SPIRE_EINVAL, "db",
		             "name the database in the PostgreSQL URL");
		goto out;
	}
	PGconn *pg = PQconnectdbParams(keys, vals, 0);
	if (!pg || PQstatus(pg) != CONNECTION_OK) {
		char msg[200];
		snprintf(msg, sizeof(msg), "%s",
		         pg ? PQerrorMessage(pg) : "out of memory");
		msg[strcspn(msg, "\n")] = 0;
		rc = err_set(e, SPIRE_EIO, "db", "cannot open the database: %s",
		             msg);
		PQfinish(pg);
		goto out;
	}
	PQsetNoticeProcessor(pg, quiet_notices, NULL);
	char *ident = PQescapeIdentifier(pg, dbname, strlen(dbname));
	char sql[256];
	if (!ident || snprintf(sql, sizeof(sql), "CREATE DATABASE %s", ident) >=
	                  (int)sizeof(sql)) {
		rc = err_set(e, SPIRE_EINVAL, "db", "database name too long");
	} else {
		PGresult *r = PQexec(pg, sql);
		const char *state =
		    r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
		/* 42P04: made meanwhile by another connection. */
		if (PQresultStatus(r) != PGRES_COMMAND_OK &&
		    !(state && strcmp(state, "42P04") == 0))
			rc = err_set(e, SPIRE_EIO, "db",
			             "cannot create the database: %s",
			             primary(r, pg));
		PQclear(r);
	}
	PQfreemem(ident);
	PQfinish(pg);
out:
	PQconninfoFree(opts);
	return rc;
}

/* Whether a failed connection's message says its database is missing
 * (libpq gives no SQLSTATE for a failed connection; a server answering
 * in another language is not recognised, and then nothing is created). */
static int
missing_database(const char *msg)
{
	const char *d = strstr(msg, "database \"");
	return d && strstr(d, "\" does not exist") != NULL;
}

/*
 * Every answer waits until its audit rows are durable (docs/audit.md), so
 * a commit must be flushed before it returns: synchronous_commit off (a
 * common "tuning" set on a database or role) would let an answer go out
 * before its audit row is on disk. Any other setting (on, local,
 * remote_write, remote_apply) flushes locally and is kept; off is turned
 * on for Spire's own connections, and said once in the server's log.
 */
static int
durable_commits(struct conn *c, struct err *e)
{
	PGresult *r = PQexec(c->pg, "SHOW synchronous_commit");
	int off = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
	          strcmp(PQgetvalue(r, 0, 0), "off") == 0;
	PQclear(r);
	if (!off)
		return 0;
	static atomic_int said;
	if (atomic_exchange(&said, 1) == 0)
		fprintf(stderr,
		        "spire: the database sets synchronous_commit=off; "
		        "Spire sets it on for its own connections, so that "
		        "audit rows are durable before each answer\n");
	return run(c, "SET synchronous_commit = on", e);
}

/*
 * What every Spire connection sets once it is made (pg_open) or made again
 * (revive): quiet notices, UTF-8, SQLite's busy timeout as lock_timeout,
 * read-only readers, durable commits. 0 or a code.
 */
static int
session_setup(struct conn *c, struct err *e)
{
	PQsetNoticeProcessor(c->pg, quiet_notices, NULL);
	int rc =
	    PQsetClientEncoding(c->pg, "UTF8") == 0
	        ? 0
	        : err_set(e, SPIRE_EDB, "db", "the server cannot speak UTF-8");
	/* The busy timeout as SQLite's; read-only readers as query_only. */
	if (!rc)
		rc = run(
		    c,
		    "SET lock_timeout = " STR(
		        BUSY_TIMEOUT_MS) ";"
		                         " SET client_min_messages = warning",
		    e);
	if (!rc && (c->flags & DB_OPEN_READONLY) &&
	    !(c->flags & DB_OPEN_CREATE))
		rc = run(c, "SET default_transaction_read_only = on", e);
	if (!rc)
		rc = durable_commits(c, e);
	return rc;
}

/*
 * Make a lost connection again (libpq's PQreset: the same URL), when no
 * transaction of the caller's is open and not in bulk mode (a load's
 * transaction is gone with the connection). Statements are prepared again
 * at their next run (epoch). 0 when the connection is up (made again or
 * never lost); SPIRE_EIO when it cannot be made.
 */
static int
revive(struct conn *c, struct err *e)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	if (c->tx_open || c->bulk)
		return unreachable(e);
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return unreachable(e);
	atomic_store(&said_unreachable, 0);
	c->piped = 0;
	c->pending = 0;
	c->in_read = 0;
	c->epoch++;
	fprintf(stderr, "spire: the connection to PostgreSQL was lost and "
	                "has been made again\n");
	return session_setup(c, e);
}

/* Whether a failure left the connection lost with nothing of the
 * caller's open, so that revive may make it again and the same call be
 * tried once more. */
static int
lost_between(const struct conn *c)
{
	return PQstatus(c->pg) != CONNECTION_OK && !c->tx_open && !c->bulk;
}

static int
pg_open(const char *path, unsigned flags, void **out, struct err *e)
{
	*out = NULL;
	int loaded = libpq_load(e);
	if (loaded)
		return loaded;
	struct conn *c = calloc(1, sizeof(*c));
	if (!c)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	c->flags = flags;
	c->pg = PQconnectdb(path);
	if (c->pg && PQstatus(c->pg) != CONNECTION_OK &&
	    (flags & DB_OPEN_CREATE) &&
	    missing_database(PQerrorMessage(c->pg))) {
		/* Only a missing database is created; any other failure
		 * (refused, authentication) is reported as it is. */
		PQfinish(c->pg);
		c->pg = NULL;
		int rc = create_database(path, e);
		if (rc) {
			free(c);
			return rc;
		}
		c->pg = PQconnectdb(path);
	}
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		/* Never the URL itself: it may hold a password. */
		char msg[200];
		snprintf(msg, sizeof(msg), "%s",
		         c->pg ? PQerrorMessage(c->pg) : "out of memory");
		msg[strcspn(msg, "\n")] = 0;
		err_set(e, SPIRE_EIO, "db", "cannot open the database: %s",
		        msg);
		pg_close(c);
		return SPIRE_EIO;
	}
	int rc = session_setup(c, e);
	if (rc) {
		pg_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

static int
pg_exec(void *conn, const char *sql, struct err *e)
{
	return run(conn, sql, e);
}

static int64_t
pg_changes(void *conn)
{
	return ((struct conn *)conn)->changes;
}

/*
 * Each parameter $n of sql in order: visit(arg, from, at, n), the text
 * since the last one (or the start) being from..at; then visit(arg,
 * from, end, 0) for the text after the last. Skips quoted text, quoted
 * names, comments and dollar-quoted bodies. 0, or SPIRE_EDB for $n out
 * of range.
 */
typedef void param_visit(void *arg, const char *from, const char *at, long n);

static int
walk_params(const char *sql, param_visit *visit, void *arg, struct err *e)
{
	const char *from = sql;
	const char *p = sql;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p++;
			while (*p && *p != q)
				p++;
			if (*p)
				p++;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			char *end;
			long n = strtol(p + 1, &end, 10);
			if (n < 1 || n > MAX_PARAMS)
				return err_set(e, SPIRE_EDB, NULL,
				               "bad parameter $%ld in SQL", n);
			visit(arg, from, p, n);
			p = from = end;
		} else if (*p == '$') {
			/* $tag$ ... $tag$ */
			const char *tag_end = strchr(p + 1, '$');
			size_t tag = tag_end ? (size_t)(tag_end - p) + 1 : 0;
			const char *close = NULL;
			if (tag && strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
			                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
			                         "0123456789") == tag - 2) {
				char mark[64];
				if (tag < sizeof(mark)) {
					memcpy(mark, p, tag);
					mark[tag] = 0;
					close = strstr(p + tag, mark);
				}
				p = close ? close + tag : p + strlen(p);
			} else {
				p++;
			}
		} else if ((*p >= 'a' && *p <= 'z') ||
		           (*p >= 'A' && *p <= 'Z') || *p == '_') {
			/* A word, so that x$1 is not a parameter. */
			while ((*p >= 'a' && *p <= 'z') ||
			       (*p >= 'A' && *p <= 'Z') || *p == '_' ||
			       *p == '$' || (*p >= '0' && *p <= '9'))
				p++;
		} else {
			p++;
		}
	}
	visit(arg, from, p, 0);
	return 0;
}

struct param_count {
	int count;
	unsigned char *used;
};

static void
count_param(void *arg, const char *from, const char *at, long n)
{
	(void)from;
	(void)at;
	struct param_count *c = arg;
	if (n == 0)
		return;
	c->used[n] = 1;
	if (n > c->count)
		c->count = (int)n;
}

/* The parameters of sql (walk_params): *count set to the highest $n,
 * used[n] to 1 for each n written. */
static int
scan_params(const char *sql, int *count, unsigned char *used, struct err *e)
{
	struct param_count c = {0, used};
	int rc = walk_params(sql, count_param, &c, e);
	*count = c.count;
	return rc;
}

/* Whether sql changes data or schema (so needs the write lock). */
static int
is_write(const char *sql)
{
	const char *p = sql;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '(')
		p++;
	static const char *const reads[] = {"SELECT", "VALUES", "SHOW",
	                                    "EXPLAIN", "TABLE"};
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		if (strncasecmp(p, reads[i], strlen(reads[i])) == 0)
			return 0;
	if (strncasecmp(p, "WITH", 4) == 0)
		return strcasestr(p, "INSERT ") || strcasestr(p, "UPDATE ") ||
		       strcasestr(p, "DELETE ");
	return 1;
}

static void
clear_row(struct stmt *s)
{
	if (!s->blobs || !s->decoded)
		return;
	s->decoded = 0;
	int n = s->res ? PQnfields(s->res) : 0;
	for (int i = 0; i < n; i++) {
		PQfreemem(s->blobs[i]);
		s->blobs[i] = NULL;
	}
}

/* r is s's run's result (its rows are walked by step). */
static void
set_result(struct stmt *s, PGresult *r)
{
	s->res = r;
	s->nrows = r ? PQntuples(r) : 0;
	s->ncols = r ? PQnfields(r) : 0;
}

static void
pg_reset(void *st)
{
	struct stmt *s = st;
	clear_row(s);
	PQclear(s->res);
	s->res = NULL;
	if (s->c->stream == s)
		stream_stop(s->c);
	PQfreemem(s->copy_msg);
	s->copy_msg = NULL;
	s->stream = s->streaming = s->stream_done = s->lost = 0;
	s->row = 0;
	s->nrows = s->ncols = 0;
	s->binary = 0;
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = 0;
		s->fmts[i] = 0;
	}
}

static void
pg_finalize(void *st)
{
	struct stmt *s = st;
	if (!s)
		return;
	/* db.c finalizes only as it closes the connection, which drops
	 * the server's prepared statements with it: no DEALLOCATE. */
	pg_reset(s);
	PQclear(s->desc);
	free(s->id_sql);
	free(s->sql);
	for (int i = 0; i < MAX_PARAMS; i++)
		free(s->arr[i]);
	free(s->blobs);
	free(s->blob_lens);
	free(s->types);
	free(s->itext);
	copy_rows_release(&s->cr);
	free(s);
}

/* The n of "... parameter $n" in a could-not-determine-type error. */
static int
untyped_param(const PGresult *r)
{
	const char *msg = primary(r, NULL);
	const char *d = strrchr(msg, '$');
	long n = d ? strtol(d + 1, NULL, 10) : 0;
	return n >= 1 && n <= MAX_PARAMS ? (int)n : 0;
}

/* Whether r failed for a parameter the server could not type (42P18
 * indeterminate, 42P08 ambiguous). */
static int
untyped(const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return state &&
	       (strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0);
}

/* PQprepare; inside a transaction under a savepoint, so that a refused
 * text does not abort the caller's transaction. */
static PGresult *
try_prepare(struct conn *c, const char *name, const char *sql, int nparams,
            const Oid *types)
{
	int in_tx = PQtransactionStatus(c->pg) == PQTRANS_INTRANS;
	if (in_tx)
		run_quiet(c, "SAVEPOINT spire_prepare");
	PGresult *r = PQprepare(c->pg, name, sql, nparams, types);
	int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
	if (in_tx)
		run_quiet(c, ok ? "RELEASE SAVEPOINT spire_prepare"
		                : "ROLLBACK TO SAVEPOINT spire_prepare");
	return r;
}

/* Skip white space; the end of it. */
static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

/* p after the word w (any case) and at least one space before it, or
 * NULL. */
static const char *
word_after_space(const char *p, const char *w)
{
	const char *q = skip_space(p);
	size_t n = strlen(w);
	if (q == p || strncasecmp(q, w, n) != 0)
		return NULL;
	char next = q[n];
	if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
	    next == '_' || (next >= '0' && next <= '9'))
		return NULL;
	return q + n;
}

/*
 * sql with each "$n IS NULL" and "$n IS NOT NULL" written TRUE: a copy
 * (malloc) only for learning the parameters' types from their other uses.
 * NULL when out of memory.
 */
static char *
without_null_tests(const char *sql)
{
	char *out = malloc(strlen(sql) + 1);
	if (!out)
		return NULL;
	char *w = out;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			*w++ = *p++;
			while (*p && *p != q)
				*w++ = *p++;
			if (*p)
				*w++ = *p++;
			continue;
		}
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			const char *q = p + 1;
			while (*q >= '0' && *q <= '9')
				q++;
			const char *t = word_after_space(q, "IS");
			const char *u = t ? word_after_space(t, "NOT") : NULL;
			const char *v =
			    t ? word_after_space(u ? u : t, "NULL") : NULL;
			if (v) {
				memcpy(w, "TRUE", 4);
				w += 4;
				p = v;
				continue;
			}
		}
		*w++ = *p++;
	}
	*w = 0;
	return out;
}

/*
 * Learn into types the parameters' types that their uses other than
 * "$n IS NULL" give (PostgreSQL types a parameter at its first use, and
 * IS NULL says nothing: "($2 IS NULL OR a.user_id = $2)" is refused as
 * written). A parameter used only in IS NULL tests, or nowhere typed,
 * becomes text. Leaves types as they were when the probe fails.
 */
static void
learn_types(struct conn *c, const char *sql, int nparams, Oid *types)
{
	char *probe = without_null_tests(sql);
	if (!probe)
		return;
	unsigned char used[MAX_PARAMS + 1] = {0};
	int count = 0;
	Oid guess[MAX_PARAMS] = {0};
	struct err e;
	err_clear(&e);
	if (scan_params(probe, &count, used, &e) == 0) {
		for (int n = 1; n <= nparams; n++)
			if (!used[n])
				guess[n - 1] = OID_TEXT;
		for (int tries = 0; tries <= nparams; tries++) {
			PGresult *r = try_prepare(c, "spire_probe", probe,
			                          nparams, guess);
			int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
			int n = ok || !untyped(r) ? 0 : untyped_param(r);
			PQclear(r);
			if (ok) {
				/* Named: try_prepare's SAVEPOINT texts
				 * would replace an unnamed statement. */
				PGresult *d =
				    PQdescribePrepared(c->pg, "spire_probe");
				if (d &&
				    PQresultStatus(d) == PGRES_COMMAND_OK &&
				    PQnparams(d) == nparams)
					for (int i = 0; i < nparams; i++)
						types[i] = PQparamtype(d, i);
				PQclear(d);
				run_quiet(c, "DEALLOCATE spire_probe");
				break;
			}
			if (!n || n > nparams || guess[n - 1])
				break;
			guess[n - 1] = OID_TEXT;
		}
	}
	free(probe);
}

/*
 * PQprepare sql as name with the types the server infers; when it cannot
 * type a parameter from the text, with the types learn_types finds, and
 * failing that text for the parameter it names.
 */
static PGresult *
prepare_typed(struct conn *c, const char *name, const char *sql, int nparams)
{
	Oid types[MAX_PARAMS] = {0};
	int learned = 0;
	for (int tries = 0;; tries++) {
		PGresult *r = try_prepare(c, name, sql, nparams, types);
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK)
			return r;
		if (!untyped(r) || tries > nparams)
			return r;
		int n = untyped_param(r);
		if (!learned) {
			learned = 1;
			learn_types(c, sql, nparams, types);
		} else if (n && n <= nparams && types[n - 1] != OID_TEXT) {
			types[n - 1] = OID_TEXT;
		} else {
			return r;
		}
		PQclear(r);
	}
}

/*
 * How sql may be sent in bulk mode (the header's "Bulk mode"): a
 * single-row "INSERT INTO t(cols) VALUES (...)" with no SELECT, ON
 * CONFLICT or RETURNING is PIPE_PLAIN (*id_sql a copy of sql); the same
 * ending in "RETURNING id" (its one column) is PIPE_ID, *id_sql the text
 * that inserts id as $nparams+1 instead. table is set to t; *id_sql is
 * malloc'd (NULL when out of memory, and then PIPE_NO). Anything else is
 * PIPE_NO.
 */
static enum pipe_kind
pipe_kind_of(const char *sql, int cols, int nparams, char *table,
             size_t table_size, char **id_sql)
{
	*id_sql = NULL;
	static const char head[] = "INSERT INTO ";
	static const char tail[] = ") RETURNING id";
	if (strncmp(sql, head, sizeof(head) - 1) != 0 ||
	    strcasestr(sql, "SELECT") || strcasestr(sql, "ON CONFLICT") ||
	    strstr(sql, "), (") || !strstr(sql, " VALUES ("))
		return PIPE_NO;
	const char *name = sql + sizeof(head) - 1;
	size_t name_len = strspn(name, "abcdefghijklmnopqrstuvwxyz_0123456789");
	if (!name_len || name[name_len] != '(')
		return PIPE_NO;
	if (name_len >= table_size)
		return PIPE_NO;
	const char *ret = strcasestr(sql, "RETURNING");
	if (!ret) {
		if (cols != 0 || !(*id_sql = strdup(sql)))
			return PIPE_NO;
		memcpy(table, name, name_len);
		table[name_len] = 0;
		return PIPE_PLAIN;
	}
	size_t len = strlen(sql);
	if (cols != 1 || nparams >= MAX_PARAMS || len < sizeof(tail) - 1 ||
	    strcmp(sql + len - (sizeof(tail) - 1), tail) != 0 ||
	    ret != sql + len - (sizeof(tail) - 3))
		return PIPE_NO;
	/* "INSERT INTO t(cols, id) VALUES (values, $n+1)": the columns'
	 * list ends at its first ')'; " RETURNING id" dropped. */
	const char *cols_end = strchr(name + name_len, ')');
	const char *values_end = sql + len - (sizeof(tail) - 1);
	if (!cols_end || cols_end > values_end)
		return PIPE_NO;
	size_t size = len + 32;
	char *out = malloc(size);
	if (!out)
		return PIPE_NO;
	int n =
	    snprintf(out, size, "%.*s, id%.*s, $%d)", (int)(cols_end - sql),
	             sql, (int)(values_end - cols_end), cols_end, nparams + 1);
	if (n < 0 || (size_t)n >= size) {
		free(out);
		return PIPE_NO;
	}
	memcpy(table, name, name_len);
	table[name_len] = 0;
	*id_sql = out;
	return PIPE_ID;
}

/* The type a parameter of type t is cast to when written into a
 * streamed read's text, or NULL: such a statement is not streamed. */
static const char *
param_cast(Oid t)
{
	switch (t) {
	case OID_INT2:
		return "smallint";
	case OID_INT4:
		return "integer";
	case OID_INT8:
		return "bigint";
	case OID_TEXT:
		return "text";
	case OID_VARCHAR:
		return "varchar";
	case OID_BOOL:
		return "boolean";
	default:
		return NULL;
	}
}

struct copy_text {
	struct stmt *s;
	char *out;
	size_t len, cap;
	int failed;
};

static void
copy_text_add(struct copy_text *t, const char *p, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 1024;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *grown = realloc(t->out, cap);
		if (!grown) {
			t->failed = 1;
			return;
		}
		t->out = grown;
		t->cap = cap;
	}
	memcpy(t->out + t->len, p, n);
	t->len += n;
	t->out[t->len] = 0;
}

/* walk_params' visitor: the text up to $n, then $n's value as a typed
 * literal (escaped by libpq for the connection's encoding). */
static void
copy_text_param(void *arg, const char *from, const char *at, long n)
{
	struct copy_text *t = arg;
	struct stmt *s = t->s;
	copy_text_add(t, from, (size_t)(at - from));
	if (n == 0)
		return;
	const char *type = param_cast(PQparamtype(s->desc, (int)n - 1));
	const char *v = s->vals[n - 1];
	char *lit = v ? PQescapeLiteral(s->c->pg, v, strlen(v)) : NULL;
	if (!type || (v && !lit)) {
		t->failed = 1;
		return;
	}
	copy_text_add(t, "CAST(", 5);
	copy_text_add(t, lit ? lit : "NULL", lit ? strlen(lit) : 4);
	copy_text_add(t, " AS ", 4);
	copy_text_add(t, type, strlen(type));
	copy_text_add(t, ")", 1);
	PQfreemem(lit);
}

static int
pg_prepare(void *conn, const char *sql, void **out, struct err *e)
{
	struct conn *c = conn;
	*out = NULL;
	unsigned char used[MAX_PARAMS + 1] = {0};
	int count = 0;
	int rc = scan_params(sql, &count, used, e);
	if (rc)
		return rc;
	/* $1..$n without gaps (db.h): a gap is a parameter no caller can
	 * bind usefully and PostgreSQL cannot type. */
	for (int n = 1; n <= count; n++)
		if (!used[n])
			return err_set(e, SPIRE_EDB, NULL,
			               "SQL uses %d parameters but not $%d",
			               count, n);
	rc = drain(c, e);
	if (!rc && PQstatus(c->pg) != CONNECTION_OK)
		rc = revive(c, e);
	if (rc)
		return rc;
	struct stmt *s = calloc(1, sizeof(*s));
	if (!s)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	s->sql = strdup(sql);
	if (!s->sql) {
		free(s->sql);
		free(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	s->epoch = c->epoch;
	s->c = c;
	s->nparams = count;
	s->write = is_write(sql);
	snprintf(s->name, sizeof(s->name), "s%lu", ++c->next_name);
	PGresult *r = prepare_typed(c, s->name, sql, count);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = map_error(r, c->pg, e);
		PQclear(r);
		free(s->sql);
		free(s);
		return rc;
	}
	PQclear(r);
	s->desc = PQdescribePrepared(c->pg, s->name);
	if (!s->desc || PQresultStatus(s->desc) != PGRES_COMMAND_OK) {
		rc = map_error(s->desc, c->pg, e);
		PQclear(s->desc);
		free(s->sql);
		free(s);
		return rc;
	}
	int cols = PQnfields(s->desc);
	s->types = calloc((size_t)(cols ? cols : 1), sizeof(*s->types));
	for (int i = 0; s->types && i < cols; i++)
		s->types[i] = PQftype(s->desc, i);
	s->blobs = calloc((size_t)(cols ? cols : 1), sizeof(*s->blobs));
	s->blob_lens = calloc((size_t)(cols ? cols : 1), sizeof(*s->blob_lens));
	if (!s->blobs || !s->blob_lens || !s->types) {
		free(s->blobs);
		free(s->blob_lens);
		free(s->types);
		PQclear(s->desc);
		free(s->sql);
		free(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	s->pipe = pipe_kind_of(sql, cols, count, s->table, sizeof(s->table),
	                       &s->id_sql);
	s->bin_ok = cols > 0;
	for (int i = 0; i < cols && s->bin_ok; i++) {
		Oid t = s->types[i];
		s->bin_ok = t == OID_INT2 || t == OID_INT4 || t == OID_INT8 ||
		            t == OID_TEXT || t == OID_VARCHAR || t == OID_BOOL;
	}
	if (s->bin_ok && !(s->itext = calloc((size_t)cols, sizeof(*s->itext))))
		s->bin_ok = 0;
	s->stream_ok = s->bin_ok && !s->write;
	for (int i = 0; i < count && s->stream_ok; i++)
		s->stream_ok = param_cast(PQparamtype(s->desc, i)) != NULL;
	*out = s;
	return 0;
}

/* Keep a copy of len bytes as parameter n's value (text when fmt is 0,
 * NUL-terminated). */
static int
set_param(struct stmt *s, int n, const void *v, size_t len, int fmt)
{
	if (n < 1 || n > s->nparams)
		return SPIRE_EDB;
	if (len > INT32_MAX)
		return SPIRE_ETOOBIG;
	char *copy = malloc(len + 1);
	if (!copy)
		return SPIRE_ENOMEM;
	if (len)
		memcpy(copy, v, len);
	copy[len] = 0;
	free(s->vals[n - 1]);
	s->vals[n - 1] = copy;
	s->lens[n - 1] = (int)len;
	s->fmts[n - 1] = fmt;
	return 0;
}

static int
pg_bind_int(void *st, int n, int64_t v)
{
	char buf[24];
	int len = snprintf(buf, sizeof(buf), "%" PRId64, v);
	return set_param(st, n, buf, (size_t)len, 0);
}

static int
pg_bind_double(void *st, int n, double v)
{
	char buf[32];
	int len;
	if (v != v)
		len = snprintf(buf, sizeof(buf), "NaN");
	else if (v > 1.7976931348623157e308)
		len = snprintf(buf, sizeof(buf), "Infinity");
	else if (v < -1.7976931348623157e308)
		len = snprintf(buf, sizeof(buf), "-Infinity");
	else
		len = snprintf(buf, sizeof(buf), "%.17g", v);
	return set_param(st, n, buf, (size_t)len, 0);
}

/* "1" and "0": what both an integer and a boolean column read. */
static int
pg_bind_bool(void *st, int n, bool v)
{
	return set_param(st, n, v ? "1" : "0", 1, 0);
}

static int
pg_bind_text(void *st, int n, const char *v, size_t len)
{
	return set_param(st, n, v, len, 0);
}

static int
pg_bind_blob(void *st, int n, const void *v, size_t len)
{
	return set_param(st, n, v, len, 1);
}

static int
pg_bind_null(void *st, int n)
{
	struct stmt *s = st;
	if (n < 1 || n > s->nparams)
		return SPIRE_EDB;
	free(s->vals[n - 1]);
	s->vals[n - 1] = NULL;
	return 0;
}

/* Begin a writer's transaction holding the write lock; on failure the
 * transaction is gone. */
static int
begin_locked(struct conn *c, struct err *e)
{
	int rc = run(c,
	             "BEGIN ISOLATION LEVEL READ COMMITTED;"
	             " SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")",
	             e);
	if (rc)
		run_quiet(c, "ROLLBACK");
	return rc;
}

/* Bulk mode: the next id reserved for table into *id, reserving a block
 * of PIPE_IDS from its identity sequence first when none is left. */
static int
next_id(struct conn *c, const char *table, int64_t *id, struct err *e)
{
	struct id_block *b = NULL;
	for (int i = 0; i < c->n_blocks && !b; i++)
		if (strcmp(c->blocks[i].table, table) == 0)
			b = &c->blocks[i];
	if (!b) {
		if (c->n_blocks == PIPE_TABLES)
			return err_set(e, SPIRE_EDB, NULL,
			               "store error: too many tables in "
			               "one bulk load");
		int rc = drain(c, e);
		if (rc)
			return rc;
		const char *vals[] = {table};
		PGresult *r = PQexecParams(
		    c->pg, "SELECT pg_get_serial_sequence($1::text, 'id')", 1,
		    NULL, vals, NULL, NULL, 0);
		if (!r || PQresultStatus(r) != PGRES_TUPLES_OK ||
		    PQntuples(r) != 1 || PQgetisnull(r, 0, 0) ||
		    (size_t)PQgetlength(r, 0, 0) >= sizeof(b->seq)) {
			rc = r && PQresultStatus(r) != PGRES_TUPLES_OK
			         ? map_error(r, c->pg, e)
			         : err_set(e, SPIRE_EDB, NULL,
			                   "store error: %s has no id sequence",
			                   table);
			PQclear(r);
			return rc;
		}
		b = &c->blocks[c->n_blocks++];
		snprintf(b->table, sizeof(b->table), "%s", table);
		snprintf(b->seq, sizeof(b->seq), "%s", PQgetvalue(r, 0, 0));
		b->next = b->end = 0;
		PQclear(r);
	}
	if (b->next == 0 || b->next > b->end) {
		int rc = drain(c, e);
		if (rc)
			return rc;
		/* The block's last id; nextval first, so the block starts
		 * where a row-by-row insert would. */
		const char *vals[] = {b->seq};
		PGresult *r = PQexecParams(
		    c->pg,
		    "SELECT setval($1::regclass, nextval($1::regclass) + " STR(
		        PIPE_IDS) " - 1)",
		    1, NULL, vals, NULL, NULL, 0);
		if (!r || PQresultStatus(r) != PGRES_TUPLES_OK ||
		    PQntuples(r) != 1) {
			rc = map_error(r, c->pg, e);
			PQclear(r);
			return rc;
		}
		b->end = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		b->next = b->end - PIPE_IDS + 1;
		PQclear(r);
	}
	*id = b->next++;
	return 0;
}

/* Bulk mode at COMMIT: each table's sequence set back to its block's
 * first unused id, unless an insert took ids after the block (then the
 * rest of the block is a gap, as after a rollback). Queued in the
 * pipeline before the COMMIT; the blocks are forgotten. */
static int
give_back_ids(struct conn *c, struct err *e)
{
	int rc = 0;
	for (int i = 0; i < c->n_blocks && !rc; i++) {
		struct id_block *b = &c->blocks[i];
		if (b->next == 0 || b->next > b->end)
			continue;
		char next[24], end[24];
		snprintf(next, sizeof(next), "%" PRId64, b->next);
		snprintf(end, sizeof(end), "%" PRId64, b->end);
		const char *vals[] = {b->seq, next, end};
		PGresult *r = PQexecParams(
		    c->pg,
		    "SELECT setval($1::regclass, GREATEST($2::bigint - 1, 1),"
		    " $2::bigint > 1)"
		    " WHERE pg_sequence_last_value($1::regclass) = $3::bigint",
		    3, NULL, vals, NULL, NULL, 0);
		if (!r || PQresultStatus(r) != PGRES_TUPLES_OK)
			rc = map_error(r, c->pg, e);
		PQclear(r);
	}
	c->n_blocks = 0;
	return rc;
}

/* Bulk mode: send a prepared statement without waiting for its outcome
 * (read by sync_results), entering pipeline mode first. */
static int
send_piped(struct conn *c, const char *name, int n, const char *const *vals,
           const int *lens, const int *fmts, struct err *e)
{
	if (c->piped && c->pending >= PIPE_MAX) {
		int rc = sync_results(c, e);
		if (rc)
			return rc;
	}
	if (!c->piped) {
		if (!PQenterPipelineMode(c->pg))
			return map_error(NULL, c->pg, e);
		c->piped = 1;
	}
	if (!PQsendQueryPrepared(c->pg, name, n, vals, lens, fmts, 0))
		return map_error(NULL, c->pg, e);
	c->pending++;
	return 0;
}

/* The array type of a parameter type bulk mode batches, or 0. */
static Oid
array_of(Oid t)
{
	switch (t) {
	case OID_BOOL:
		return 1000;
	case OID_INT2:
		return 1005;
	case OID_INT4:
		return 1007;
	case OID_INT8:
		return 1016;
	case OID_TEXT:
		return 1009;
	case OID_FLOAT4:
		return 1021;
	case OID_FLOAT8:
		return 1022;
	case OID_NUMERIC:
		return 1231;
	case 1043: /* varchar */
		return 1015;
	default:
		return 0;
	}
}

/* Whether a foreign key of table references other. */
static int
references(const struct conn *c, const char *table, const char *other)
{
	for (int i = 0; i < c->n_fks; i++)
		if (strcmp(c->fks[i][0], table) == 0 &&
		    strcmp(c->fks[i][1], other) == 0)
			return 1;
	return 0;
}

/* Append to s's array literal of parameter i: its separator and the value
 * v (NULL: SQL NULL) quoted, or the closing brace when close. */
static int
arr_put(struct stmt *s, int i, const char *v, int close)
{
	size_t vlen = v ? strlen(v) : 4;
	size_t need = s->arr_len[i] + 2 * vlen + 8;
	if (need > s->arr_cap[i]) {
		size_t cap = s->arr_cap[i] ? s->arr_cap[i] : 256;
		while (cap < need)
			cap *= 2;
		char *grown = realloc(s->arr[i], cap);
		if (!grown)
			return SPIRE_ENOMEM;
		s->arr[i] = grown;
		s->arr_cap[i] = cap;
	}
	char *w = s->arr[i] + s->arr_len[i];
	if (s->arr_len[i] == 0)
		*w++ = '{';
	if (close)
		*w++ = '}';
	else if (s->arr_len[i] != 0)
		*w++ = ',';
	if (!close) {
		if (!v) {
			memcpy(w, "NULL", 4);
			w += 4;
		} else {
			*w++ = '"';
			for (const char *p = v; *p; p++) {
				if (*p == '"' || *p == '\\')
					*w++ = '\\';
				*w++ = *p;
			}
			*w++ = '"';
		}
	}
	*w = 0;
	s->arr_len[i] = (size_t)(w - s->arr[i]);
	return 0;
}

/*
 * Bulk mode: send every batch, in the order of their first rows, each as
 * one INSERT ... SELECT ... FROM unnest(...) (rows reordered only across
 * tables, never against a foreign key: batch_add). The batches are empty
 * after, sent or not.
 */
static int
flush_batches(struct conn *c, struct err *e)
{
	int rc = 0;
	for (int k = 0; k < c->n_open; k++) {
		struct stmt *s = c->open[k];
		int n = s->nparams + (s->pipe == PIPE_ID);
		const char *vals[MAX_PARAMS];
		for (int i = 0; i < n && !rc; i++) {
			if (arr_put(s, i, NULL, 1))
				rc = err_set(e, SPIRE_ENOMEM, NULL,
				             "out of memory");
			vals[i] = s->arr[i];
		}
		if (!rc)
			rc = send_piped(c, s->batch_name, n, vals, NULL, NULL,
			                e);
		for (int i = 0; i < n; i++)
			s->arr_len[i] = 0;
		s->batch_rows = 0;
	}
	c->n_open = 0;
	return rc;
}

/*
 * Bulk mode, at s's first row: prepare "INSERT INTO t(cols) SELECT exprs
 * FROM unnest($1, ..., $n) AS u(p1, ..., pn)" from s's "INSERT INTO
 * t(cols) VALUES (exprs)" (each $k in exprs read as u.pk), each parameter
 * an array of the type the server gave the original's. s->batchable is
 * then 1, or -1 when a type has no array here or the server refuses the
 * text (s's rows are then sent one by one). 0 or a code.
 */
static int
batch_prepare(struct conn *c, struct stmt *s, int n, struct err *e)
{
	s->batchable = -1;
	if (c->n_fks < 0 || !c->fks)
		return 0;
	Oid types[MAX_PARAMS];
	for (int i = 0; i < n; i++) {
		types[i] = array_of(i < s->nparams ? PQparamtype(s->desc, i)
		                                   : OID_INT8);
		if (!types[i])
			return 0;
	}
	const char *text = s->id_sql;
	const char *v = strstr(text, " VALUES (");
	size_t len = strlen(text);
	if (!v || len < 2 || text[len - 1] != ')')
		return 0;
	size_t size = 2 * len + 24 * (size_t)n + 64;
	char *sql = malloc(size);
	if (!sql)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	size_t at = (size_t)(v - text);
	memcpy(sql, text, at);
	at += (size_t)snprintf(sql + at, size - at, " SELECT ");
	for (const char *p = v + strlen(" VALUES ("); p < text + len - 1;) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			sql[at++] = *p++;
			while (p < text + len - 1 && *p != q)
				sql[at++] = *p++;
			if (p < text + len - 1)
				sql[at++] = *p++;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			char *after;
			long k = strtol(p + 1, &after, 10);
			at +=
			    (size_t)snprintf(sql + at, size - at, "u.p%ld", k);
			p = after;
		} else {
			sql[at++] = *p++;
		}
	}
	at += (size_t)snprintf(sql + at, size - at, " FROM unnest(");
	for (int i = 1; i <= n; i++)
		at += (size_t)snprintf(sql + at, size - at, "%s$%d",
		                       i > 1 ? ", " : "", i);
	at += (size_t)snprintf(sql + at, size - at, ") AS u(");
	for (int i = 1; i <= n; i++)
		at += (size_t)snprintf(sql + at, size - at, "%sp%d",
		                       i > 1 ? ", " : "", i);
	snprintf(sql + at, size - at, ")");
	int rc = drain(c, e);
	if (!rc) {
		char name[24];
		snprintf(name, sizeof(name), "s%lu", ++c->next_name);
		PGresult *r = try_prepare(c, name, sql, n, types);
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK) {
			memcpy(s->batch_name, name, sizeof(name));
			s->batchable = 1;
		}
		PQclear(r);
	}
	free(sql);
	return rc;
}

/*
 * Bulk mode: add a row (n values, the id last for PIPE_ID) to s's batch.
 * Rows of one table are sent together, before the batches begun after
 * theirs: a row joins its table's batch unless a batch begun after it
 * holds rows of a table its table references (then every batch is sent
 * first), so that no row is sent before a row it may refer to.
 */
static int
batch_add(struct conn *c, struct stmt *s, const char *const *vals, int n,
          struct err *e)
{
	int rc = 0;
	if (s->batch_rows > 0) {
		int at = 0;
		while (at < c->n_open && c->open[at] != s)
			at++;
		for (int i = at + 1; i < c->n_open && !rc; i++)
			if (references(c, s->table, c->open[i]->table))
				rc = flush_batches(c, e);
	}
	if (!rc && s->batch_rows == 0 && c->n_open == PIPE_TABLES)
		rc = flush_batches(c, e);
	if (rc)
		return rc;
	if (s->batch_rows == 0)
		c->open[c->n_open++] = s;
	for (int i = 0; i < n; i++)
		if (arr_put(s, i, vals[i], 0))
			return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (++s->batch_rows >= BATCH_ROWS)
		rc = flush_batches(c, e);
	return rc;
}

/* PIPE_ID sent alone: prepare its text with the id once, typed as the
 * original's parameters and a bigint. */
static int
prepare_id_sql(struct conn *c, struct stmt *s, struct err *e)
{
	int rc = drain(c, e);
	if (rc)
		return rc;
	int n = s->nparams;
	Oid types[MAX_PARAMS];
	for (int i = 0; i < n; i++)
		types[i] = PQparamtype(s->desc, i);
	types[n] = OID_INT8;
	char name[24];
	snprintf(name, sizeof(name), "s%lu", ++c->next_name);
	PGresult *r = PQprepare(c->pg, name, s->id_sql, n + 1, types);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = map_error(r, c->pg, e);
	else
		memcpy(s->id_name, name, sizeof(name));
	PQclear(r);
	return rc;
}

/* Bulk mode: one more row in table. */
static void
count_row(struct conn *c, const char *table)
{
	struct grown *g = NULL;
	for (int i = 0; i < c->n_grown && !g; i++)
		if (strcmp(c->grown[i].table, table) == 0)
			g = &c->grown[i];
	if (!g && c->n_grown < PIPE_TABLES) {
		g = &c->grown[c->n_grown++];
		snprintf(g->table, sizeof(g->table), "%s", table);
		g->added = g->total = 0;
	}
	if (g) {
		g->added++;
		g->total++;
	}
}

/*
 * Bulk mode, before a read: ANALYZE the tables the load has grown by
 * ANALYZE_ROWS rows and by at least half their size since their last
 * ANALYZE (so a few times per table in a whole load). Autovacuum cannot
 * see a load's rows before its commit, and a read planned on the sizes
 * of the empty tables (a nested loop over what became 100,000 rows) can
 * take minutes; ANALYZE inside the transaction counts its own rows.
 */
static int
analyze_grown(struct conn *c, struct err *e)
{
	char sql[PIPE_TABLES * 66 + 16];
	size_t at = (size_t)snprintf(sql, sizeof(sql), "ANALYZE ");
	int any = 0;
	for (int i = 0; i < c->n_grown; i++) {
		struct grown *g = &c->grown[i];
		if (g->added < ANALYZE_ROWS || 2 * g->added < g->total)
			continue;
		at += (size_t)snprintf(sql + at, sizeof(sql) - at, "%s%s",
		                       any ? ", " : "", g->table);
		any = 1;
		g->added = 0;
	}
	return any ? run(c, sql, e) : 0;
}

/* Bulk mode: an insert not waited for (the header's "Bulk mode"), batched
 * or sent alone; DB_DONE, or DB_ROW with the id for PIPE_ID. */
static int
step_piped(struct stmt *s, struct err *e)
{
	struct conn *c = s->c;
	const char *vals[MAX_PARAMS];
	int lens[MAX_PARAMS], fmts[MAX_PARAMS];
	int n = s->nparams;
	memcpy(vals, s->vals, sizeof(*vals) * (size_t)n);
	memcpy(lens, s->lens, sizeof(*lens) * (size_t)n);
	memcpy(fmts, s->fmts, sizeof(*fmts) * (size_t)n);
	int64_t id = 0;
	char id_text[24] = "";
	int rc = 0;
	if (s->pipe == PIPE_ID) {
		rc = next_id(c, s->table, &id, e);
		int len = snprintf(id_text, sizeof(id_text), "%" PRId64, id);
		vals[n] = id_text;
		lens[n] = len;
		fmts[n] = 0;
		n++;
	}
	if (!rc && s->batchable == 0)
		rc = batch_prepare(c, s, n, e);
	int text_only = 1;
	for (int i = 0; i < n; i++)
		if (fmts[i])
			text_only = 0;
	if (!rc && s->batchable > 0 && text_only) {
		rc = batch_add(c, s, vals, n, e);
	} else if (!rc) {
		/* Alone, after the rows batched before it. */
		if (s->pipe == PIPE_ID && !s->id_name[0])
			rc = prepare_id_sql(c, s, e);
		if (!rc)
			rc = flush_batches(c, e);
		if (!rc)
			rc = send_piped(
			    c, s->pipe == PIPE_ID ? s->id_name : s->name, n,
			    vals, lens, fmts, e);
	}
	if (rc) {
		pg_reset(s);
		return rc;
	}
	count_row(c, s->table);
	c->changes = 1;
	/* No rows, or the row "RETURNING id" would have given: a result
	 * of its own, so that a step after this one is DB_DONE. */
	PGresult *r = s->pipe == PIPE_ID
	                  ? PQcopyResult(s->desc, PG_COPYRES_ATTRS)
	                  : PQmakeEmptyPGresult(c->pg, PGRES_COMMAND_OK);
	if (r && s->pipe != PIPE_ID) {
		set_result(s, r);
		s->row = 0;
		return DB_DONE;
	}
	if (!r || !PQsetvalue(r, 0, 0, id_text, (int)strlen(id_text))) {
		PQclear(r);
		pg_reset(s);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	set_result(s, r);
	s->row = 0;
	return DB_ROW;
}

/*
 * Prepare s again on a connection made again since it was prepared (the
 * server forgot it); bulk mode's names are prepared again when used.
 */
static int
reprepare(struct stmt *s, struct err *e)
{
	struct conn *c = s->c;
	PGresult *r = prepare_typed(c, s->name, s->sql, s->nparams);
	int rc = 0;
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = map_error(r, c->pg, e);
	PQclear(r);
	if (!rc) {
		s->epoch = c->epoch;
		s->id_name[0] = 0;
		s->batch_name[0] = 0;
		s->batchable = 0;
	}
	return rc;
}

/*
 * Run s once (not in bulk mode's pipeline): the connection made again
 * first when it was lost between transactions, s prepared again when the
 * connection was made again since, and a write outside a transaction in
 * one of its own holding the write lock. *out the result on success;
 * *retry_ok 0 once that transaction's COMMIT was sent.
 * 0 or a code; on a failure the statement's own transaction is rolled
 * back.
 */
static int
run_once(struct stmt *s, PGresult **out, int *retry_ok, struct err *e)
{
	struct conn *c = s->c;
	*out = NULL;
	*retry_ok = 1;
	int rc = 0;
	if (PQstatus(c->pg) != CONNECTION_OK && !c->tx_open)
		rc = revive(c, e);
	if (!rc && s->epoch != c->epoch)
		rc = reprepare(s, e);
	if (rc)
		return rc;
	int own_tx = s->write && !(c->flags & DB_OPEN_READONLY) &&
	             PQtransactionStatus(c->pg) == PQTRANS_IDLE;
	if (own_tx) {
		rc = begin_locked(c, e);
		if (rc)
			return rc;
	}
	PGresult *r = PQexecPrepared(c->pg, s->name, s->nparams,
	                             (const char *const *)s->vals, s->lens,
	                             s->fmts, s->binary);
	ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		rc = map_error(r, c->pg, e);
		PQclear(r);
		if (own_tx)
			run_quiet(c, "ROLLBACK");
		return rc;
	}
	if (own_tx) {
		/* Whether a COMMIT lost with the connection took effect is
		 * unknown: never run the statement again after it. */
		*retry_ok = 0;
		rc = run(c, "COMMIT", e);
		if (rc) {
			PQclear(r);
			return rc;
		}
	}
	*out = r;
	return 0;
}

/* The COPY of s's run sent and its rows awaited (see the top of this
 * file). 0 or a code. */
static int
stream_start(struct stmt *s, struct err *e)
{
	struct conn *c = s->c;
	int rc = drain(c, e);
	if (!rc && PQstatus(c->pg) != CONNECTION_OK && !c->tx_open)
		rc = revive(c, e);
	if (rc)
		return rc;
	struct copy_text t = {.s = s};
	copy_text_add(&t, "COPY (", 6);
	rc = walk_params(s->sql, copy_text_param, &t, e);
	copy_text_add(&t, ") TO STDOUT (FORMAT binary)", 27);
	if (!rc && (t.failed || copy_rows_begin(&s->cr, PQnfields(s->desc))))
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc) {
		free(t.out);
		return rc;
	}
	PGresult *r = PQexec(c->pg, t.out);
	free(t.out);
	if (!r || PQresultStatus(r) != PGRES_COPY_OUT) {
		rc = map_error(r, c->pg, e);
		PQclear(r);
		/* A COPY that failed to start leaves no rows to read. */
		while ((r = PQgetResult(c->pg)) != NULL)
			PQclear(r);
		return rc ? rc : err_set(e, SPIRE_EDB, NULL, "no rows");
	}
	PQclear(r);
	s->ncols = PQnfields(s->desc);
	s->binary = 1;
	s->streaming = 1;
	c->stream = s;
	return 0;
}

/* The next row of s's COPY: DB_ROW, DB_DONE or a code. */
static int
stream_next(struct stmt *s, struct err *e)
{
	struct conn *c = s->c;
	for (;;) {
		PQfreemem(s->copy_msg);
		s->copy_msg = NULL;
		int n = PQgetCopyData(c->pg, &s->copy_msg, 0);
		if (n > 0) {
			enum copy_rows_got got =
			    copy_rows_parse(&s->cr, s->copy_msg, (size_t)n);
			if (got == COPY_ROWS_ROW)
				return DB_ROW;
			if (got == COPY_ROWS_ERROR) {
				stream_stop(c);
				s->lost = 0;
				s->stream_done = 1;
				return err_set(e, SPIRE_EDB, NULL,
				               "store error: a row PostgreSQL "
				               "sent could not be read");
			}
			continue;
		}
		/* -1: the COPY is over (its outcome follows); -2: failed. */
		int rc = 0;
		PGresult *r;
		while ((r = PQgetResult(c->pg)) != NULL) {
			if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
				rc = map_error(r, c->pg, e);
			PQclear(r);
		}
		if (!rc && (n == -2 || !s->cr.ended))
			rc = map_error(NULL, c->pg, e);
		c->stream = NULL;
		s->streaming = 0;
		s->stream_done = 1;
		return rc ? rc : DB_DONE;
	}
}

static int
pg_step(void *st, struct err *e)
{
	struct stmt *s = st;
	struct conn *c = s->c;
	if (s->streaming)
		return stream_next(s, e);
	if (s->lost)
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: another statement ran before "
		               "this read's rows were all read");
	if (s->stream_done)
		return DB_DONE;
	if (s->stream && !c->bulk) {
		int rc = stream_start(s, e);
		if (rc && lost_between(c)) {
			/* Lost before anything was read: once more. */
			err_clear(e);
			rc = stream_start(s, e);
		}
		return rc ? rc : stream_next(s, e);
	}
	if (s->res) {
		clear_row(s);
		if (s->row + 1 < PQntuples(s->res)) {
			s->row++;
			return DB_ROW;
		}
		s->row = PQntuples(s->res);
		return DB_DONE;
	}
	if (c->bulk && s->pipe != PIPE_NO &&
	    (c->piped || PQtransactionStatus(c->pg) == PQTRANS_INTRANS))
		return step_piped(s, e);
	int drained = drain(c, e);
	if (!drained && c->bulk && !s->write &&
	    PQtransactionStatus(c->pg) == PQTRANS_INTRANS)
		drained = analyze_grown(c, e);
	if (drained) {
		pg_reset(s);
		return drained;
	}
	PGresult *r = NULL;
	int retry_ok = 0;
	int rc = run_once(s, &r, &retry_ok, e);
	if (rc && retry_ok && lost_between(c)) {
		/* The connection was lost before anything of this statement
		 * was committed (a read, or a write in its own transaction
		 * whose COMMIT was never sent): make it again, once. */
		err_clear(e);
		rc = run_once(s, &r, &retry_ok, e);
	}
	if (rc) {
		pg_reset(s);
		return rc;
	}
	const char *tag = PQcmdStatus(r);
	if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
	    strncmp(tag, "DELETE", 6) == 0 || strncmp(tag, "MERGE", 5) == 0)
		c->changes = strtoll(PQcmdTuples(r), NULL, 10);
	set_result(s, r);
	s->row = 0;
	return PQntuples(r) > 0 ? DB_ROW : DB_DONE;
}

/* The current row's value of column i, or NULL (SQL NULL, no row). */
static const char *
value(const struct stmt *s, int i, int *len)
{
	if (s->streaming) {
		if (i < 0 || i >= s->cr.ncols || !s->cr.val[i])
			return NULL;
		if (len)
			*len = s->cr.len[i];
		return s->cr.val[i];
	}
	if (!s->res || s->row >= s->nrows || i < 0 || i >= s->ncols ||
	    PQgetisnull(s->res, s->row, i))
		return NULL;
	if (len)
		*len = PQgetlength(s->res, s->row, i);
	return PQgetvalue(s->res, s->row, i);
}

/* Ask for st's next run's rows in binary form when every column allows
 * it (integers without strtoll, text as it is; db_prepare_rows). */
static void
pg_rows_binary(void *st)
{
	struct stmt *s = st;
	s->binary = s->bin_ok && !s->c->bulk;
	s->stream = s->stream_ok && !s->c->bulk;
}

/* The type of column i of s's rows (the statement's: each run's are the
 * same), i in range. */
static Oid
col_oid(const struct stmt *s, int i)
{
	return s->types[i];
}

static int
pg_column_count(void *st)
{
	return PQnfields(((struct stmt *)st)->desc);
}

static const char *
pg_column_name(void *st, int i)
{
	return PQfname(((struct stmt *)st)->desc, i);
}

/* A numeric's text that is a whole number fitting int64 (sum() of
 * integers gives numeric; SQLite gives an integer). */
static int
whole(const char *v)
{
	if (*v == '-')
		v++;
	size_t digits = strspn(v, "0123456789");
	return digits > 0 && digits < 19 && v[digits] == 0;
}

static enum db_type
pg_column_type(void *st, int i)
{
	struct stmt *s = st;
	const char *v = value(s, i, NULL);
	if (!v)
		return DB_T_NULL;
	switch (col_oid(s, i)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
		return DB_T_INT;
	case OID_FLOAT4:
	case OID_FLOAT8:
		return DB_T_REAL;
	case OID_NUMERIC:
		return whole(v) ? DB_T_INT : DB_T_REAL;
	case OID_BOOL:
		return DB_T_BOOL;
	case OID_BYTEA:
		return DB_T_BLOB;
	default:
		return DB_T_TEXT;
	}
}

/* A binary row's integer (network byte order) or boolean. */
static int64_t
binary_int(const struct stmt *s, int i, const char *v)
{
	const unsigned char *u = (const unsigned char *)v;
	uint64_t x = 0;
	switch (col_oid(s, i)) {
	case OID_BOOL:
		return u[0] != 0;
	case OID_INT2:
		return (int16_t)(uint16_t)((unsigned)u[0] << 8 | u[1]);
	case OID_INT4:
		for (int k = 0; k < 4; k++)
			x = x << 8 | u[k];
		return (int32_t)(uint32_t)x;
	case OID_INT8:
		for (int k = 0; k < 8; k++)
			x = x << 8 | u[k];
		return (int64_t)x;
	default:
		return strtoll(v, NULL, 10);
	}
}

static int
is_int_oid(Oid t)
{
	return t == OID_INT2 || t == OID_INT4 || t == OID_INT8 || t == OID_BOOL;
}

static int64_t
pg_col_int(void *st, int i)
{
	struct stmt *s = st;
	const char *v = value(s, i, NULL);
	if (!v)
		return 0;
	if (s->binary)
		return binary_int(s, i, v);
	switch (col_oid(s, i)) {
	case OID_BOOL:
		return *v == 't';
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC: {
		double d = strtod(v, NULL);
		if (d != d)
			return 0;
		if (d >= 9.2233720368547758e18)
			return INT64_MAX;
		if (d <= -9.2233720368547758e18)
			return INT64_MIN;
		return (int64_t)d;
	}
	default:
		return strtoll(v, NULL, 10);
	}
}

static double
pg_col_double(void *st, int i)
{
	struct stmt *s = st;
	const char *v = value(s, i, NULL);
	if (!v)
		return 0.0;
	if (s->binary && is_int_oid(col_oid(s, i)))
		return (double)binary_int(s, i, v);
	if (col_oid(s, i) == OID_BOOL)
		return *v == 't' ? 1.0 : 0.0;
	return strtod(v, NULL);
}

static bool
pg_col_bool(void *st, int i)
{
	struct stmt *s = st;
	const char *v = value(s, i, NULL);
	if (!v)
		return false;
	if (s->binary && is_int_oid(col_oid(s, i)))
		return binary_int(s, i, v) != 0;
	if (col_oid(s, i) == OID_BOOL)
		return *v == 't';
	return pg_col_double(st, i) != 0.0;
}

static const void *
pg_col_blob(void *st, int i, size_t *len)
{
	struct stmt *s = st;
	int n = 0;
	const char *v = value(s, i, &n);
	*len = 0;
	if (!v)
		return NULL;
	if (col_oid(s, i) != OID_BYTEA) {
		*len = (size_t)n;
		return v;
	}
	/* Rows come as text: bytea as \x and hex digits, decoded once per
	 * row and column. */
	s->decoded = 1;
	if (!s->blobs[i])
		s->blobs[i] =
		    PQunescapeBytea((const unsigned char *)v, &s->blob_lens[i]);
	if (s->blobs[i])
		*len = s->blob_lens[i];
	return s->blobs[i];
}

static const char *
pg_col_text(void *st, int i, size_t *len)
{
	struct stmt *s = st;
	int n = 0;
	const char *v = value(s, i, &n);
	if (len)
		*len = v ? (size_t)n : 0;
	if (v && s->binary && is_int_oid(col_oid(s, i))) {
		/* As the text row would give it. */
		int64_t x = binary_int(s, i, v);
		if (col_oid(s, i) == OID_BOOL)
			snprintf(s->itext[i], sizeof(s->itext[i]), "%s",
			         x ? "1" : "0");
		else
			snprintf(s->itext[i], sizeof(s->itext[i]), "%" PRId64,
			         x);
		if (len)
			*len = strlen(s->itext[i]);
		return s->itext[i];
	}
	if (v && col_oid(s, i) == OID_BOOL) {
		/* As SQLite, which holds booleans as 1 and 0. */
		if (len)
			*len = 1;
		return *v == 't' ? "1" : "0";
	}
	/* bytea as text stays PostgreSQL's \x and hex digits: a blob's
	 * bytes are read with col_blob (they may hold NUL). */
	return v;
}

/*
 * Begin the caller's transaction (a writer's holding the write lock, or a
 * reader's snapshot), making a connection lost since the last one again
 * first, and once more if BEGIN itself finds it lost (nothing was done in
 * it yet). 0 or a code.
 */
static int
begin(struct conn *c, int write, struct err *e)
{
	for (int attempt = 0;; attempt++) {
		int rc = PQstatus(c->pg) == CONNECTION_OK ? 0 : revive(c, e);
		if (!rc)
			rc = write ? begin_locked(c, e)
			           : run(c,
			                 "BEGIN ISOLATION LEVEL REPEATABLE READ"
			                 " READ ONLY",
			                 e);
		if (!rc || attempt > 0 || !lost_between(c))
			return rc;
		err_clear(e);
	}
}

static int
pg_begin(void *conn, struct err *e)
{
	struct conn *c = conn;
	int rc = drain(c, e);
	if (rc)
		return rc;
	if (c->tx_open || (PQstatus(c->pg) == CONNECTION_OK &&
	                   PQtransactionStatus(c->pg) != PQTRANS_IDLE))
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: a transaction is already open");
	rc = begin(c, 1, e);
	c->tx_open = !rc;
	return rc;
}

static int
pg_commit(void *conn, struct err *e)
{
	struct conn *c = conn;
	c->in_read = 0;
	c->tx_open = 0;
	/* Bulk mode: the pipelined inserts' outcome first, and the ids not
	 * used given back. */
	int rc = drain(c, e);
	if (!rc && c->n_blocks)
		rc = give_back_ids(c, e);
	if (rc) {
		c->n_blocks = 0;
		run_quiet(c, "ROLLBACK");
		return rc;
	}
	switch (PQtransactionStatus(c->pg)) {
	case PQTRANS_IDLE:
		/* PostgreSQL only warns; SQLite refuses. */
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: no transaction is open");
	case PQTRANS_INERROR:
		/* COMMIT would roll back and say nothing: say it. */
		run_quiet(c, "ROLLBACK");
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: the transaction failed and was "
		               "rolled back");
	default:
		return run(c, "COMMIT", e);
	}
}

static void
pg_rollback(void *conn)
{
	struct conn *c = conn;
	c->in_read = 0;
	c->tx_open = 0;
	drain_quiet(c);
	c->n_blocks = 0;
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		run_quiet(c, "ROLLBACK");
}

static int
pg_begin_read(void *conn, struct err *e)
{
	struct conn *c = conn;
	int rc = drain(c, e);
	if (!rc)
		rc = begin(c, 0, e);
	c->in_read = c->tx_open = !rc;
	return rc;
}

static void
pg_end_read(void *conn)
{
	struct conn *c = conn;
	stream_stop(c);
	if (!c->in_read)
		return;
	c->in_read = 0;
	c->tx_open = 0;
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE)
		return;
	struct err e;
	err_clear(&e);
	if (PQtransactionStatus(c->pg) != PQTRANS_INTRANS ||
	    run(c, "COMMIT", &e) != 0)
		pg_rollback(c);
}

/* The snapshot of c's read (REPEATABLE READ: taken at its first
 * statement, this one if none came before) by name, for
 * pg_begin_read_at on other connections while c's read lasts. */
static int
pg_read_share(void *conn, char *id, size_t len, struct err *e)
{
	struct conn *c = conn;
	if (len)
		id[0] = 0;
	if (!c->in_read)
		return err_set(e, SPIRE_EDB, NULL,
		               "store error: no read is open");
	int rc = drain(c, e);
	if (rc)
		return rc;
	PGresult *r = PQexec(c->pg, "SELECT pg_export_snapshot()");
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		rc = map_error(r, c->pg, e);
		PQclear(r);
		return rc ? rc : err_set(e, SPIRE_EDB, NULL, "no snapshot");
	}
	const char *v = PQgetvalue(r, 0, 0);
	if (strlen(v) >= len)
		rc = err_set(e, SPIRE_EDB, NULL, "snapshot id too long");
	else
		memcpy(id, v, strlen(v) + 1);
	PQclear(r);
	return rc;
}

/* A read seeing the snapshot another connection shared (its name is
 * hex digits and dashes, checked: it is written into the statement). */
static int
pg_begin_read_at(void *conn, const char *id, struct err *e)
{
	struct conn *c = conn;
	if (!id[0])
		return pg_begin_read(conn, e);
	size_t n = strlen(id);
	if (n >= DB_SNAPSHOT_ID_LEN ||
	    strspn(id, "0123456789ABCDEFabcdef-") != n)
		return err_set(e, SPIRE_EINVAL, NULL, "no such snapshot");
	int rc = pg_begin_read(conn, e);
	if (rc)
		return rc;
	char sql[32 + DB_SNAPSHOT_ID_LEN];
	snprintf(sql, sizeof(sql), "SET TRANSACTION SNAPSHOT '%s'", id);
	rc = run(c, sql, e);
	if (rc)
		pg_rollback(c);
	return rc;
}

/* Run a one-off query with text parameters; the result or NULL with e
 * filled. */
static PGresult *
query(struct conn *c, const char *sql, int n, const char *const *vals,
      struct err *e)
{
	if (drain(c, e))
		return NULL;
	PGresult *r = PQexecParams(c->pg, sql, n, NULL, vals, NULL, NULL, 0);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		map_error(r, c->pg, e);
		PQclear(r);
		return NULL;
	}
	return r;
}

static int
pg_has_table(void *conn, const char *name, bool *exists, struct err *e)
{
	*exists = false;
	const char *vals[] = {name};
	PGresult *r = query(conn,
	                    "SELECT 1 FROM pg_catalog.pg_class c"
	                    " JOIN pg_catalog.pg_namespace n"
	                    " ON n.oid = c.relnamespace"
	                    " WHERE c.relname = $1::text"
	                    " AND n.nspname = current_schema()"
	                    " AND c.relkind IN ('r', 'p')",
	                    1, vals, e);
	if (!r)
		return e->code;
	*exists = PQntuples(r) > 0;
	PQclear(r);
	return 0;
}

extern char **environ;

/* Write " key='value'" at w (value's quotes and backslashes escaped, as
 * a libpq connection string wants); the end. */
static char *
append_kv(char *w, const char *key, const char *val)
{
	*w++ = ' ';
	for (const char *p = key; *p; p++)
		*w++ = *p;
	*w++ = '=';
	*w++ = '\'';
	for (const char *p = val; *p; p++) {
		if (*p == '\'' || *p == '\\')
			*w++ = '\\';
		*w++ = *p;
	}
	*w++ = '\'';
	return w;
}

/*
 * pg_dump (custom format) of this connection's database into path, run
 * with the connection's own parameters; the password, if any, through
 * the environment rather than the command line.
 */
static int
pg_backup_into(void *conn, const char *path, struct err *e)
{
	struct conn *c = conn;
	/* As VACUUM INTO: never over an existing file. */
	if (access(path, F_OK) == 0)
		return err_set(e, SPIRE_EIO, NULL, "backup: %s already exists",
		               path);
	PQconninfoOption *opts = PQconninfo(c->pg);
	if (!opts)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	/* "dbname=" + each key='value' with quotes and backslashes
	 * escaped. */
	size_t cap = 64;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val)
			cap += strlen(o->keyword) + 2 * strlen(o->val) + 4;
	char *info = malloc(cap);
	char *pw = NULL;
	if (!info) {
		PQconninfoFree(opts);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	char *w = info + snprintf(info, cap, "--dbname=");
	/* Every value is written as " key='value'": a leading space is
	 * harmless in a connection string. */
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "password") == 0) {
			size_t need = strlen(o->val) + 12;
			pw = malloc(need);
			if (pw)
				snprintf(pw, need, "PGPASSWORD=%s", o->val);
			continue;
		}
		w = append_kv(w, o->keyword, o->val);
	}
	*w = 0;
	PQconninfoFree(opts);
	char file[4200];
	snprintf(file, sizeof(file), "--file=%s", path);
	char *argv[] = {
	    "pg_dump", "--format=custom", "--no-password", file, info, NULL};
	/* The child's environment: ours, with the password added. */
	size_t n_env = 0;
	while (environ[n_env])
		n_env++;
	char **env = calloc(n_env + 2, sizeof(*env));
	int rc = 0;
	if (!env) {
		rc = err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	size_t k = 0;
	for (size_t i = 0; i < n_env; i++)
		if (strncmp(environ[i], "PGPASSWORD=", 11) != 0 || !pw)
			env[k++] = environ[i];
	if (pw)
		env[k++] = pw;
	env[k] = NULL;
	pid_t pid;
	int err = posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, env);
	if (err) {
		rc = err_set(e, SPIRE_EIO, NULL, "cannot run pg_dump: %s",
		             strerror(err));
		goto out;
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(path); /* no half-written copy left behind */
		rc = err_set(e, SPIRE_EIO, NULL,
		             "pg_dump failed (exit status %d): see its "
		             "message above",
		             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
out:
	free(env);
	free(pw);
	free(info);
	return rc;
}

/* Sound enough to serve: the server answers, and no index is left
 * invalid (a failed CREATE INDEX CONCURRENTLY, say). PostgreSQL has no
 * whole-database check without the amcheck extension, which Spire does
 * not require. */
static int
pg_integrity_check(void *conn, struct err *e)
{
	PGresult *r = query(conn,
	                    "SELECT count(*) FROM pg_catalog.pg_index"
	                    " WHERE NOT indisvalid",
	                    0, NULL, e);
	if (!r)
		return e->code;
	long bad = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	if (bad)
		return err_set(e, SPIRE_EDB, NULL,
		               "integrity check: %ld invalid indexes", bad);
	return 0;
}

/* Only for the demo loader: a crash loses the last commits, never
 * consistency; inserts are pipelined (the header's "Bulk mode"). */
static int
pg_bulk_mode(void *conn, struct err *e)
{
	struct conn *c = conn;
	int rc = run(c, "SET synchronous_commit = off", e);
	if (rc)
		return rc;
	c->bulk = 1;
	/* The foreign keys batch_add keeps rows in order for. */
	PGresult *r =
	    query(c,
	          "SELECT a.relname, b.relname FROM pg_catalog.pg_constraint k"
	          " JOIN pg_catalog.pg_class a ON a.oid = k.conrelid"
	          " JOIN pg_catalog.pg_class b ON b.oid = k.confrelid"
	          " JOIN pg_catalog.pg_namespace n ON n.oid = a.relnamespace"
	          " WHERE k.contype = 'f' AND n.nspname = current_schema()",
	          0, NULL, e);
	if (!r)
		return e->code;
	int rows = PQntuples(r);
	free(c->fks);
	c->fks =
	    rows <= MAX_FKS ? calloc((size_t)rows + 1, sizeof(*c->fks)) : NULL;
	/* Without them (too many, or no memory) rows go one by one. */
	c->n_fks = c->fks ? 0 : -1;
	for (int i = 0; c->fks && i < rows; i++) {
		const char *a = PQgetvalue(r, i, 0), *b = PQgetvalue(r, i, 1);
		if (strlen(a) >= sizeof(c->fks[0][0]) ||
		    strlen(b) >= sizeof(c->fks[0][1])) {
			c->n_fks = -1;
			break;
		}
		snprintf(c->fks[c->n_fks][0], sizeof(c->fks[0][0]), "%s", a);
		snprintf(c->fks[c->n_fks][1], sizeof(c->fks[0][1]), "%s", b);
		c->n_fks++;
	}
	PQclear(r);
	return 0;
}

/* The dialect's texts come with the PostgreSQL migrations that make what
 * they use (src/store/pg/schema_pg.h): the name search on the people_fts
 * index, and the audit trail's append-only guard (trigger
 * audit_append_only) stood aside for audit_rekey. */
static const struct db_dialect pg_dialect = {
    .people_name_search = SCHEMA_PG_PEOPLE_NAME_SEARCH,
    .audit_unguard = SCHEMA_PG_AUDIT_UNGUARD,
    .audit_reguard = SCHEMA_PG_AUDIT_REGUARD,
    .ddl_id = "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .ddl_bool = "boolean",
    .ddl_bool_check = 0,
    .people_refold_table = SCHEMA_PG_PEOPLE_REFOLD_TABLE,
    .measures = &MEASURES_TEXTS_PG,
};

const struct db_backend db_pg_backend = {
    .version = DB_BACKEND_VERSION,
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .changes = pg_changes,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_bool = pg_bind_bool,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_type = pg_column_type,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_bool = pg_col_bool,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .row_json = NULL,
    .rows_binary = pg_rows_binary,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .begin_read = pg_begin_read,
    .end_read = pg_end_read,
    .read_share = pg_read_share,
    .begin_read_at = pg_begin_read_at,
    .has_table = pg_has_table,
    .backup_into = pg_backup_into,
    .integrity_check = pg_integrity_check,
    .bulk_mode = pg_bulk_mode,
    .dialect = &pg_dialect,
};
