/*
 * measures_xlsx.c - the board pack as an XLSX workbook (libxlsxwriter): a
 * contents sheet, then one sheet per measure named by its title in plain
 * English, holding the figures of each quarter and of the year, withheld
 * counts as "[c]" and figures that do not apply as "[x]" (the GOV.UK
 * statistics conventions, explained on a Notes sheet), counts whole,
 * percentages to one place and rates to two as the page shows them, and
 * a chart of the quarters' values. The figures are the pack's JSON as it
 * is (already suppressed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "service/measures/measures_pack.h"

#define SHEET_MAX 31 /* Excel's limit on a sheet name */

struct formats {
	/* num: a count, a whole number; val: a rate, two places; pct: a
	 * percentage, one place, as the page shows them. */
	lxw_format *title, *bold, *head, *wrap, *num, *val, *pct, *link, *note;
};

/* The markers of the GOV.UK statistics conventions (the Analysis
 * Function's "Symbols in tables" guidance), explained on the Notes
 * sheet: [c] confidential, a figure withheld by the suppression rule of
 * docs/measures.md; [x] not available, a figure that does not apply
 * (a percentage of no one). */
#define MARK_WITHHELD "[c]"
#define MARK_NOT_APPLICABLE "[x]"
#define NOTES_SHEET "Notes"

/* The sheet name of title: the characters Excel refuses replaced, at most
 * 31 bytes (cut at a character boundary), unique in the workbook. */
static void
sheet_name(lxw_workbook *wb, const char *title, char out[SHEET_MAX + 1])
{
	char full[256];
	size_t n = 0;
	for (const char *p = title; *p && n + 2 < sizeof(full); p++) {
		if (*p == ':') { /* "KPI 1: ..." reads "KPI 1 - ..." */
			full[n++] = ' ';
			full[n++] = '-';
		} else if (strchr("[]*?/\\", *p)) {
			full[n++] = '-';
		} else {
			full[n++] = *p;
		}
	}
	full[n] = '\0';
	if (n > SHEET_MAX) {
		/* Cut at the last space that fits, else at a character. */
		n = SHEET_MAX;
		while (n > 0 && full[n] != ' ')
			n--;
		if (n < SHEET_MAX / 2) {
			n = SHEET_MAX;
			while (n > 0 && ((unsigned char)full[n] & 0xC0) == 0x80)
				n--; /* never cut a UTF-8 character in two */
		}
	}
	while (n > 0 && (full[n - 1] == ' ' || full[n - 1] == '-' ||
	                 full[n - 1] == '\'' || full[n - 1] == ','))
		n--;
	memcpy(out, full, n);
	out[n] = '\0';
	char base[SHEET_MAX + 1];
	memcpy(base, out, n + 1);
	for (int k = 2; workbook_get_worksheet_by_name(wb, out); k++) {
		char suffix[8];
		int sl = snprintf(suffix, sizeof(suffix), " %d", k);
		size_t keep =
		    n + (size_t)sl > SHEET_MAX ? SHEET_MAX - (size_t)sl : n;
		memcpy(out, base, keep);
		memcpy(out + keep, suffix, (size_t)sl + 1);
	}
}

/* Extra code "out_of_court" as "Out of court", and "rj_offered" as "RJ
 * offered": the field's abbreviations keep their capitals, as the pages'
 * humanise() (web/js/ui.js) writes them. */
static void
plain(const char *code, char *out, size_t len)
{
	static const char *const ABBREVIATIONS[] = {
	    "rj", "ete", "send", "ehcp", "oocd", "kpi", "yjb", "fgc", NULL};
	size_t i = 0;
	for (; code[i] && i + 1 < len; i++) {
		char c = code[i];
		if (c == '_')
			c = ' ';
		out[i] = c;
	}
	out[i] = '\0';
	for (size_t w = 0; w < i;) {
		size_t n = strcspn(out + w, " ");
		for (size_t k = 0; ABBREVIATIONS[k]; k++)
			if (strlen(ABBREVIATIONS[k]) == n &&
			    strncmp(out + w, ABBREVIATIONS[k], n) == 0)
				for (size_t j = w; j < w + n; j++)
					out[j] = (char)(out[j] - 'a' + 'A');
		w += n + (out[w + n] ? 1 : 0);
	}
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* A count or value: the number, "[c]" when withheld, "[x]" when it does
 * not apply. */
static void
put(lxw_worksheet *ws, int row, int col, const json_t *v, int withheld,
    lxw_format *num)
{
	if (json_is_number(v))
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		                       json_number_value(v), num);
	else
		worksheet_write_string(
		    ws, (lxw_row_t)row, (lxw_col_t)col,
		    withheld ? MARK_WITHHELD : MARK_NOT_APPLICABLE, NULL);
}

