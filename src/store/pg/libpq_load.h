/*
 * libpq_load.h - PostgreSQL's client library, loaded when a PostgreSQL
 * database is first opened rather than linked into the binary.
 *
 * Why: libpq brings 19 shared libraries of its own (Kerberos, LDAP,
 * GnuTLS, SASL, ...). Linked, the dynamic loader mapped and relocated them
 * at every start of every `spire` process, also for a SQLite database
 * that never uses them: about 18 M instructions of the ~82 M from exec to
 * the first answer (bench/README.md, "Issue 11: libpq loaded only for
 * PostgreSQL"). Now a SQLite process never maps them.
 *
 * Include this instead of <libpq-fe.h> (only db_pg.c does). Each libpq
 * function the backend calls is a pointer in `libpq_fns`, filled by
 * libpq_load(); the macros below send the usual names (PQconnectdb, ...)
 * through those pointers, so the backend's code reads as plain libpq.
 * Calling one before libpq_load() has returned 0 is a NULL call: every
 * path into the backend starts at pg_open, which loads first.
 *
 * The library is Debian's libpq5 (`libpq.so.5`, the soname libpq-dev
 * links against); its functions' types come from <libpq-fe.h> itself
 * (__typeof__), so a mismatch cannot compile.
 */
#ifndef SPIRE_LIBPQ_LOAD_H
#define SPIRE_LIBPQ_LOAD_H

#include <libpq-fe.h>

#include "core/err.h"

/* The soname dlopen()ed: the same library the linker would have used. */
#define LIBPQ_SONAME "libpq.so.5"

/* X(name) for every libpq function the backend calls. */
#define LIBPQ_FUNCTIONS(X)                                                     \
	X(PQclear)                                                             \
	X(PQcmdStatus)                                                         \
	X(PQcmdTuples)                                                         \
	X(PQconnectdb)                                                         \
	X(PQconnectdbParams)                                                   \
	X(PQconninfo)                                                          \
	X(PQconninfoFree)                                                      \
	X(PQconninfoParse)                                                     \
	X(PQcopyResult)                                                        \
	X(PQdescribePrepared)                                                  \
	X(PQenterPipelineMode)                                                 \
	X(PQerrorMessage)                                                      \
	X(PQescapeIdentifier)                                                  \
	X(PQescapeLiteral)                                                     \
	X(PQexec)                                                              \
	X(PQexecParams)                                                        \
	X(PQexecPrepared)                                                      \
	X(PQexitPipelineMode)                                                  \
	X(PQfinish)                                                            \
	X(PQfname)                                                             \
	X(PQfreemem)                                                           \
	X(PQftype)                                                             \
	X(PQgetCopyData)                                                       \
	X(PQgetResult)                                                         \
	X(PQgetisnull)                                                         \
	X(PQgetlength)                                                         \
	X(PQgetvalue)                                                          \
	X(PQmakeEmptyPGresult)                                                 \
	X(PQnfields)                                                           \
	X(PQnparams)                                                           \
	X(PQntuples)                                                           \
	X(PQparamtype)                                                         \
	X(PQpipelineSync)                                                      \
	X(PQprepare)                                                           \
	X(PQreset)                                                             \
	X(PQresultErrorField)                                                  \
	X(PQresultStatus)                                                      \
	X(PQsendQueryPrepared)                                                 \
	X(PQsetClientEncoding)                                                 \
	X(PQsetNoticeProcessor)                                                \
	X(PQsetvalue)                                                          \
	X(PQstatus)                                                            \
	X(PQtransactionStatus)                                                 \
	X(PQunescapeBytea)

#define LIBPQ_MEMBER(name) __typeof__(&name) name;
struct libpq_fns {
	LIBPQ_FUNCTIONS(LIBPQ_MEMBER)
};
#undef LIBPQ_MEMBER

/* Filled once by libpq_load(); read-only afterwards. */
extern struct libpq_fns libpq_fns;

/*
 * Load libpq and every function above, once per process (thread-safe;
 * later calls return the first call's answer at once). 0, or SPIRE_EIO
 * with e naming the field "db" and saying, for an administrator, that
 * PostgreSQL's client library could not be loaded and why (dlerror).
 */
int libpq_load(struct err *e);

/* The usual names, through the pointers (not re-expanded: a macro's own
 * name in its body stays as it is, so libpq_fns.PQclear is the member).
 * libpq_load.c, which fills the members by these names, goes without. */
#ifndef LIBPQ_LOAD_NO_NAMES
#define PQclear libpq_fns.PQclear
#define PQcmdStatus libpq_fns.PQcmdStatus
#define PQcmdTuples libpq_fns.PQcmdTuples
#define PQconnectdb libpq_fns.PQconnectdb
#define PQconnectdbParams libpq_fns.PQconnectdbParams
#define PQconninfo libpq_fns.PQconninfo
#define PQconninfoFree libpq_fns.PQconninfoFree
#define PQconninfoParse libpq_fns.PQconninfoParse
#define PQcopyResult libpq_fns.PQcopyResult
#define PQdescribePrepared libpq_fns.PQdescribePrepared
#define PQenterPipelineMode libpq_fns.PQenterPipelineMode
#define PQerrorMessage libpq_fns.PQerrorMessage
#define PQescapeIdentifier libpq_fns.PQescapeIdentifier
#define PQescapeLiteral libpq_fns.PQescapeLiteral
#define PQexec libpq_fns.PQexec
#define PQexecParams libpq_fns.PQexecParams
#define PQexecPrepared libpq_fns.PQexecPrepared
#define PQexitPipelineMode libpq_fns.PQexitPipelineMode
#define PQfinish libpq_fns.PQfinish
#define PQfname libpq_fns.PQfname
#define PQfreemem libpq_fns.PQfreemem
#define PQftype libpq_fns.PQftype
#define PQgetCopyData libpq_fns.PQgetCopyData
#define PQgetResult libpq_fns.PQgetResult
#define PQgetisnull libpq_fns.PQgetisnull
#define PQgetlength libpq_fns.PQgetlength
#define PQgetvalue libpq_fns.PQgetvalue
#define PQmakeEmptyPGresult libpq_fns.PQmakeEmptyPGresult
#define PQnfields libpq_fns.PQnfields
#define PQnparams libpq_fns.PQnparams
#define PQntuples libpq_fns.PQntuples
#define PQparamtype libpq_fns.PQparamtype
#define PQpipelineSync libpq_fns.PQpipelineSync
#define PQprepare libpq_fns.PQprepare
#define PQreset libpq_fns.PQreset
#define PQresultErrorField libpq_fns.PQresultErrorField
#define PQresultStatus libpq_fns.PQresultStatus
#define PQsendQueryPrepared libpq_fns.PQsendQueryPrepared
#define PQsetClientEncoding libpq_fns.PQsetClientEncoding
#define PQsetNoticeProcessor libpq_fns.PQsetNoticeProcessor
#define PQsetvalue libpq_fns.PQsetvalue
#define PQstatus libpq_fns.PQstatus
#define PQtransactionStatus libpq_fns.PQtransactionStatus
#define PQunescapeBytea libpq_fns.PQunescapeBytea
#endif

#endif
