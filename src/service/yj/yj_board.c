/*
 * yj_board.c - rules for management board meetings and their attendance.
 */
#include "service/yj/yj_board.h"

#include <stdio.h>
#include <string.h>

#include "core/yj/vocab_yj.h"
#include "core/validate.h"
#include "service/roles.h"
#include "store/users.h"
#include "store/yj/yj_board.h"

#define MAX_AGENCIES 20

/* The attendance a write carries (job->extra). */
struct board_extra {
	int given;
	const json_t *rows; /* validated (borrowed) */
};

/* Only managers of the youth justice service keep board meetings. */
static int
check_keeper(struct ctx *ctx, struct err *e)
{
	int64_t yj = 0;
	int rc = store_services_id(ctx_db(ctx), "youth_justice", &yj, e);
	if (rc)
		return rc;
	if (!(ctx->user->role & ROLE_MANAGER) || ctx->user->service_id != yj)
		return err_set(e, SPIRE_EFORBIDDEN, NULL,
		               "Only youth justice managers keep board "
		               "meetings");
	return 0;
}

static int
check_board(struct ctx *ctx, json_t *rec, const json_t *old, struct err *e)
{
	(void)old;
	(void)ctx;
	return records_not_future(&YJ_BOARD, rec, "meeting_date", e);
}

/* The meeting's attendance (db, else ctx's) into rec. */
static int
decorate_board(struct ctx *ctx, struct db *db, json_t *rec, struct err *e)
{
	json_t *v = NULL;
	int rc = store_yj_board_attendance(
	    db ? db : ctx_db(ctx),
	    json_integer_value(json_object_get(rec, "id")), &v, e);
	if (rc)
		return rc;
	if (json_object_set_new(rec, "attendance", v))
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return 0;
}

static int
flag(const json_t *row, const char *key)
{
	return json_is_true(json_object_get(row, key));
}

/* A change of a meeting's fields to what they are stores nothing unless
 * it gives the attendance. */
static int
board_extra_same(struct db *db, const struct record_job *j)
{
	(void)db;
	const struct board_extra *x = j->extra;
	return !x->given;
}

static int
after_board_write(struct db *db, struct record_job *j, struct err *e)
{
	struct board_extra *x = j->extra;
	if (!x || !x->given)
		return 0;
	int rc = j->version
	             ? store_yj_board_attendance_clear(db, j->id, j->at, e)
	             : 0;
	size_t i;
	json_t *row;
	json_array_foreach(x->rows, i, row)
	{
		if (rc == 0)
			rc = store_yj_board_attendance_add(
			    db, j->id,
			    json_string_value(json_object_get(row, "agency")),
			    flag(row, "attended"), flag(row, "senior"),
			    flag(row, "disproportionality_data"), j->at, e);
	}
	return rc;
}

/* The attendance goes with the meeting; only managers keep them. */
static const struct resource_ops OPS = {
    .create = yj_board_create,
    .update = yj_board_update,
    .close = yj_board_close,
};

const struct resource YJ_BOARD = {
    .name = "board_meeting",
    .plural = "board-meetings",
    .label = "Board meeting",
    .read_roles = ROLE_MANAGER | ROLE_ANALYST,
    .write_roles = ROLE_MANAGER,
    .close_verb = "close",
    .list_flags = RES_LIST_DATES | RES_LIST_CLOSED,
    .list = yj_board_list,
    .ops = &OPS,
    .table = &YJ_BOARD_TABLE,
    .kind = RK_NONE,
    .check = check_board,
    .gathers = 1,
    .decorate = decorate_board,
    .after_write = after_board_write,
    .extra_same = board_extra_same,
};

/* Validate one attendance row i; its errors gathered into e. */
static void
check_row(const json_t *list, size_t i, struct err *e)
{
	/* "invited" is what the form says of the agency (a row is an
	 * invited agency; false only contradicts the rest): never stored. */
	static const char *const keys[] = {"agency",  "attended",
	                                   "senior",  "disproportionality_data",
	                                   "invited", NULL};
	char field[64];
	const json_t *row = json_array_get(list, i);
	snprintf(field, sizeof(field), "attendance[%zu]", i);
	if (!json_is_object(row)) {
		err_rule(e, field,
		         "Spire could not read this agency's attendance. "
		         "Reload the page and try again");
		return;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)row, key, v)
	{
		snprintf(field, sizeof(field), "attendance[%zu].%.30s", i, key);
		if (!fields_in(keys, key))
			err_rule(e, field,
			         "This cannot be recorded about an agency's "
			         "attendance");
		else if (strcmp(key, "agency") != 0 && !json_is_boolean(v))
			err_rule(e, field, "Select yes or no");
	}
	const char *agency = json_string_value(json_object_get(row, "agency"));
	snprintf(field, sizeof(field), "attendance[%zu].agency", i);
	if (!agency || !vocab_accepts(&VOCAB_BOARD_AGENCIES, agency)) {
		err_rule(e, field, "Select the agency from the list");
	} else {
		int twice = 0;
		for (size_t k = 0; k < i; k++)
			twice |= json_equal(
			    json_object_get(json_array_get(list, k), "agency"),
			    json_object_get(row, "agency"));
		if (twice)
			err_rule(e, field,
			         "An agency is listed twice: give each "
			         "agency's attendance once");
	}
	/* An agency the form says was not invited cannot have attended or
	 * contributed data (walker, session 23: it was stored as "Invited,
	 * did not attend"): both fields named. */
	if (json_is_false(json_object_get(row, "invited")) &&
	    (flag(row, "attended") || flag(row, "disproportionality_data"))) {
		int dd = flag(row, "disproportionality_data");
		snprintf(field, sizeof(field), "attendance[%zu].invited", i);
		err_rule(e, field,
		         dd ? "Select the agency's attendance, or untick that "
		              "it contributed data on disproportionality: an "
		              "agency that was not invited cannot contribute "
		              "data to the meeting"
		            : "Select whether the agency attended: it cannot "
		              "both attend and not be invited");
		snprintf(field, sizeof(field), "attendance[%zu].%s", i,
		         dd ? "disproportionality_data" : "attended");
		err_rule(e, field,
		         dd ? "Untick contributed data on disproportionality, "
		              "or select the agency's attendance: it was not "
		              "invited"
		            : "Select whether the agency was invited");
	}
	if (flag(row, "senior") && !flag(row, "attended")) {
		snprintf(field, sizeof(field), "attendance[%zu].senior", i);
		err_rule(e, field,
		         "Select attended for an agency whose senior "
		         "representative attended");
	}
}