/* A count: a whole number (a count never has a fraction; one that came
 * with one is rounded), else put()'s marker. */
static void
put_count(lxw_worksheet *ws, int row, int col, const json_t *v, int withheld,
          const struct formats *f)
{
	if (!json_is_number(v)) {
		put(ws, row, col, v, withheld, f->num);
		return;
	}
	double x = json_number_value(v);
	double whole = x < 0 ? -(double)(long long)(-x + 0.5)
	                     : (double)(long long)(x + 0.5);
	worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, whole,
	                       f->num);
}

/* An extra: a whole number as a count, else to two places. */
static void
put_extra(lxw_worksheet *ws, int row, int col, const json_t *v, int withheld,
          const struct formats *f)
{
	double x = json_number_value(v);
	if (json_is_number(v) && x != (double)(long long)x)
		put(ws, row, col, v, withheld, f->val);
	else
		put_count(ws, row, col, v, withheld, f);
}

/*
 * The figure of cell c of measure m as the page shows it: a percentage to
 * one decimal place, worked out from the cell's counts when it has them
 * (the API's value is rounded to two places, and rounding that again
 * could give 94.0 for 326 of 347, which is 93.9: web/js/views/
 * board_pack.js does the same); a rate to two places; a count whole.
 */
static void
put_value(lxw_worksheet *ws, int row, int col, const json_t *m, const json_t *c,
          int withheld, const struct formats *f)
{
	const json_t *v = json_object_get(c, "value");
	const char *type = json_string_value(json_object_get(m, "value_type"));
	if (!json_is_number(v) || !type) {
		put(ws, row, col, v, withheld, f->val);
		return;
	}
	if (strcmp(type, "count") == 0) {
		put_count(ws, row, col, v, withheld, f);
		return;
	}
	if (strcmp(type, "percentage") != 0) {
		put(ws, row, col, v, withheld, f->val);
		return;
	}
	const json_t *num = json_object_get(c, "numerator"),
	             *den = json_object_get(c, "denominator");
	double exact = json_number_value(v);
	if (json_is_number(num) && json_is_number(den) &&
	    json_number_value(den) > 0)
		exact = 100.0 * json_number_value(num) / json_number_value(den);
	double tenths = exact * 10.0;
	tenths = (double)(long long)(tenths + (tenths < 0 ? -0.5 : 0.5));
	worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
	                       tenths / 10.0, f->pct);
}

static int
withheld(const json_t *cell, const char *field)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(cell, "suppressed"), i, s)
	{
		if (!field || strcmp(json_string_value(s), field) == 0)
			return 1;
	}
	return 0;
}

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* One row of figures: label, dates, numerator, denominator, value,
 * extras. */
static void
figures_row(lxw_worksheet *ws, int row, const char *label, const json_t *m,
            const json_t *c, const json_t *extras_of, const struct formats *f)
{
	worksheet_write_string(ws, (lxw_row_t)row, 0, label, NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 1, str(c, "from"), NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 2, str(c, "to"), NULL);
	/* A reoffending figure whose cohort is still in its follow-up
	 * (status "provisional") will rise, even for a period that is over. */
	const char *status = str(c, "status");
	worksheet_write_string(
	    ws, (lxw_row_t)row, 3,
	    json_is_true(json_object_get(c, "incomplete")) ? "Not over yet"
	    : status && strcmp(status, "provisional") == 0
	        ? "Provisional: children still in their follow-up"
	        : "Complete",
	    NULL);
	put_count(ws, row, 4, json_object_get(c, "numerator"),
	          withheld(c, "numerator"), f);
	put_count(ws, row, 5, json_object_get(c, "denominator"),
	          withheld(c, "denominator"), f);
	put_value(ws, row, 6, m, c, withheld(c, NULL), f);
	const char *k;
	json_t *v;
	int col = 7;
	json_object_foreach((json_t *)extras_of, k, v)
	{
		(void)v;
		const json_t *x =
		    json_object_get(json_object_get(c, "extras"), k);
		put_extra(ws, row, col++, x, withheld(c, k), f);
	}
}

