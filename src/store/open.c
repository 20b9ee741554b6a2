/*
 * open.c - whether a record is still open, one query per kind.
 */
#include "store/open.h"

#include "store/measures/measures_sql.h"

#define OPEN_SQL(table, extra)                                                 \
	"SELECT CASE WHEN closed_at IS NULL" extra " THEN 1 ELSE 0 END"        \
	" FROM " table " WHERE id = $1"

/* sql: open (a case: status open too); kept: not closed as entered in
 * error (a case may have ended: closed with another reason, EIE). */
static const struct {
	const char *name, *sql, *kept;
} KINDS[] = {
    [OPEN_PERSON] = {"person's record", OPEN_SQL("people", ""),
                     OPEN_SQL("people", "")},
    [OPEN_CASE] = {"case", OPEN_SQL("cases", " AND status = 'open'"),
                   "SELECT CASE WHEN " EIE(
                       "cases") " THEN 0 ELSE 1 END"
                                " FROM cases WHERE id = $1"},
    [OPEN_FAMILY] = {"family", OPEN_SQL("families", ""),
                     OPEN_SQL("families", "")},
    [OPEN_OFFENCE] = {"offence", OPEN_SQL("yj_offences", ""),
                      OPEN_SQL("yj_offences", "")},
    [OPEN_OUTCOME] = {"outcome", OPEN_SQL("yj_outcomes", ""),
                      OPEN_SQL("yj_outcomes", "")},
    [OPEN_TEAM] = {"team", OPEN_SQL("teams", ""), OPEN_SQL("teams", "")},
};

const char *
store_open_kind_name(enum open_kind kind)
{
	return KINDS[kind].name;
}

static int
one_flag(struct db *db, const char *sql, int64_t id, int *open, struct err *e)
{
	*open = 0;
	struct db_stmt *s = db_prepare(db, sql, e);
	if (!s)
		return e->code;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*open = db_col_int(s, 0) != 0;
	db_done(s);
	return rc < 0 ? rc : 0;
}

int
store_is_open(struct db *db, enum open_kind kind, int64_t id, int *open,
              struct err *e)
{
	return one_flag(db, KINDS[kind].sql, id, open, e);
}

int
store_is_kept(struct db *db, enum open_kind kind, int64_t id, int *kept,
              struct err *e)
{
	return one_flag(db, KINDS[kind].kept, id, kept, e);
}
