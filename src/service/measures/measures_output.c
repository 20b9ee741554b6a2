/*
 * measures_output.c - a measure's figures written as CSV (for files that
 * leave Spire: neutralised cells, byte-order mark) or as short text for
 * the terminal. Reads only the JSON measures_compute() made.
 */
#include "service/measures/measures_int.h"

#include <stdio.h>
#include <string.h>

/* The most a CSV file or text report may hold. */
#define OUTPUT_MAX ((size_t)64 << 20)

/* Appends below go to a struct buf whose first failure sticks: each
 * writer checks once, when it hands the text over (buf_take). */

/* One CSV cell: quoted when needed, and a leading = + - @ tab, CR, LF or
 * ; neutralised with a ' so a spreadsheet never runs it as a formula (a
 * leading ; or line break can start one where ; separates fields). */
static void
csv_cell(struct buf *b, const char *s, int last)
{
	if (!s)
		s = "";
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int neutral = s[0] && strchr("=+-@\t\r\n;", s[0]) != NULL;
	if (quote)
		buf_adds(b, "\"");
	if (neutral)
		buf_adds(b, "'");
	for (const char *c = s; *c; c++)
		buf_add(b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
	if (quote)
		buf_adds(b, "\"");
	buf_adds(b, last ? "\r\n" : ",");
}

static void
csv_json_cell(struct buf *b, const json_t *v, int last)
{
	char tmp[64];
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof(tmp), "%lld",
		         (long long)json_integer_value(v));
		csv_cell(b, tmp, last);
	} else if (json_is_real(v)) {
		snprintf(tmp, sizeof(tmp), "%.2f", json_real_value(v));
		csv_cell(b, tmp, last);
	} else if (json_is_string(v)) {
		csv_cell(b, json_string_value(v), last);
	} else {
		csv_cell(b, "", last);
	}
}

/* The last column: whether the row's period is not over yet (UK date). */
static const char *
incomplete_cell(const json_t *period)
{
	const json_t *v = json_object_get(period, "incomplete");
	return json_is_boolean(v) ? (json_is_true(v) ? "yes" : "no") : "";
}

static void
csv_row(struct buf *b, const json_t *r, const char *period, const char *from,
        const char *to, const json_t *row, const json_t *when)
{
	const char *group = json_string_value(json_object_get(row, "group"));
	csv_cell(b, json_string_value(json_object_get(r, "measure")), 0);
	csv_cell(b, json_string_value(json_object_get(r, "rule_version")), 0);
	csv_cell(b, period, 0);
	csv_cell(b, from, 0);
	csv_cell(b, to, 0);
	csv_cell(b, json_string_value(json_object_get(r, "by")), 0);
	csv_cell(b, group ? group : "all", 0);
	csv_json_cell(b, json_object_get(row, "numerator"), 0);
	csv_json_cell(b, json_object_get(row, "denominator"), 0);
	csv_json_cell(b, json_object_get(row, "value"), 0);
	csv_json_cell(b, json_object_get(row, "rri"), 0);
	struct buf s;
	buf_init(&s, OUTPUT_MAX);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(row, "suppressed"), i, x)
	{
		if (i)
			buf_adds(&s, " ");
		buf_adds(&s, json_string_value(x));
	}
	csv_cell(b, s.err || !s.p ? "" : s.p, 0);
	buf_release(&s);
	csv_cell(b, incomplete_cell(when), 1);
}

char *
measures_csv(const json_t *r)
{
	struct buf b;
	buf_init(&b, OUTPUT_MAX);
	/* The UTF-8 byte-order mark: without it Excel reads the file in the
	 * local code page and garbles accented team names. */
	buf_adds(&b, MEASURES_CSV_BOM);
	buf_adds(&b, "measure,rule_version,period,from,to,by,group,numerator,"
	             "denominator,value,rri,suppressed,incomplete\r\n");
	const char *from = json_string_value(json_object_get(r, "from"));
	const char *to = json_string_value(json_object_get(r, "to"));
	csv_row(&b, r, "whole", from, to, r, r);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(r, "periods"), i, p)
	{
		csv_row(&b, r, json_string_value(json_object_get(p, "period")),
		        json_string_value(json_object_get(p, "from")),
		        json_string_value(json_object_get(p, "to")), p, p);
	}
	json_array_foreach(json_object_get(r, "groups"), i, p)
	{
		csv_row(&b, r, "whole", from, to, p, r);
	}
	return buf_take(&b);
}