static const char *
value_heading(const json_t *m, char *buf, size_t len)
{
	const char *t = str(m, "value_type");
	if (strcmp(t, "rate") == 0)
		snprintf(buf, len, "Rate per %s children aged 10-17",
		         json_integer_value(json_object_get(m, "rate_per")) ==
		                 100000
		             ? "100,000"
		             : "1,000");
	else if (strcmp(t, "count") == 0)
		snprintf(buf, len, "Count");
	else
		snprintf(buf, len, "Percentage");
	return buf;
}

/* The sheet of measure m. */
static void
measure_sheet(lxw_workbook *wb, lxw_worksheet *ws, const char *name,
              const json_t *m, const json_t *pack, const struct formats *f)
{
	char buf[256];
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 3, 13, NULL);
	worksheet_set_column(ws, 4, 12, 16, NULL);
	worksheet_write_string(ws, 0, 0, str(m, "title"), f->title);
	worksheet_write_url(ws, 0, 8, "internal:'Contents'!A1", f->link);
	worksheet_write_string(ws, 0, 8, "Back to the contents", f->link);
	worksheet_merge_range(ws, 1, 0, 1, 10, str(m, "rule"), f->wrap);
	worksheet_set_row(ws, 1, 60, NULL);
	int row = 2;
	if (json_is_string(json_object_get(m, "label")))
		worksheet_write_string(ws, (lxw_row_t)row++, 0, str(m, "label"),
		                       f->note);
	snprintf(buf, sizeof(buf),
	         "What is counted: each %s. Rule version %s. " MARK_WITHHELD
	         " = confidential, withheld to protect children's "
	         "identities; " MARK_NOT_APPLICABLE
	         " = not available, the figure does not "
	         "apply. See the Notes sheet.",
	         str(m, "unit"), str(m, "rule_version"));
	worksheet_write_string(ws, (lxw_row_t)row++, 0, buf, f->note);
	/* A quarter's rate is the quarter's own, beside the year's
	 * (docs/measures.md, "Annualised rates"). */
	const json_t *ps0 = json_object_get(m, "periods");
	const json_t *p0 = json_array_get(ps0, 0);
	if (strcmp(str(m, "value_type"), "rate") == 0 && p0 &&
	    str(p0, "rate_label")[0] && str(m, "rate_label")[0]) {
		snprintf(buf, sizeof(buf),
		         "Each quarter's rate is %s; the year's is %s.",
		         str(p0, "rate_label"), str(m, "rate_label"));
		worksheet_write_string(ws, (lxw_row_t)row++, 0, buf, f->note);
	}
	row++;
	static const char *const HEAD[] = {"Period", "From",    "To",
	                                   "Status", "Counted", "Out of"};
	int head = row;
	for (int i = 0; i < 6; i++)
		worksheet_write_string(ws, (lxw_row_t)head, (lxw_col_t)i,
		                       HEAD[i], f->head);
	worksheet_write_string(ws, (lxw_row_t)head, 6,
	                       value_heading(m, buf, sizeof(buf)), f->head);
	const json_t *extras = json_object_get(m, "extras");
	const char *k;
	json_t *v;
	int col = 7;
	json_object_foreach((json_t *)extras, k, v)
	{
		(void)v;
		/* The extra's label from its measure's rule, not its field
		 * name: a board member reads "In a suitable arrangement,
		 * attending or not", not "Suitable". */
		const char *label = json_string_value(
		    json_object_get(json_object_get(m, "extra_labels"), k));
		if (!label)
			plain(k, buf, sizeof(buf));
		worksheet_write_string(ws, (lxw_row_t)head, (lxw_col_t)col++,
		                       label ? label : buf, f->head);
	}
	const json_t *periods = json_object_get(m, "periods");
	size_t np = json_array_size(periods);
	for (size_t i = 0; i < np; i++) {
		const json_t *p = json_array_get(periods, i);
		figures_row(ws, head + 1 + (int)i, str(p, "period"), m, p,
		            extras, f);
	}
	snprintf(buf, sizeof(buf), "Year to %s", str(pack, "to"));
	json_t *year = json_deep_copy(m);
	json_object_set_new(
	    year, "incomplete",
	    json_boolean(json_is_true(json_object_get(pack, "incomplete"))));
	figures_row(ws, head + 1 + (int)np, buf, m, year, extras, f);
	json_decref(year);
	if (np == 0)
		return;
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
	if (!chart)
		return;
	lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(s, name, (lxw_row_t)(head + 1), 0,
	                            (lxw_row_t)(head + (int)np), 0);
	chart_series_set_values(s, name, (lxw_row_t)(head + 1), 6,
	                        (lxw_row_t)(head + (int)np), 6);
	chart_series_set_name(s, value_heading(m, buf, sizeof(buf)));
	chart_title_set_name(chart, str(m, "title"));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	chart_axis_set_name(chart->y_axis, buf);
	worksheet_insert_chart(ws, (lxw_row_t)(head + (int)np + 3), 0, chart);
}

