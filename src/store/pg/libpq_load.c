/*
 * libpq_load.c - dlopen() of PostgreSQL's client library on first use
 * (see libpq_load.h for why).
 */
#define LIBPQ_LOAD_NO_NAMES
#include "store/pg/libpq_load.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct libpq_fns libpq_fns;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
/* The first load's failure, kept for every later caller; "" when loaded. */
static char load_error[300];

static void
load(void)
{
	void *lib = dlopen(LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *why = dlerror();
		snprintf(load_error, sizeof(load_error), "%s",
		         why ? why : LIBPQ_SONAME " not found");
		return;
	}
	/* The library stays loaded for the life of the process: its
	 * connections may be open until exit. */
	struct libpq_fns f = {0};
	const char *missing = NULL;
#define LIBPQ_SYM(name)                                                        \
	if (!missing) {                                                        \
		void *sym = dlsym(lib, #name);                                 \
		if (sym)                                                       \
			memcpy(&f.name, &sym, sizeof(sym));                    \
		else                                                           \
			missing = #name;                                       \
	}
	LIBPQ_FUNCTIONS(LIBPQ_SYM)
#undef LIBPQ_SYM
	if (missing) {
		snprintf(load_error, sizeof(load_error),
		         "%s has no function %s (libpq older than 14?)",
		         LIBPQ_SONAME, missing);
		dlclose(lib);
		return;
	}
	libpq_fns = f;
}

int
libpq_load(struct err *e)
{
	pthread_once(&load_once, load);
	if (libpq_fns.PQconnectdb)
		return 0;
	return err_set(e, SPIRE_EIO, "db",
	               "cannot open the database: PostgreSQL's client library "
	               "could not be loaded (install Debian's libpq5): %s",
	               load_error);
}