/* Validate the attendance list; every error gathered into e. */
static int
read_attendance(const json_t *body, struct board_extra *x, struct err *e)
{
	const json_t *list = json_object_get(body, "attendance");
	if (!list)
		return e->code;
	x->given = 1;
	if (json_is_null(list))
		return e->code;
	if (!json_is_array(list) || json_array_size(list) > MAX_AGENCIES)
		return err_rule(e, "attendance",
		                "Give the attendance of up to %d agencies",
		                MAX_AGENCIES);
	x->rows = list;
	for (size_t i = 0; i < json_array_size(list); i++)
		check_row(list, i, e);
	return e->code;
}

static json_t *
own_fields(const json_t *body, struct err *e)
{
	json_t *core = json_is_object(body) ? json_deep_copy(body) : NULL;
	if (!core) {
		err_set(e, SPIRE_EINVAL, NULL,
		        "Spire could not read what was sent. Reload the page "
		        "and try again");
		return NULL;
	}
	json_object_del(core, "attendance");
	return core;
}

static int
finish(struct ctx *ctx, int rc, json_t **out, struct err *e)
{
	if (rc == 0 && (rc = decorate_board(ctx, NULL, *out, e)) != 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
yj_board_create(struct ctx *ctx, const struct resource *res, const json_t *body,
                json_t **out, json_t **duplicates, struct err *e)
{
	(void)res;
	*out = NULL;
	*duplicates = NULL;
	struct board_extra x = {0};
	int rc = check_keeper(ctx, e);
	json_t *core = rc ? NULL : own_fields(body, e);
	if (!core)
		return e->code;
	/* The attendance's errors with the meeting's own (pre). */
	struct err pre;
	err_clear(&pre);
	read_attendance(body, &x, &pre);
	rc = records_create_pre(ctx, &YJ_BOARD, core, &pre, &x, out, e);
	json_decref(core);
	return finish(ctx, rc, out, e);
}

int
yj_board_update(struct ctx *ctx, const struct resource *res, int64_t id,
                const json_t *body, json_t **out, json_t **duplicates,
                struct err *e)
{
	(void)res;
	*out = NULL;
	*duplicates = NULL;
	struct board_extra x = {0};
	int rc = check_keeper(ctx, e);
	json_t *core = rc ? NULL : own_fields(body, e);
	if (!core)
		return e->code;
	struct err pre;
	err_clear(&pre);
	read_attendance(body, &x, &pre);
	rc = records_update_pre(ctx, &YJ_BOARD, id, core, &pre, &x, out, e);
	json_decref(core);
	return finish(ctx, rc, out, e);
}

int
yj_board_close(struct ctx *ctx, const struct resource *res, int64_t id,
               const json_t *body, json_t **out, struct err *e)
{
	(void)res;
	*out = NULL;
	int rc = check_keeper(ctx, e);
	if (rc == 0)
		rc = records_close(ctx, &YJ_BOARD, id, body, out, e);
	return finish(ctx, rc, out, e);
}

int
yj_board_list(struct ctx *ctx, const struct resource *res,
              const struct records_query *q, json_t **out, struct err *e)
{
	(void)res;
	*out = NULL;
	const char *from = q->from, *to = q->to;
	int64_t limit = q->limit, offset = q->offset;
	if (from && !valid_date(from))
		return err_set(e, SPIRE_EINVAL, "from",
		               "From date must be a real date");
	if (to && !valid_date(to))
		return err_set(e, SPIRE_EINVAL, "to",
		               "To date must be a real date");
	/* ISO dates compare as text. */
	if (from && to && strcmp(to, from) < 0)
		return err_set(e, SPIRE_EINVAL, "to",
		               "To date must be the same as or after the from "
		               "date");
	json_t *rows = NULL;
	/* A list: from the read replica when there is one. */
	struct db *db = ctx_report_db(ctx);
	int rc = store_yj_board_list(db, from, to, q->include_closed, limit + 1,
	                             offset, &rows, e);
	if (rc && ctx_report_failed(ctx, db, rc)) {
		err_clear(e);
		rc = store_yj_board_list(ctx_db(ctx), from, to,
		                         q->include_closed, limit + 1, offset,
		                         &rows, e);
	}
	if (rc)
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if ((rc = decorate_board(ctx, NULL, row, e)) != 0) {
			json_decref(rows);
			return rc;
		}
	}
	return records_list_page(ctx, rows, limit, offset, "board_meeting", 0,
	                         out, e);
}