/* The contents sheet: what the pack is, and a line per measure. */
static void
contents_sheet(lxw_worksheet *ws, const json_t *pack, char (*names)[32],
               const struct formats *f)
{
	char buf[256];
	worksheet_set_column(ws, 0, 0, 48, NULL);
	worksheet_set_column(ws, 1, 2, 22, NULL);
	worksheet_set_column(ws, 3, 3, 60, NULL);
	worksheet_set_column(ws, 4, 4, 28, NULL);
	snprintf(buf, sizeof(buf), "Youth justice board pack: %s",
	         str(pack, "quarter"));
	worksheet_write_string(ws, 0, 0, buf, f->title);
	snprintf(buf, sizeof(buf),
	         "Quarter %s to %s; trends from %s. Made by Spire on %s.",
	         str(pack, "from"), str(pack, "to"), str(pack, "year_from"),
	         str(pack, "generated_on"));
	worksheet_write_string(ws, 1, 0, buf, NULL);
	worksheet_write_string(ws, 2, 0, str(pack, "suppression"), f->note);
	worksheet_write_url(ws, 3, 0, "internal:'" NOTES_SHEET "'!A1", f->link);
	worksheet_write_string(ws, 3, 0,
	                       "Notes: " MARK_WITHHELD
	                       " confidential (withheld), " MARK_NOT_APPLICABLE
	                       " not available",
	                       f->link);
	int row = 4;
	if (json_is_true(json_object_get(pack, "incomplete")))
		worksheet_write_string(
		    ws, (lxw_row_t)row++, 0,
		    "This quarter is not over yet: its "
		    "figures are incomplete and will change.",
		    f->bold);
	row++;
	static const char *const HEAD[] = {"Measure", "This quarter", "Year",
	                                   "Shown as", "Status"};
	for (int i = 0; i < 5; i++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i,
		                       HEAD[i], f->head);
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(pack, "measures"), i, m)
	{
		int r = row + 1 + (int)i;
		snprintf(buf, sizeof(buf), "internal:'%s'!A1", names[i]);
		worksheet_write_url(ws, (lxw_row_t)r, 0, buf, f->link);
		worksheet_write_string(ws, (lxw_row_t)r, 0, str(m, "title"),
		                       f->link);
		const json_t *ps = json_object_get(m, "periods");
		const json_t *last =
		    json_array_get(ps, json_array_size(ps) - 1);
		if (last)
			put_value(ws, r, 1, m, last, withheld(last, NULL), f);
		put_value(ws, r, 2, m, m, withheld(m, NULL), f);
		/* A rate says what each figure is per: the quarter's is the
		 * quarter's own (not annualised), the year's a year's
		 * (docs/measures.md, "Annualised rates"). */
		char vh[96];
		const char *ql = str(last, "rate_label"),
		           *yl = str(m, "rate_label");
		if (strcmp(str(m, "value_type"), "rate") == 0 && ql[0] &&
		    yl[0]) {
			snprintf(buf, sizeof(buf),
			         "Rate: the quarter %s; the year %s", ql, yl);
			worksheet_write_string(ws, (lxw_row_t)r, 3, buf, NULL);
		} else
			worksheet_write_string(ws, (lxw_row_t)r, 3,
			                       value_heading(m, vh, sizeof(vh)),
			                       NULL);
		/* A reoffending cohort still in its follow-up is
		 * provisional: a quarter just over has had no time to
		 * reoffend, so its 0.0% is not a result. */
		int pq = strcmp(str(last, "status"), "provisional") == 0,
		    py = strcmp(str(m, "status"), "provisional") == 0;
		if (pq || py)
			worksheet_write_string(
			    ws, (lxw_row_t)r, 4,
			    pq && py ? "Provisional (quarter and year)"
			    : pq     ? "Provisional (quarter)"
			             : "Provisional (year)",
			    NULL);
	}
}

