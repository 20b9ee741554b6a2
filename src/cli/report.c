/*
 * report.c - `spire report`: one measure, or the whole board pack, from
 * a database file, as text, JSON or CSV. Aggregates only (no child is
 * named), with counts from 1 to 4 withheld unless --no-suppress.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/config.h"
#include "service/forms/forms.h"
#include "service/measures/measures.h"

static const char USAGE[] =
    "usage: spire report --db FILE|URL --measure NAME|all --from YYYY-MM-DD\n"
    "                    --to YYYY-MM-DD [--by ethnicity|sex|age|team]\n"
    "                    [--interval quarter|year] [--as-of YYYY-MM-DD]\n"
    "                    [--format text|json|csv] [--population FILE]\n"
    "                    [--no-suppress] [--forms DIR] [--config FILE]\n"
    "       spire report --db FILE|URL --rebuild-summary | --check-summary\n"
    "Compute a youth justice measure (or every one: --measure all, the\n"
    "board pack) from the records. Counts from 1 to 4 are withheld unless\n"
    "--no-suppress. --population defaults to measures.population\n"
    "(SPIRE_POPULATION, data/population.csv), --forms to server.forms_dir\n"
    "(SPIRE_FORMS_DIR, forms), as spire serve reads them (--config FILE);\n"
    "a report without either fails rather than give empty figures.\n"
    "--rebuild-summary recomputes\n"
    "the measures' summary table from the records (after a bulk load);\n"
    "--check-summary compares it with the records and exits 1 if they\n"
    "differ. Measures:\n";

static void
print_usage(FILE *f)
{
	fputs(USAGE, f);
	for (size_t i = 0; MEASURES[i]; i++)
		fprintf(f, "  %-22s %s\n", MEASURES[i]->name,
		        MEASURES[i]->title);
}

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "spire: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	print_usage(stderr);
	return 2;
}

struct report_opts {
	const char *db, *measure, *from, *to, *by, *interval, *as_of;
	const char *format, *population, *forms, *config;
	int no_suppress, rebuild, check;
};

static int
parse(int argc, char **argv, struct report_opts *o, int *done)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"measure", required_argument, NULL, 'm'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"by", required_argument, NULL, 'b'},
	    {"interval", required_argument, NULL, 'i'},
	    {"as-of", required_argument, NULL, 'a'},
	    {"format", required_argument, NULL, 'F'},
	    {"population", required_argument, NULL, 'p'},
	    {"forms", required_argument, NULL, 'o'},
	    {"config", required_argument, NULL, 'c'},
	    {"no-suppress", no_argument, NULL, 'N'},
	    {"rebuild-summary", no_argument, NULL, 'R'},
	    {"check-summary", no_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	*done = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:m:f:t:b:i:a:F:p:o:c:NRCh", opts,
	                        NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'm':
			o->measure = optarg;
			break;
		case 'f':
			o->from = optarg;
			break;
		case 't':
			o->to = optarg;
			break;
		case 'b':
			o->by = optarg;
			break;
		case 'i':
			o->interval = optarg;
			break;
		case 'a':
			o->as_of = optarg;
			break;
		case 'F':
			o->format = optarg;
			break;
		case 'p':
			o->population = optarg;
			break;
		case 'o':
			o->forms = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'N':
			o->no_suppress = 1;
			break;
		case 'R':
			o->rebuild = 1;
			break;
		case 'C':
			o->check = 1;
			break;
		case 'h':
			print_usage(stdout);
			*done = 1;
			return 0;
		default:
			return usage_error("bad option", NULL);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument", argv[optind]);
	if (!o->db)
		return usage_error(
		    "--db is required: a database file, or a postgresql:// URL",
		    NULL);
	if (o->rebuild || o->check) {
		if (o->measure || o->from || o->to)
			return usage_error("--rebuild-summary and "
			                   "--check-summary take only --db",
			                   NULL);
		if (cli_no_database(o->db))
			return usage_error("no database at", o->db);
		return 0;
	}
	if (!o->measure)
		return usage_error("--measure NAME is required", NULL);
	if (strcmp(o->measure, "all") != 0 && !measure_find(o->measure))
		return usage_error("unknown measure", o->measure);
	if (!o->from || !o->to)
		return usage_error("--from and --to are required", NULL);
	if (!o->format)
		o->format = "text";
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0 &&
	    strcmp(o->format, "csv") != 0)
		return usage_error("--format must be text, json or csv", NULL);
	if (cli_no_database(o->db))
		return usage_error("no database at", o->db);
	return 0;
}

/* Print one measure's figures; csv_header: print the CSV header. */
static int
print_one(const json_t *r, const char *format, int first, json_t *all)
{
	if (!strcmp(format, "json"))
		return json_array_append(all, (json_t *)r) ? -1 : 0;
	char *text =
	    !strcmp(format, "csv") ? measures_csv(r) : measures_text(r);
	if (!text)
		return -1;
	const char *body = text;
	if (!strcmp(format, "csv") && !first) {
		const char *nl = strchr(text, '\n');
		body = nl ? nl + 1 : text;
	}
	fputs(body, stdout);
	if (!strcmp(format, "text"))
		fputs("\n", stdout);
	free(text);
	return 0;
}