static void
text_line(struct buf *b, const char *name, const json_t *row)
{
	char line[256];
	char num[32] = "-", den[32] = "-", val[32] = "-";
	const json_t *v;
	if (json_is_integer(v = json_object_get(row, "numerator")))
		snprintf(num, sizeof(num), "%lld",
		         (long long)json_integer_value(v));
	if (json_is_integer(v = json_object_get(row, "denominator")))
		snprintf(den, sizeof(den), "%lld",
		         (long long)json_integer_value(v));
	if (json_is_number(v = json_object_get(row, "value")))
		snprintf(val, sizeof(val), "%.2f", json_number_value(v));
	snprintf(line, sizeof(line), "  %-22s %10s %10s %10s", name, num, den,
	         val);
	buf_adds(b, line);
	if (json_is_number(v = json_object_get(row, "rri"))) {
		snprintf(line, sizeof(line), "  RRI %.2f",
		         json_number_value(v));
		buf_adds(b, line);
	}
	buf_adds(b, "\n");
}

char *
measures_text(const json_t *r)
{
	struct buf b;
	buf_init(&b, OUTPUT_MAX);
	char line[512];
	snprintf(line, sizeof(line), "%s (rule %s), %s to %s\n",
	         json_string_value(json_object_get(r, "title")),
	         json_string_value(json_object_get(r, "rule_version")),
	         json_string_value(json_object_get(r, "from")),
	         json_string_value(json_object_get(r, "to")));
	buf_adds(&b, line);
	const char *label = json_string_value(json_object_get(r, "label"));
	if (label) {
		buf_adds(&b, label);
		buf_adds(&b, "\n");
	}
	/* A rate says what it is per, over how long (docs/measures.md,
	 * "Annualised rates"); each period's is its own, never a year's. */
	const char *rl = json_string_value(json_object_get(r, "rate_label"));
	if (rl) {
		snprintf(line, sizeof(line),
		         "Value: %s; each period's is that period's own\n", rl);
		buf_adds(&b, line);
	}
	snprintf(line, sizeof(line), "  %-22s %10s %10s %10s\n", "",
	         "numerator", "denominator", "value");
	buf_adds(&b, line);
	text_line(&b, "whole period", r);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(r, "periods"), i, p)
	{
		char name[48];
		snprintf(name, sizeof(name), "%s%s",
		         json_string_value(json_object_get(p, "period")),
		         json_is_true(json_object_get(p, "incomplete"))
		             ? " (so far)"
		             : "");
		text_line(&b, name, p);
	}
	json_array_foreach(json_object_get(r, "groups"), i, p)
	{
		text_line(&b, json_string_value(json_object_get(p, "group")),
		          p);
	}
	json_t *extras = json_object_get(r, "extras");
	const char *k;
	json_object_foreach(extras, k, p)
	{
		if (json_is_integer(p))
			snprintf(line, sizeof(line), "  %s: %lld\n", k,
			         (long long)json_integer_value(p));
		else if (json_is_real(p)) /* a mean change */
			snprintf(line, sizeof(line), "  %s: %.2f\n", k,
			         json_real_value(p));
		else
			snprintf(line, sizeof(line), "  %s: withheld\n", k);
		buf_adds(&b, line);
	}
	static const char *const DERIVED[] = {"reoffences_per_reoffender",
	                                      "reoffences_per_child"};
	for (i = 0; i < sizeof(DERIVED) / sizeof(DERIVED[0]); i++) {
		p = json_object_get(r, DERIVED[i]);
		if (!p)
			continue;
		if (json_is_number(p))
			snprintf(line, sizeof(line), "  %s: %.2f\n", DERIVED[i],
			         json_number_value(p));
		else
			snprintf(line, sizeof(line), "  %s: -\n", DERIVED[i]);
		buf_adds(&b, line);
	}
	const char *status = json_string_value(json_object_get(r, "status"));
	if (status) {
		snprintf(line, sizeof(line), "  status: %s\n", status);
		buf_adds(&b, line);
	}
	return buf_take(&b);
}