/* The notes sheet: what the markers and the figures' forms mean. */
static void
notes_sheet(lxw_worksheet *ws, const json_t *pack, const struct formats *f)
{
	static const char *const ROWS[][2] = {
	    {MARK_WITHHELD,
	     "Confidential: withheld to protect children's identities. A "
	     "count of fewer than 5 people is withheld, and so is any figure "
	     "from which such a count could be worked out or narrowed down "
	     "(secondary suppression), with the percentage or rate made from "
	     "it."},
	    {MARK_NOT_APPLICABLE,
	     "Not available: the figure does not apply, for example a "
	     "percentage when there is no one to count. The web page shows "
	     "these as a dash."},
	    {"Counts", "Whole numbers."},
	    {"Percentages",
	     "To one decimal place, worked out from the counts (as the board "
	     "pack page shows them)."},
	    {"Rates", "To two decimal places."},
	};
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 1, 100, f->wrap);
	worksheet_write_string(ws, 0, 0, "Notes", f->title);
	worksheet_write_url(ws, 0, 1, "internal:'Contents'!A1", f->link);
	worksheet_write_string(ws, 0, 1, "Back to the contents", f->link);
	worksheet_write_string(ws, 1, 0, str(pack, "suppression"), f->note);
	worksheet_write_string(ws, 3, 0, "Marker or figure", f->head);
	worksheet_write_string(ws, 3, 1, "Meaning", f->head);
	for (size_t i = 0; i < sizeof(ROWS) / sizeof(ROWS[0]); i++) {
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 0, ROWS[i][0],
		                       f->bold);
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 1, ROWS[i][1],
		                       f->wrap);
	}
}

static int
read_file(const char *path, char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	char *b = NULL;
	long n = -1;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (b = malloc((size_t)n + 1)) &&
	    fread(b, 1, (size_t)n, fp) == (size_t)n) {
		fclose(fp);
		*buf = b;
		*len = (size_t)n;
		return 0;
	}
	free(b);
	fclose(fp);
	return -1;
}

int
measures_pack_xlsx(const json_t *pack, char **buf, size_t *len, struct err *e)
{
	*buf = NULL;
	*len = 0;
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/spire-pack-XXXXXX",
	         dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(e, SPIRE_EIO, NULL,
		               "cannot make the workbook: %s", strerror(errno));
	close(fd);
	const json_t *ms = json_object_get(pack, "measures");
	size_t n = json_array_size(ms);
	char(*names)[32] = calloc(n ? n : 1, sizeof(*names));
	lxw_workbook *wb = names ? workbook_new(path) : NULL;
	if (!wb) {
		free(names);
		unlink(path);
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	}
	struct formats f;
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 16);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_bottom(f.head, LXW_BORDER_THIN);
	format_set_text_wrap(f.head);
	f.wrap = workbook_add_format(wb);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
	f.num = workbook_add_format(wb);
	format_set_num_format(f.num, "#,##0");
	f.val = workbook_add_format(wb);
	format_set_num_format(f.val, "#,##0.00");
	f.pct = workbook_add_format(wb);
	format_set_num_format(f.pct, "0.0");
	f.link = workbook_add_format(wb);
	format_set_underline(f.link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(f.link, LXW_COLOR_BLUE);
	f.note = workbook_add_format(wb);
	format_set_italic(f.note);
	lxw_worksheet *contents = workbook_add_worksheet(wb, "Contents");
	lxw_worksheet *notes = workbook_add_worksheet(wb, NOTES_SHEET);
	if (notes)
		notes_sheet(notes, pack, &f);
	size_t i;
	const json_t *m;
	json_array_foreach(ms, i, m)
	{
		sheet_name(wb, str(m, "title"), names[i]);
		lxw_worksheet *ws = workbook_add_worksheet(wb, names[i]);
		if (ws)
			measure_sheet(wb, ws, names[i], m, pack, &f);
	}
	if (contents)
		contents_sheet(contents, pack, names, &f);
	lxw_error le = workbook_close(wb);
	free(names);
	int rc = 0;
	if (le != LXW_NO_ERROR)
		rc = err_set(e, SPIRE_EIO, NULL,
		             "cannot write the workbook: %s", lxw_strerror(le));
	else if (read_file(path, buf, len) != 0)
		rc = err_set(e, SPIRE_EIO, NULL, "cannot read the workbook");
	unlink(path);
	return rc;
}