/* --rebuild-summary / --check-summary. */
static int
summary(const struct report_opts *o)
{
	struct err e;
	err_clear(&e);
	int64_t missing = 0, extra = 0;
	int rc = o->rebuild
	             ? measures_summary_rebuild(o->db, &e)
	             : measures_summary_check(o->db, &missing, &extra, &e);
	if (rc)
		return cli_fail(&e);
	if (o->rebuild) {
		printf("measures summary rebuilt from the records\n");
		return 0;
	}
	printf("measures summary: %lld facts missing, %lld extra\n",
	       (long long)missing, (long long)extra);
	return missing || extra ? 1 : 0;
}

int
cli_report(int argc, char **argv)
{
	struct report_opts o = {0};
	int done;
	int rc = parse(argc, argv, &o, &done);
	if (rc || done)
		return rc;
	if (o.rebuild || o.check)
		return summary(&o);
	struct err e;
	err_clear(&e);
	struct config cfg;
	config_defaults(&cfg);
	if (o.config && config_load_file(&cfg, o.config, &e) != 0)
		return cli_fail(&e);
	if (config_load_env(&cfg, &e) != 0)
		return cli_fail(&e);
	/*
	 * The population and the form definitions where spire serve finds
	 * them (relative paths from the working directory). Run outside the
	 * source tree without them, the rates and the measures read from
	 * forms would come out empty or 0 as if there were nothing to count:
	 * a report fails instead, saying what to give (reviewers, session 23).
	 */
	const char *pop_path = o.population ? o.population : cfg.population_csv;
	const char *forms_dir = o.forms ? o.forms : cfg.forms_dir;
	struct stat st;
	if (stat(forms_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr,
		        "spire: there is no folder of form definitions %s: "
		        "give --forms DIR (or forms_dir in --config FILE, or "
		        "SPIRE_FORMS_DIR); the measures read from forms need "
		        "it\n",
		        forms_dir);
		return 1;
	}
	struct population pop = {NULL, 0};
	if (population_load(&pop, pop_path, &e) != 0) {
		fprintf(stderr,
		        "spire: %s: give --population FILE (or population in "
		        "--config FILE, or SPIRE_POPULATION); the rates need "
		        "it\n",
		        e.message);
		return 1;
	}
	/* An empty file, one with its header only, or a folder: every rate
	 * would be "-" as if nobody lived there (session 24's attack). */
	if (pop.n == 0) {
		fprintf(stderr,
		        "spire: %s holds no population rows: give --population "
		        "FILE (a CSV with a row per year, area and group); the "
		        "rates need it\n",
		        pop_path);
		population_release(&pop);
		return 1;
	}
	/* The form definitions, for the measures read from form responses. */
	struct forms forms = {0};
	if (forms_load_dir(&forms, forms_dir, &e) != 0) {
		population_release(&pop);
		return cli_fail(&e);
	}
	if (forms.n == 0) {
		fprintf(stderr,
		        "spire: %s holds no form definitions: give --forms DIR "
		        "(the folder of the form definitions spire serve "
		        "reads); the measures read from forms need them\n",
		        forms_dir);
		population_release(&pop);
		forms_release(&forms);
		return 1;
	}
	char today[CLOCK_ISO_LEN];
	clock_today(today);
	json_t *all = json_array();
	int status = 0;
	if (!all) {
		err_set(&e, SPIRE_ENOMEM, NULL, "out of memory");
		status = cli_fail(&e);
		goto out;
	}

	/* Every measure asked for, computed together (shared scans). */
	struct measure_query qs[64];
	json_t *rs[64];
	size_t n = 0;
	for (size_t i = 0; MEASURES[i] && n < 64; i++) {
		const struct measure_def *def = MEASURES[i];
		if (strcmp(o.measure, "all") != 0 &&
		    strcmp(o.measure, def->name) != 0)
			continue;
		/* The board pack leaves out the measures a breakdown makes
		 * no sense for (parents by age band). */
		if (strcmp(o.measure, "all") == 0 &&
		    !measure_takes_by(def, o.by))
			continue;
		struct measure_query *q = &qs[n];
		if (measure_query_parse(q, def, o.from, o.to, o.by, o.interval,
		                        o.as_of, &e) != 0) {
			fprintf(stderr, "spire: --%s: %s\n",
			        e.field[0] ? e.field : "option", e.message);
			print_usage(stderr);
			status = 2;
			goto out;
		}
		if (!q->as_of)
			q->as_of = today;
		measure_query_forms(q, &forms);
		q->suppress = !o.no_suppress;
		n++;
	}
	if (measures_report(o.db, qs, n, &pop, rs, &e) != 0) {
		status = cli_fail(&e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (status == 0 && print_one(rs[i], o.format, i == 0, all)) {
			fprintf(stderr, "spire: out of memory\n");
			status = 1;
		}
		json_decref(rs[i]);
	}
	if (status)
		goto out;
	if (!strcmp(o.format, "json")) {
		json_t *one = json_array_size(all) == 1
		                  ? json_incref(json_array_get(all, 0))
		                  : json_pack("{s:O}", "measures", all);
		if (one)
			json_dumpf(one, stdout,
			           JSON_INDENT(2) | JSON_REAL_PRECISION(12));
		fputs("\n", stdout);
		json_decref(one);
	}
out:
	json_decref(all);
	population_release(&pop);
	forms_release(&forms);
	return status;
}
