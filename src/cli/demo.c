/*
 * demo.c - `spire demo`: create or migrate a database and fill it with the
 * deterministic synthetic demo data set (demo/demo.c), then print the
 * demo sign-ins.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/date.h"
#include "demo/demo.h"

static const char USAGE[] =
    "usage: spire demo --db FILE|URL [--seed N] [--children N] [--password "
    "PW]\n"
    "                  [--today YYYY-MM-DD] [--audit-key KEYFILE]\n"
    "       spire demo --signins [--db FILE|URL]\n"
    "Create (or migrate) FILE and fill it with synthetic demo data: teams in\n"
    "the six services, demo staff, N children (default 300) with their\n"
    "families, cases, contacts, tasks and consents. The same seed (default\n"
    "1), size and day always give the same data; every date is relative to\n"
    "the day the demo is loaded (the UK civil date), or to --today.\n"
    "Refuses a database that already holds people.\n"
    "Every demo account's password is PW (default " DEMO_PASSWORD ").\n"
    "The audit trail's key is KEYFILE (else $SPIRE_AUDIT_KEY_FILE, else\n"
    "FILE.audit-key; a postgresql:// URL needs one named).\n"
    "--signins prints the demo sign-ins (naming FILE in the command that\n"
    "lists every account) and exits.\n";

/* Parse a whole decimal number in [lo, hi]. */
static int
parse_number(const char *s, unsigned long long lo, unsigned long long hi,
             unsigned long long *out)
{
	char *end = NULL;
	errno = 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || !end || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The sign-ins; db (NULL when not known) names the database in the
 * command that lists every account, run by this very binary. */
static void
print_signins(const char *password, const char *db)
{
	printf("\nDemo sign-ins (password: %s)\n", password);
	printf("  %-20s %-16s %s\n", "username", "role", "team");
	for (const struct demo_signin *s = DEMO_SIGNINS; s->username; s++)
		printf("  %-20s %-16s %s\n", s->username, s->role, s->team);
	char self[4096], shown[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	printf("Other staff (e.g. amir.rashid, helen.moss) share the same "
	       "password; '%s user list --db %s' shows them all.\n",
	       n > 0 ? self : "spire",
	       db ? cli_db_shown(db, shown, sizeof(shown)) : "FILE");
}

int
cli_demo(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"seed", required_argument, NULL, 's'},
	    {"children", required_argument, NULL, 'n'},
	    {"password", required_argument, NULL, 'p'},
	    {"today", required_argument, NULL, 't'},
	    {"signins", no_argument, NULL, 'S'},
	    {"audit-key", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL, *key_file = NULL;
	struct demo_options o = {1, 300, DEMO_PASSWORD, 0};
	unsigned long long v;
	int c, signins = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:s:n:p:t:k:h", opts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 's':
			if (parse_number(optarg, 0, UINT64_MAX, &v))
				return cli_usage(
				    USAGE, "--seed must be a whole number");
			o.seed = v;
			break;
		case 'n':
			if (parse_number(optarg, 1, DEMO_MAX_CHILDREN, &v))
				return cli_usage(USAGE,
				                 "--children must be from 1 to "
				                 "%d",
				                 DEMO_MAX_CHILDREN);
			o.children = (int64_t)v;
			break;
		case 'p':
			o.password = optarg;
			break;
		case 't':
			if (date_parse(optarg, &o.today) != 0 || o.today <= 0)
				return cli_usage(USAGE,
				                 "--today must be a real date, "
				                 "like 2026-12-01");
			break;
		case 'k':
			key_file = optarg;
			break;
		case 'S':
			signins = 1;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return 0;
		default:
			return cli_usage(USAGE, "bad option");
		}
	}
	if (optind < argc)
		return cli_usage(USAGE, "unexpected argument '%s'",
		                 argv[optind]);
	if (signins) {
		print_signins(DEMO_PASSWORD, path);
		return 0;
	}
	if (!path)
		return cli_usage(USAGE, "--db is required: a database file, or "
		                        "a postgresql:// URL");
	struct server srv;
	struct ctx ctx;
	struct arena arena;
	struct err e;
	err_clear(&e);
	int rc = cli_open_key(&srv, path, key_file, &ctx, &arena, &e);
	if (rc)
		return cli_fail(&e);
	struct demo_counts n = {0};
	int64_t t0 = clock_now_ms();
	rc = demo_load(&ctx, &o, &n, &e);
	int64_t ms = clock_now_ms() - t0;
	cli_close(&srv, &ctx, &arena);
	if (rc)
		return cli_fail(&e);
	printf("%s: demo data for seed %llu loaded in %.1f s: %lld children "
	       "(%lld people in %lld families, %lld family links), %lld "
	       "cases, %lld contacts (%lld attendees), %lld tasks, %lld "
	       "consents, %lld teams, %lld users; youth justice: %lld "
	       "offences, %lld outcomes, %lld assessments, %lld KPI "
	       "snapshots, %lld victims, %lld board meetings; parents: %lld "
	       "supported, %lld sessions, %lld plan items; One Family, "
	       "One Plan: %lld key workers, %lld family plans (%lld "
	       "actions, %lld reviews, %lld shared by consent)\n",
	       path, (unsigned long long)o.seed, (double)ms / 1000.0,
	       (long long)o.children, (long long)n.people,
	       (long long)n.families, (long long)n.members, (long long)n.cases,
	       (long long)n.contacts, (long long)n.attendees,
	       (long long)n.tasks, (long long)n.consents, (long long)n.teams,
	       (long long)n.users, (long long)n.offences, (long long)n.outcomes,
	       (long long)n.assessments, (long long)n.kpi_snapshots,
	       (long long)n.victims, (long long)n.board_meetings,
	       (long long)n.parent_supports, (long long)n.parent_sessions,
	       (long long)n.parent_plan_items, (long long)n.key_workers,
	       (long long)n.family_plans, (long long)n.plan_actions,
	       (long long)n.plan_reviews, (long long)n.plan_consents);
	print_signins(o.password, path);
	return 0;
}
