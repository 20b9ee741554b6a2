/*
 * demo.c - the demo data generator: what a realistic, wholly synthetic
 * Coventry-like caseload looks like. Everything is drawn from a splitmix64
 * generator seeded by the caller and from fixed tables, so one seed and
 * size always give the same rows; all dates are relative to REF_DATE.
 * The rows are written by store/demo.c inside one writer transaction.
 * Not for test fixtures (tests/api/lib.mjs builds its own).
 */
#include "service/demo.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/validate.h"
#include "service/auth.h"
#include "store/demo.h"
#include "store/users.h"

#define REF_Y 2026 /* the reference date, 2026-11-01 */
#define REF_M 11
#define REF_D 1
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- deterministic randomness ---- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int
rng_pct(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

/* Uniform in [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

#define PICK(r, a) ((a)[rng_below((r), (uint32_t)N_OF(a))])

struct weighted {
	const char *value;
	unsigned weight;
};

static const char *
pick_weighted(struct rng *r, const struct weighted *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	unsigned x = rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i].weight)
			return w[i].value;
		x -= w[i].weight;
	}
	return w[n - 1].value;
}

#define PICK_W(r, a) pick_weighted((r), (a), N_OF(a))

/* ---- dates (days since 1970-01-01, proleptic Gregorian) ---- */

static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
date_text(int64_t days, char out[11])
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* A date of birth making someone `age` whole years old on REF_DATE. */
static int64_t
birth_for_age(struct rng *r, int age)
{
	return days_from_civil(REF_Y - age, REF_M, REF_D) - rng_below(r, 365);
}

/* ---- people: names, ethnicity, languages ---- */

enum name_set {
	NS_BRITISH,
	NS_EUROPE,
	NS_AFRICA,
	NS_CARIB,
	NS_INDIA,
	NS_MUSLIM_ASIA,
	NS_ARAB,
	NS_COUNT
};

struct names {
	const char *male[12], *female[12], *family[14], *religion[2];
};

static const struct names NAMES[NS_COUNT] = {
    [NS_BRITISH] = {{"Jack", "Harry", "Oliver", "Charlie", "Callum", "Riley",
                     "Kyle", "Liam", "Connor", "Mason", "Lee", "Darren"},
                    {"Olivia", "Amelia", "Chloe", "Megan", "Holly", "Ellie",
                     "Paige", "Jade", "Courtney", "Leah", "Kerry", "Donna"},
                    {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker",
                     "Evans", "Hughes", "Turner", "Cooper", "O'Connor", "Ward",
                     "Fletcher", "Bennett"},
                    {"Christian", "No religion"}},
    [NS_EUROPE] = {{"Jakub", "Kacper", "Filip", "Mateusz", "Szymon", "Andrei",
                    "Luca", "Darius", "Tomas", "Lukas", "Marek", "Piotr"},
                   {"Zuzanna", "Julia", "Maja", "Natalia", "Wiktoria", "Alicja",
                    "Ioana", "Elena", "Andreea", "Ieva", "Agnieszka", "Ewa"},
                   {"Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur",
                    "Popescu", "Ionescu", "Dumitru", "Horváth", "Novák",
                    "Murphy", "Byrne", "Kelly", "Stan"},
                   {"Christian", "No religion"}},
    [NS_AFRICA] = {{"Tobi", "Emmanuel", "Samuel", "Kwame", "Kofi", "David",
                    "Abdirahman", "Mohamed", "Yonas", "Tendai", "Chinedu",
                    "Daniel"},
                   {"Amara", "Blessing", "Precious", "Esther", "Ayan", "Hodan",
                    "Kemi", "Adaeze", "Ama", "Selam", "Rutendo", "Grace"},
                   {"Okafor", "Adeyemi", "Mensah", "Osei", "Boateng", "Abdi",
                    "Mohamed", "Ahmed", "Tesfaye", "Bekele", "Moyo", "Ncube",
                    "Okonkwo", "Eze"},
                   {"Christian", "Muslim"}},
    [NS_CARIB] = {{"Tyrese", "Jaden", "Marcus", "Andre", "Dwayne", "Shane",
                   "Kareem", "Devon", "Jermaine", "Leon", "Nathan", "Curtis"},
                  {"Shanice", "Tia", "Chantelle", "Aaliyah", "Keisha", "Naomi",
                   "Monique", "Jasmine", "Tanisha", "Imani", "Simone",
                   "Marcia"},
                  {"Campbell", "Brown", "Grant", "Francis", "Clarke", "Thomas",
                   "Williams", "Reid", "Henry", "Samuels", "Gayle", "McKenzie",
                   "Johnson", "Edwards"},
                  {"Christian", "No religion"}},
    [NS_INDIA] = {{"Arjun", "Aryan", "Rohan", "Harjeet", "Gurpreet", "Rajveer",
                   "Dev", "Vikram", "Sunil", "Jaspal", "Kiran", "Manpreet"},
                  {"Priya", "Simran", "Anaya", "Riya", "Jasleen", "Harleen",
                   "Navdeep", "Pooja", "Meera", "Kiran", "Sunita", "Rani"},
                  {"Patel", "Singh", "Sharma", "Mistry", "Chauhan", "Gill",
                   "Sandhu", "Bains", "Sidhu", "Parmar", "Joshi", "Dhillon",
                   "Kumar", "Shah"},
                  {"Hindu", "Sikh"}},
    [NS_MUSLIM_ASIA] =
        {{"Mohammed", "Ibrahim", "Yusuf", "Zayn", "Hamza", "Bilal", "Imran",
          "Adnan", "Tariq", "Rahim", "Ayaan", "Shahid"},
         {"Aisha", "Fatima", "Ayesha", "Zara", "Maryam", "Hafsa", "Sana",
          "Nadia", "Samina", "Rukhsana", "Amina", "Yasmin"},
         {"Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Rahman",
          "Uddin", "Miah", "Chowdhury", "Shah", "Mahmood", "Butt", "Begum"},
         {"Muslim", "Muslim"}},
    [NS_ARAB] = {{"Omar", "Ahmad", "Karim", "Hassan", "Ali", "Yousef", "Sami",
                  "Rami", "Khalid", "Nabil", "Dara", "Reza"},
                 {"Layla", "Noor", "Rania", "Huda", "Salma", "Dina", "Mariam",
                  "Lina", "Reem", "Hiba", "Shirin", "Parisa"},
                 {"Al-Sayed", "Haddad", "Mansour", "Abdullah", "Hamid",
                  "Nasser", "Saleh", "Darwish", "Karimi", "Rahimi", "Ahmadi",
                  "Hosseini", "Aziz", "Taha"},
                 {"Muslim", "No religion"}},
};

/* A census ethnicity, its names and the languages spoken at home (the
 * first is the most common). */
struct ethnicity {
	const char *code;
	enum name_set names;
	const char *languages[4];
};

static const struct ethnicity ETHNICITIES[] = {
    {"white_british", NS_BRITISH, {"English"}},
    {"white_irish", NS_EUROPE, {"English"}},
    {"white_roma", NS_EUROPE, {"Romanian", "Slovak", "Czech"}},
    {"white_other",
     NS_EUROPE,
     {"Polish", "Romanian", "Lithuanian", "Bulgarian"}},
    {"black_african", NS_AFRICA, {"English", "Somali", "Tigrinya", "Yoruba"}},
    {"black_caribbean", NS_CARIB, {"English"}},
    {"black_other", NS_CARIB, {"English"}},
    {"asian_indian", NS_INDIA, {"English", "Punjabi", "Gujarati", "Hindi"}},
    {"asian_pakistani", NS_MUSLIM_ASIA, {"English", "Urdu", "Punjabi"}},
    {"asian_bangladeshi", NS_MUSLIM_ASIA, {"English", "Bengali", "Sylheti"}},
    {"asian_other", NS_INDIA, {"English", "Tamil", "Nepali"}},
    {"mixed_white_black_caribbean", NS_CARIB, {"English"}},
    {"mixed_white_black_african", NS_AFRICA, {"English"}},
    {"mixed_white_asian", NS_INDIA, {"English"}},
    {"mixed_other", NS_EUROPE, {"English"}},
    {"other_arab", NS_ARAB, {"Arabic", "Kurdish", "English"}},
    {"other_any", NS_ARAB, {"Farsi", "Kurdish", "Pashto", "English"}},
};

/* Per mille: the Coventry youth justice cohort (48 % White British, 8 %
 * White other, 18 % Black, 10 % Asian, 15 % Mixed) and the school
 * population used for the other services (44 / 9 / 13 / 22 / 6). */
static const unsigned YJ_MIX[N_OF(ETHNICITIES)] = {
    480, 10, 10, 60, 100, 60, 20, 40, 35, 15, 10, 70, 30, 30, 20, 5, 5};
static const unsigned SCHOOL_MIX[N_OF(ETHNICITIES)] = {
    440, 5, 10, 75, 90, 30, 10, 90, 70, 40, 20, 25, 15, 15, 5, 30, 30};

static const struct ethnicity *
pick_ethnicity(struct rng *r, const unsigned *mix)
{
	unsigned x = rng_below(r, 1000);
	for (size_t i = 0; i < N_OF(ETHNICITIES); i++) {
		if (x < mix[i])
			return &ETHNICITIES[i];
		x -= mix[i];
	}
	return &ETHNICITIES[0];
}

static const struct ethnicity *
ethnicity_named(const char *code)
{
	for (size_t i = 0; i < N_OF(ETHNICITIES); i++)
		if (!strcmp(ETHNICITIES[i].code, code))
			return &ETHNICITIES[i];
	return &ETHNICITIES[0];
}

/* A mixed-heritage child's parents: one White British, one other. */
static const char *
other_parent_code(const char *child_code)
{
	static const struct {
		const char *child, *other;
	} map[] = {
	    {"mixed_white_black_caribbean", "black_caribbean"},
	    {"mixed_white_black_african", "black_african"},
	    {"mixed_white_asian", "asian_indian"},
	    {"mixed_other", "other_any"},
	};
	for (size_t i = 0; i < N_OF(map); i++)
		if (!strcmp(map[i].child, child_code))
			return map[i].other;
	return NULL;
}

static const char *
language_of(struct rng *r, const struct ethnicity *eth)
{
	size_t n = 0;
	while (n < N_OF(eth->languages) && eth->languages[n])
		n++;
	/* The first language is the common one: half of all picks. */
	return rng_pct(r, 50) ? eth->languages[0]
	                      : eth->languages[rng_below(r, (uint32_t)n)];
}

/* ---- places and identifiers ---- */

static const char *const STREETS[6][5] = {
    {"Far Gosford Street", "Spon Street", "Hill Street", "Queen Victoria Road",
     "Much Park Street"},
    {"Walsgrave Road", "Ansty Road", "Clifford Bridge Road", "Sewall Highway",
     "Wyken Croft"},
    {"Daventry Road", "Stoney Road", "Willenhall Lane", "Humber Road",
     "Remembrance Road"},
    {"Tile Hill Lane", "Jardine Crescent", "Charter Avenue",
     "Torrington Avenue", "Cromwell Lane"},
    {"Allesley Old Road", "Holyhead Road", "Broad Lane", "Barker Butts Lane",
     "Hearsall Lane"},
    {"Foleshill Road", "Holbrooks Lane", "Radford Road", "Lockhurst Lane",
     "Burnaby Road"},
};

struct address {
	char line[120], postcode[10];
};

static void
make_address(struct rng *r, struct address *a)
{
	/* Inward codes use a digit and two of these letters (no C I K M O V).
	 */
	static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
	/* One draw per statement: argument order is unspecified in C. */
	int district = rng_range(r, 1, 6);
	int number = rng_range(r, 1, 240);
	const char *street = STREETS[district - 1][rng_below(r, 5)];
	int sector = rng_range(r, 1, 9);
	char unit1 = letters[rng_below(r, 20)];
	char unit2 = letters[rng_below(r, 20)];
	snprintf(a->line, sizeof(a->line), "%d %s, Coventry", number, street);
	snprintf(a->postcode, sizeof(a->postcode), "CV%d %d%c%c", district,
	         sector, unit1, unit2);
}

/*
 * The k-th synthetic NHS number: "9" (a range not issued to patients),
 * eight digits from a bijection of k, and the check digit that makes it
 * pass valid_nhs_number() (modulus 11). Bodies without one are skipped.
 */
static void
nhs_number(uint64_t *k, uint64_t offset, char out[11])
{
	for (;;) {
		uint64_t body = 900000000ull +
		                ((*k)++ * 48271019ull + offset) % 100000000ull;
		snprintf(out, 11, "%09llu0", (unsigned long long)body);
		for (char c = '0'; c <= '9'; c++) {
			out[9] = c;
			if (valid_nhs_number(out))
				return;
		}
	}
}

/* ---- organisation: teams and staff (fixed, independent of the seed) ---- */

struct team_def {
	const char *service, *name;
	unsigned weight; /* share of new children, per mille */
};

static const struct team_def TEAMS[] = {
    {"youth_justice", "YJS North", 180},
    {"youth_justice", "YJS South", 180},
    {"youth_justice", "YJS Prevention", 90},
    {"early_help", "Early Help East", 130},
    {"early_help", "Early Help West", 120},
    {"family_hub", "Family Hub Foleshill", 70},
    {"family_hub", "Family Hub Willenhall", 50},
    {"childrens_social_care", "Children's Social Care Central", 80},
    {"fgc", "FGC Service", 50},
    {"parenting", "Parenting Team", 50},
};
enum {
	T_YJS_NORTH,
	T_YJS_SOUTH,
	T_YJS_PREVENTION,
	T_EH_EAST,
	T_EH_WEST,
	T_HUB_FOLESHILL,
	T_HUB_WILLENHALL,
	T_CSC,
	T_FGC,
	T_PARENTING,
	N_TEAMS
};

struct staff_def {
	const char *username, *full_name, *role;
	int team; /* T_*, or -1 for none */
};

static const struct staff_def STAFF[] = {
    {"demo.admin", "Pat Kirby", "admin", -1},
    {"demo.analyst", "Morgan Lee", "analyst", -1},
    {"demo.manager", "Dana Whitfield", "manager", T_YJS_NORTH},
    {"demo.officer", "Sam Okoro", "yjs_officer", T_YJS_NORTH},
    {"demo.parentworker", "Ruth Gallagher", "parent_worker", T_YJS_NORTH},
    {"amir.rashid", "Amir Rashid", "yjs_officer", T_YJS_NORTH},
    {"claire.benson", "Claire Benson", "yjs_officer", T_YJS_NORTH},
    {"tom.keane", "Tom Keane", "yjs_officer", T_YJS_NORTH},
    {"helen.moss", "Helen Moss", "manager", T_YJS_SOUTH},
    {"jas.virdee", "Jas Virdee", "yjs_officer", T_YJS_SOUTH},
    {"kate.lowe", "Kate Lowe", "yjs_officer", T_YJS_SOUTH},
    {"marcus.bell", "Marcus Bell", "yjs_officer", T_YJS_SOUTH},
    {"nisha.patel", "Nisha Patel", "parent_worker", T_YJS_SOUTH},
    {"owen.price", "Owen Price", "yjs_officer", T_YJS_PREVENTION},
    {"leah.dunn", "Leah Dunn", "yjs_officer", T_YJS_PREVENTION},
    {"ellen.shaw", "Ellen Shaw", "manager", T_EH_EAST},
    {"ravi.kumar", "Ravi Kumar", "hub_worker", T_EH_EAST},
    {"joanne.fox", "Joanne Fox", "hub_worker", T_EH_EAST},
    {"ade.bankole", "Ade Bankole", "hub_worker", T_EH_EAST},
    {"gemma.hart", "Gemma Hart", "hub_worker", T_EH_WEST},
    {"lucy.ford", "Lucy Ford", "hub_worker", T_EH_WEST},
    {"irene.cole", "Irene Cole", "manager", T_HUB_FOLESHILL},
    {"demo.hub", "Fatima Begum", "hub_worker", T_HUB_FOLESHILL},
    {"sophie.wren", "Sophie Wren", "hub_worker", T_HUB_FOLESHILL},
    {"paul.marsh", "Paul Marsh", "hub_worker", T_HUB_WILLENHALL},
    {"zoe.adams", "Zoe Adams", "hub_worker", T_HUB_WILLENHALL},
    {"rachel.stone", "Rachel Stone", "manager", T_CSC},
    {"demo.social", "Tariq Hussain", "social_worker", T_CSC},
    {"anna.webb", "Anna Webb", "social_worker", T_CSC},
    {"chris.dale", "Chris Dale", "social_worker", T_CSC},
    {"maria.silva", "Maria Silva", "manager", T_FGC},
    {"demo.fgc", "Grace Mensah", "fgc_coordinator", T_FGC},
    {"yvonne.clarke", "Yvonne Clarke", "fgc_coordinator", T_FGC},
    {"ben.hale", "Ben Hale", "fgc_coordinator", T_FGC},
    {"lisa.grey", "Lisa Grey", "manager", T_PARENTING},
    {"deb.morgan", "Deb Morgan", "parent_worker", T_PARENTING},
    {"imran.shah", "Imran Shah", "parent_worker", T_PARENTING},
};

/* The parent account, tied to the first child's mother. */
#define PARENT_USERNAME "demo.parent"

const struct demo_signin DEMO_SIGNINS[] = {
    {"demo.admin", "admin", "-"},
    {"demo.manager", "manager", "YJS North"},
    {"demo.officer", "yjs_officer", "YJS North"},
    {"demo.parentworker", "parent_worker", "YJS North"},
    {"demo.fgc", "fgc_coordinator", "FGC Service"},
    {"demo.social", "social_worker", "Children's Social Care Central"},
    {"demo.hub", "hub_worker", "Family Hub Foleshill"},
    {"demo.analyst", "analyst", "-"},
    {PARENT_USERNAME, "parent", "- (the first child's carer)"},
    {NULL, NULL, NULL},
};

#define MAX_WORKERS 8

struct team_state {
	int64_t id, service_id;
	int64_t workers[MAX_WORKERS]; /* who holds cases */
	int n_workers;
	int64_t joint; /* who joins initial home visits (parent worker) */
};

/* ---- the generation job ---- */

struct gen {
	struct db *db;
	struct err *e;
	struct rng rng;
	const char *at; /* creation timestamp of every row */
	const char *hash;
	int64_t children;
	uint64_t nhs_k, nhs_offset;
	int64_t local_seq;
	int64_t ref;
	struct team_state teams[N_TEAMS];
	int64_t parent_person; /* the demo parent account's person */
	char parent_name[120];
	struct demo_counts n;
	struct audit_entry *audit;
};

/* A person about to be inserted, with buffers for generated text. */
struct gen_person {
	struct demo_person p;
	char dob[11], nhs[11], local[24], phone[16], email[80];
	int64_t id;
};

static int
setup_org(struct gen *g)
{
	for (int t = 0; t < N_TEAMS; t++) {
		struct team_state *ts = &g->teams[t];
		int rc = store_services_id(g->db, TEAMS[t].service,
		                           &ts->service_id, g->e);
		if (rc == 0) {
			rc = store_teams_find(g->db, TEAMS[t].service,
			                      TEAMS[t].name, &ts->id, g->e);
			if (rc == SPIRE_ENOTFOUND) {
				rc = store_teams_insert(g->db, ts->service_id,
				                        TEAMS[t].name, g->at, 0,
				                        &ts->id, g->e);
				g->n.teams++;
			}
		}
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < N_OF(STAFF); i++) {
		const struct staff_def *s = &STAFF[i];
		struct team_state *ts =
		    s->team >= 0 ? &g->teams[s->team] : NULL;
		struct user_new u = {s->username, s->full_name,    s->role,
		                     g->hash,     ts ? ts->id : 0, 0};
		int64_t id;
		int rc = store_users_insert(g->db, &u, g->at, &id, g->e);
		if (rc)
			return rc;
		g->n.users++;
		if (!ts || !strcmp(s->role, "manager"))
			continue;
		/* Parent workers in a youth justice team join home visits;
		 * everyone else there holds cases. */
		if (!strcmp(s->role, "parent_worker") &&
		    !strcmp(TEAMS[s->team].service, "youth_justice"))
			ts->joint = id;
		else if (ts->n_workers < MAX_WORKERS)
			ts->workers[ts->n_workers++] = id;
	}
	return 0;
}

static void
person_names(struct gen *g, struct gen_person *gp, const struct names *ns,
             const char *family, int female)
{
	gp->p.given_name =
	    female ? PICK(&g->rng, ns->female) : PICK(&g->rng, ns->male);
	gp->p.family_name = family;
	gp->p.sex = female ? "female" : "male";
}

static int
is_ascii_word(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
			return 0;
	return 1;
}

/* Fill and insert an adult: contact details and language. */
static int
add_adult(struct gen *g, struct gen_person *gp, const struct ethnicity *eth,
          int age, const struct address *home)
{
	struct rng *r = &g->rng;
	const struct names *ns = &NAMES[eth->names];
	date_text(birth_for_age(r, age), gp->dob);
	gp->p.date_of_birth = gp->dob;
	gp->p.ethnicity = eth->code;
	gp->p.first_language = language_of(r, eth);
	gp->p.interpreter_needed =
	    strcmp(gp->p.first_language, "English") != 0 && rng_pct(r, 35);
	gp->p.religion = rng_pct(r, 50) ? PICK(r, ns->religion) : NULL;
	gp->p.address = home->line;
	gp->p.postcode = home->postcode;
	snprintf(gp->phone, sizeof(gp->phone), "07700 900%03u",
	         rng_below(r, 1000));
	gp->p.phone = gp->phone;
	if (rng_pct(r, 40) && is_ascii_word(gp->p.given_name)) {
		char lower[40];
		size_t i = 0;
		for (; gp->p.given_name[i] && i + 1 < sizeof(lower); i++)
			lower[i] = (char)(gp->p.given_name[i] | 0x20);
		lower[i] = '\0';
		snprintf(gp->email, sizeof(gp->email), "%s%u@example.com",
		         lower, rng_below(r, 1000));
		gp->p.email = gp->email;
	}
	if (rng_pct(r, 50)) {
		nhs_number(&g->nhs_k, g->nhs_offset, gp->nhs);
		gp->p.nhs_number = gp->nhs;
	}
	if (rng_pct(r, 3))
		gp->p.alerts = rng_pct(r, 50)
		                   ? "[\"Risk to workers: visit in pairs\"]"
		                   : "[\"Dog at the address\"]";
	int rc = store_demo_person(g->db, &gp->p, g->at, &gp->id, g->e);
	g->n.people += rc == 0;
	return rc;
}

/* Fill and insert a child aged age. */
static int
add_child(struct gen *g, struct gen_person *gp, const struct ethnicity *eth,
          int age, const struct address *home, int yj)
{
	struct rng *r = &g->rng;
	date_text(birth_for_age(r, age), gp->dob);
	gp->p.date_of_birth = gp->dob;
	gp->p.ethnicity = eth->code;
	gp->p.first_language = rng_pct(r, 75) ? "English" : language_of(r, eth);
	gp->p.religion =
	    rng_pct(r, 40) ? PICK(r, NAMES[eth->names].religion) : NULL;
	gp->p.address = home->line;
	gp->p.postcode = home->postcode;
	/* The youth justice cohort: 51 % with SEN, 16 % with an EHCP. */
	unsigned sen = rng_below(r, 100);
	if (age >= 4)
		gp->p.send = sen < (yj ? 16u : 4u)    ? "ehcp"
		             : sen < (yj ? 51u : 15u) ? "sen_support"
		                                      : "none";
	gp->p.disability = rng_pct(r, yj ? 8 : 5);
	snprintf(gp->local, sizeof(gp->local), "CV%07lld",
	         (long long)++g->local_seq);
	gp->p.local_id = gp->local;
	nhs_number(&g->nhs_k, g->nhs_offset, gp->nhs);
	gp->p.nhs_number = gp->nhs;
	int rc = store_demo_person(g->db, &gp->p, g->at, &gp->id, g->e);
	g->n.people += rc == 0;
	return rc;
}

static int
add_member(struct gen *g, int64_t family, int64_t person, int64_t child,
           const char *relationship, int pr, int household, int wider)
{
	struct demo_member m = {
	    family,
	    person,
	    child,
	    child ? (strstr(relationship, "sibling") ? "child" : "adult")
	          : "child",
	    relationship,
	    pr,
	    household,
	    wider,
	    0};
	int rc = store_demo_member(g->db, &m, g->at, g->e);
	g->n.members += rc == 0;
	return rc;
}

/* The people around one child, as generated. */
struct family {
	int64_t id, team_id, worker;
	struct gen_person child, carer, adults[6], siblings[3];
	const char *carer_rel; /* "mum", "dad", "nan": for summaries */
	int n_adults, n_siblings;
};

struct service_profile {
	int min_age, max_age;
	const char *const *reasons;
	size_t n_reasons;
};

static const char *const YJ_REASONS[] = {
    "Referral Order (6 months)",
    "Referral Order (12 months)",
    "Youth Rehabilitation Order",
    "Youth Conditional Caution",
    "Youth Caution",
    "Enhanced Community Resolution",
    "Bail supervision",
    "Detention and Training Order: community part"};
static const char *const PREVENTION_REASONS[] = {
    "Prevention: referred by school", "Diversion: police no further action",
    "Community Resolution (police only): voluntary support",
    "Prevention: anti-social behaviour"};
static const char *const EH_REASONS[] = {
    "School attendance below 80%",
    "Parenting support requested",
    "Domestic abuse in the household",
    "Child's emotional wellbeing",
    "Housing and money worries",
    "Supporting Families: adults out of work"};
static const char *const HUB_REASONS[] = {
    "Start for Life: infant feeding", "Perinatal mental health support",
    "Parenting programme (Triple P)", "Speech and language: early years",
    "Home learning support"};
static const char *const CSC_REASONS[] = {
    "Child in need plan", "Child protection plan: neglect",
    "Child protection plan: emotional abuse", "Pre-proceedings (PLO)",
    "Reunification: planned return home"};
static const char *const FGC_REASONS[] = {
    "Family Group Conference: edge of care",
    "Family Group Conference: risk of significant harm",
    "Family network meeting", "Family Group Conference: review"};
static const char *const PARENTING_REASONS[] = {
    "Parent self-assessment and one-to-one support",
    "Behaviour contract and mediation", "Parenting Order",
    "Kitchen Table Talks peer mentoring", "Friendship Group"};

#define PROFILE(lo, hi, list)                                                  \
	{                                                                      \
		lo, hi, list, N_OF(list)                                       \
	}
static const struct service_profile PROFILES[N_TEAMS] = {
    PROFILE(10, 17, YJ_REASONS),         PROFILE(10, 17, YJ_REASONS),
    PROFILE(10, 17, PREVENTION_REASONS), PROFILE(0, 15, EH_REASONS),
    PROFILE(0, 15, EH_REASONS),          PROFILE(0, 11, HUB_REASONS),
    PROFILE(0, 11, HUB_REASONS),         PROFILE(0, 17, CSC_REASONS),
    PROFILE(0, 15, FGC_REASONS),         PROFILE(3, 15, PARENTING_REASONS),
};

static int
pick_team(struct rng *r)
{
	unsigned x = rng_below(r, 1000);
	for (int t = 0; t < N_TEAMS; t++) {
		if (x < TEAMS[t].weight)
			return t;
		x -= TEAMS[t].weight;
	}
	return 0;
}

/* Build the family around a new child in team t and insert it. */
static int
make_family(struct gen *g, struct family *f, int t)
{
	struct rng *r = &g->rng;
	int yj = t <= T_YJS_PREVENTION;
	const struct ethnicity *eth =
	    pick_ethnicity(r, yj ? YJ_MIX : SCHOOL_MIX);
	const char *other = other_parent_code(eth->code);
	const struct ethnicity *mum_eth =
	    other ? ethnicity_named("white_british") : eth;
	const struct ethnicity *dad_eth = other ? ethnicity_named(other) : eth;
	if (other && rng_pct(r, 30)) {
		const struct ethnicity *swap = mum_eth;
		mum_eth = dad_eth;
		dad_eth = swap;
	}
	const char *surname = PICK(r, NAMES[dad_eth->names].family);
	int age = rng_range(r, PROFILES[t].min_age, PROFILES[t].max_age);
	/* Seven in ten children in youth justice are boys. */
	int female = rng_pct(r, yj ? 30 : 50);
	struct address home, away;
	make_address(r, &home);
	make_address(r, &away);

	memset(f, 0, sizeof(*f));
	f->team_id = g->teams[t].id;
	struct team_state *ts = &g->teams[t];
	f->worker = ts->n_workers
	                ? ts->workers[rng_below(r, (uint32_t)ts->n_workers)]
	                : 0;
	struct gen_person *c = &f->child;
	c->p.owner_team_id = f->team_id;
	c->p.created_by = f->worker;
	person_names(
	    g, c,
	    &NAMES[(other && rng_pct(r, 50)) ? mum_eth->names : dad_eth->names],
	    surname, female);
	int rc = add_child(g, c, eth, age, &home, yj);
	if (rc)
		return rc;
	char fname[160];
	snprintf(fname, sizeof(fname), "The %s family", surname);
	rc = store_demo_family(g->db, fname, f->team_id, f->worker, g->at,
	                       &f->id, g->e);
	if (rc)
		return rc;
	g->n.families++;
	if ((rc = add_member(g, f->id, c->id, 0, "child", 0, 1, 0)))
		return rc;

	/* The adults: who they are, whether they live with the child and
	 * hold parental responsibility. */
	struct adult_plan {
		const char *rel;
		int female, household, pr, wider, age_gap;
		const struct ethnicity *eth;
	} plan[6];
	int n = 0;
	int mum = rng_pct(r, 92);
	int dad = rng_pct(r, 65);
	int mum_home = mum && rng_pct(r, 88);
	int dad_home = dad && rng_pct(r, mum_home ? 45 : 60);
	int nan_carer = !mum_home && !dad_home;
	int gap;
	if (mum) {
		gap = rng_range(r, 19, 38);
		plan[n++] = (struct adult_plan){"mother", 1,   mum_home, 1,
		                                0,        gap, mum_eth};
	}
	if (dad) {
		int pr = rng_pct(r, 85);
		gap = rng_range(r, 20, 42);
		plan[n++] = (struct adult_plan){"father", 0,   dad_home, pr,
		                                0,        gap, dad_eth};
	}
	if (mum_home && !dad_home && rng_pct(r, 20)) {
		gap = rng_range(r, 22, 45);
		plan[n++] = (struct adult_plan){"step_father", 0,      1, 0, 0,
		                                gap,           mum_eth};
	}
	if (nan_carer || rng_pct(r, 35)) {
		gap = rng_range(r, 40, 60);
		plan[n++] = (struct adult_plan){
		    "grandmother", 1, nan_carer, nan_carer, 0, gap, mum_eth};
	}
	if (rng_pct(r, 40)) {
		int aunt = rng_pct(r, 50);
		gap = rng_range(r, 20, 40);
		plan[n++] = (struct adult_plan){
		    aunt ? "aunt" : "uncle", aunt, 0, 0, 1, gap, mum_eth};
	}
	if (rng_pct(r, 20)) {
		int fem = rng_pct(r, 60);
		const char *rel = rng_pct(r, 50) ? "friend" : "network_member";
		gap = rng_range(r, 22, 50);
		plan[n++] = (struct adult_plan){rel, fem, 0, 0, 1, gap, eth};
	}
	for (int i = 0; i < n; i++) {
		struct adult_plan *a = &plan[i];
		struct gen_person *gp = &f->adults[f->n_adults++];
		const char *fam = surname;
		if (strcmp(a->rel, "father") && strcmp(a->rel, "grandmother") &&
		    (a->wider || !strcmp(a->rel, "step_father") ||
		     rng_pct(r, 30)))
			fam = PICK(r, NAMES[a->eth->names].family);
		gp->p.owner_team_id = f->team_id;
		gp->p.created_by = f->worker;
		person_names(g, gp, &NAMES[a->eth->names], fam, a->female);
		int aage = age + a->age_gap > 95 ? 95 : age + a->age_gap;
		if ((rc = add_adult(g, gp, a->eth, aage,
		                    a->household ? &home : &away)))
			return rc;
		if ((rc = add_member(g, f->id, gp->id, c->id, a->rel, a->pr,
		                     a->household, a->wider)))
			return rc;
		if (!f->carer.id && a->household) {
			f->carer = *gp;
			f->carer_rel = !strcmp(a->rel, "mother")   ? "mum"
			               : !strcmp(a->rel, "father") ? "dad"
			               : !strcmp(a->rel, "grandmother")
			                   ? "nan"
			                   : "step-dad";
		}
	}
	if (!f->carer.id) {
		f->carer = f->adults[0];
		f->carer_rel = "mum";
	}

	/* Brothers and sisters, some half-siblings. */
	static const unsigned sib_weights[] = {25, 35, 25, 15};
	unsigned x = rng_below(r, 100), k = 0;
	while (k < 3 && x >= sib_weights[k])
		x -= sib_weights[k++];
	for (unsigned i = 0; i < k; i++) {
		struct gen_person *s = &f->siblings[f->n_siblings++];
		int sage = age + rng_range(r, -8, 8);
		sage = sage < 0 ? 0 : sage > 19 ? 19 : sage;
		s->p.owner_team_id = f->team_id;
		s->p.created_by = f->worker;
		person_names(g, s, &NAMES[eth->names], surname, rng_pct(r, 50));
		if ((rc = add_child(g, s, eth, sage, &home, 0)))
			return rc;
		const char *rel = rng_pct(r, 20) ? "half_sibling" : "sibling";
		int household = sage < 18 || rng_pct(r, 50);
		if ((rc = add_member(g, f->id, s->id, c->id, rel, 0, household,
		                     0)))
			return rc;
	}
	return 0;
}

/* ---- casework: cases, contacts, tasks, consents ---- */

/* A contact summary is before + the child's given name + after. */
struct contact_kind {
	const char *type;
	unsigned weight;
	const char *before[2], *after[2];
};

static const struct contact_kind CONTACT_KINDS[] = {
    {"home_visit",
     30,
     {"Home visit. ", "Home visit. Talked with "},
     {" was at home with family; reviewed the plan and school attendance.",
      " about friendships and staying safe in the evenings."}},
    {"office_visit",
     15,
     {"", "Office appointment with "},
     {" attended the office on time; worked through a victim awareness "
      "session.",
      "; reviewed progress against the plan."}},
    {"phone",
     20,
     {"Phone call with the family about ", "Phone call with "},
     {"'s appointment next week.", " to check in after the school meeting."}},
    {"video",
     5,
     {"Video call with ", "Video call with "},
     {" and carer; agreed next steps.", ": wellbeing check and plan review."}},
    {"session",
     20,
     {"One-to-one session with ", "Group session: "},
     {" on managing anger and conflict.", " took part and engaged well."}},
    {"meeting",
     10,
     {"Multi-agency meeting about ", "Family meeting: the family and "},
     {" with school and health partners.", " agreed their own plan."}},
};

static const char *const TASK_TITLES[] = {
    "Complete AssetPlus assessment",
    "Review parent self-assessment",
    "Write report for the referral order panel",
    "Chase school about attendance",
    "Book family group conference",
    "Review safety plan",
    "Update chronology",
    "Send consent form to health",
    "Arrange joint home visit",
    "Follow up emotional health referral",
};

static const char *const CLOSURES[] = {
    "Intervention completed",
    "Outcomes achieved; support no longer needed",
    "Stepped down to universal services",
    "Moved out of area",
    "Stepped up to children's social care",
    "Order completed",
};

static const char *const AGENCIES[] = {
    "Coventry and Warwickshire Partnership NHS Trust",
    "West Midlands Police",
    "School",
    "Probation Service",
    "Children's social care",
    "Family Hub",
};

static const char *const PURPOSES[] = {
    "Share the assessment and plan to coordinate support",
    "Share attendance and education information",
    "Referral for emotional health support",
};

static const struct weighted LAWFUL[] = {
    {"consent", 60}, {"public_task", 30}, {"legal_obligation", 10}};

static int
add_attendee(struct gen *g, int64_t contact, int64_t person, int64_t user)
{
	int rc = store_demo_attendee(g->db, contact, person, user, g->at, g->e);
	g->n.attendees += rc == 0;
	return rc;
}

static int
add_contacts(struct gen *g, const struct family *f, int64_t case_id,
             int64_t worker, int64_t joint_worker, int64_t first, int64_t last,
             int yj, int closed)
{
	struct rng *r = &g->rng;
	int n = closed ? rng_range(r, 1, 3) : rng_range(r, 1, 5);
	int64_t span = last - first + 1;
	int64_t day = first;
	for (int i = 0; i < n && day <= last; i++) {
		const struct contact_kind *k = &CONTACT_KINDS[0];
		int joint = 0;
		char summary[240], when[32], date[11];
		if (i == 0 && yj) {
			/* The initial home visit, joint with the parent
			 * worker. */
			joint = joint_worker != 0;
			snprintf(
			    summary, sizeof(summary),
			    "Initial home visit with %s and %s. Explained "
			    "the intervention, agreed appointments; parent "
			    "self-assessment started.",
			    f->child.p.given_name, f->carer_rel);
		} else {
			unsigned x = rng_below(r, 100);
			size_t j = 0;
			while (j + 1 < N_OF(CONTACT_KINDS) &&
			       x >= CONTACT_KINDS[j].weight)
				x -= CONTACT_KINDS[j++].weight;
			k = &CONTACT_KINDS[j];
			joint = joint_worker && rng_pct(r, 15);
			unsigned v = rng_below(r, 2);
			snprintf(summary, sizeof(summary), "%s%s%s",
			         k->before[v], f->child.p.given_name,
			         k->after[v]);
		}
		date_text(day, date);
		int hour = rng_range(r, 9, 16);
		int minute = 15 * rng_range(r, 0, 3);
		snprintf(when, sizeof(when), "%sT%02d:%02d:00Z", date, hour,
		         minute);
		struct demo_contact c = {case_id, when,  k->type,
		                         summary, joint, worker};
		int64_t id;
		int rc = store_demo_contact(g->db, &c, g->at, &id, g->e);
		if (rc)
			return rc;
		g->n.contacts++;
		int phone_parent = !strcmp(k->type, "phone") && rng_pct(r, 50);
		if (!phone_parent && (rc = add_attendee(g, id, f->child.id, 0)))
			return rc;
		if ((i == 0 || rng_pct(r, 50)) &&
		    (rc = add_attendee(g, id, f->carer.id, 0)))
			return rc;
		if ((rc = add_attendee(g, id, 0, worker)))
			return rc;
		if (joint && (rc = add_attendee(g, id, 0, joint_worker)))
			return rc;
		day += 1 + rng_below(r, (uint32_t)(span / n + 1));
	}
	return 0;
}

static int
add_tasks(struct gen *g, int64_t case_id, int64_t owner, int64_t team,
          int closed)
{
	struct rng *r = &g->rng;
	int n = closed ? rng_range(r, 0, 1) : rng_range(r, 0, 3);
	for (int i = 0; i < n; i++) {
		char due[11], done[32];
		int64_t d = g->ref + rng_range(r, -40, 40);
		date_text(d, due);
		/* Past due: done, or still open and overdue. */
		const char *done_at = NULL;
		if (closed || (d < g->ref && rng_pct(r, 55))) {
			char on[11];
			date_text(d - rng_range(r, 0, 3), on);
			snprintf(done, sizeof(done), "%sT16:00:00Z", on);
			done_at = done;
		}
		struct demo_task t = {
		    case_id, owner, team,    PICK(r, TASK_TITLES),
		    NULL,    due,   done_at, owner};
		int rc = store_demo_task(g->db, &t, g->at, g->e);
		if (rc)
			return rc;
		g->n.tasks++;
	}
	return 0;
}

/* One case for the family's child in team t, with its casework. */
static int
add_case(struct gen *g, const struct family *f, int t, int64_t worker,
         int64_t start)
{
	struct rng *r = &g->rng;
	const struct team_state *ts = &g->teams[t];
	if (start > g->ref - 7)
		start = g->ref - 7;
	int closed = rng_pct(r, 15);
	int64_t end = closed ? start + rng_range(r, 60, 365) : 0;
	if (closed && end >= g->ref)
		end = g->ref - 1;
	const struct service_profile *sp = &PROFILES[t];
	const char *reason = sp->reasons[rng_below(r, (uint32_t)sp->n_reasons)];
	const char *closure = closed ? PICK(r, CLOSURES) : NULL;
	char sdate[11], edate[11];
	date_text(start, sdate);
	date_text(end, edate);
	struct demo_case c = {
	    f->child.id, ts->service_id,        ts->id, worker,  f->id,
	    sdate,       closed ? edate : NULL, reason, closure, closed,
	    worker,
	};
	int64_t id;
	int rc = store_demo_case(g->db, &c, g->at, &id, g->e);
	if (rc)
		return rc;
	g->n.cases++;
	int64_t joint = ts->joint;
	if (!joint && ts->n_workers > 1)
		joint =
		    ts->workers[0] != worker ? ts->workers[0] : ts->workers[1];
	rc = add_contacts(g, f, id, worker, joint, start,
	                  closed ? end : g->ref - 1, t <= T_YJS_PREVENTION,
	                  closed);
	if (rc == 0)
		rc = add_tasks(g, id, worker, ts->id, closed);
	return rc;
}

static int
add_consents(struct gen *g, const struct family *f, int64_t start)
{
	struct rng *r = &g->rng;
	int n = rng_range(r, 1, 2);
	for (int i = 0; i < n; i++) {
		char on[11];
		int64_t d = start + rng_range(r, 0, 14);
		date_text(d < g->ref ? d : g->ref, on);
		struct demo_consent c = {.person_id = f->child.id,
		                         .given_by = f->child.p.given_name,
		                         .given_on = on,
		                         .created_by = f->worker};
		c.agency = PICK(r, AGENCIES);
		c.purpose = PICK(r, PURPOSES);
		c.lawful_basis = PICK_W(r, LAWFUL);
		c.withdrawn = rng_pct(r, 5);
		if (rng_pct(r, 60))
			c.given_by = f->carer.p.given_name;
		int rc = store_demo_consent(g->db, &c, g->at, g->e);
		if (rc)
			return rc;
		g->n.consents++;
	}
	return 0;
}

/* One child, their family and their involvement with the services. */
static int
add_child_bundle(struct gen *g, int64_t index)
{
	struct rng *r = &g->rng;
	struct family f;
	/* The first child is in demo.officer's caseload in YJS North. */
	int t = index == 0 ? T_YJS_NORTH : pick_team(r);
	int rc = make_family(g, &f, t);
	if (rc)
		return rc;
	if (index == 0) {
		f.worker = g->teams[T_YJS_NORTH].workers[0];
		g->parent_person = f.carer.id;
		snprintf(g->parent_name, sizeof(g->parent_name), "%s %s",
		         f.carer.p.given_name, f.carer.p.family_name);
	}
	int64_t start = g->ref - rng_range(r, 14, 540);
	if ((rc = add_case(g, &f, t, f.worker, start)))
		return rc;
	/* Whole-family work: some youth justice children also have a
	 * parenting or family group conference case. */
	int extra = -1;
	if (t <= T_YJS_PREVENTION && rng_pct(r, 12))
		extra = T_PARENTING;
	else if (t >= T_EH_EAST && t != T_FGC && rng_pct(r, 5))
		extra = T_FGC;
	if (extra >= 0) {
		const struct team_state *xs = &g->teams[extra];
		int64_t w = xs->workers[rng_below(r, (uint32_t)xs->n_workers)];
		rc = add_case(g, &f, extra, w, start + rng_range(r, 7, 60));
		if (rc)
			return rc;
	}
	return add_consents(g, &f, start);
}

static int
add_parent_account(struct gen *g)
{
	if (!g->parent_person)
		return 0;
	struct user_new u = {
	    PARENT_USERNAME, g->parent_name, "parent", g->hash, 0,
	    g->parent_person};
	int64_t id;
	int rc = store_users_insert(g->db, &u, g->at, &id, g->e);
	g->n.users += rc == 0;
	return rc;
}

static int
run(struct db *db, void *arg, struct err *e)
{
	struct gen *g = arg;
	g->db = db;
	g->e = e;
	int64_t people;
	int rc = store_demo_count_people(db, &people, e);
	if (rc == 0 && people > 0)
		rc = err_set(e, SPIRE_ECONFLICT, "db",
		             "the database already holds %lld people; demo "
		             "data only goes into an empty database",
		             (long long)people);
	if (rc == 0)
		rc = store_demo_bulk_mode(db, e);
	if (rc == 0)
		rc = setup_org(g);
	for (int64_t i = 0; rc == 0 && i < g->children; i++)
		rc = add_child_bundle(g, i);
	if (rc == 0)
		rc = add_parent_account(g);
	return rc;
}

int
demo_load(struct ctx *ctx, const struct demo_options *o,
          struct demo_counts *counts, struct err *e)
{
	if (o->children < 1 || o->children > DEMO_MAX_CHILDREN)
		return err_set(e, SPIRE_EINVAL, "children",
		               "children must be from 1 to %d",
		               DEMO_MAX_CHILDREN);
	const char *pw = o->password ? o->password : DEMO_PASSWORD;
	int rc = auth_password_policy(NULL, pw, e);
	if (rc)
		return rc;
	int64_t people;
	rc = store_demo_count_people(ctx_db(ctx), &people, e);
	if (rc == 0 && people > 0)
		return err_set(e, SPIRE_ECONFLICT, "db",
		               "the database already holds %lld people; demo "
		               "data only goes into an empty database",
		               (long long)people);
	if (rc)
		return rc;
	/* One hash for every demo account: they share the password. */
	char hash[AUTH_HASH_MAX];
	if ((rc = auth_password_hash(pw, ctx->srv->cfg.password_cost, hash, e)))
		return rc;
	char at[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms(), at);
	struct gen g;
	memset(&g, 0, sizeof(g));
	g.rng.s = o->seed;
	g.at = at;
	g.hash = hash;
	g.children = o->children;
	g.ref = days_from_civil(REF_Y, REF_M, REF_D);
	g.nhs_offset = rng_next(&g.rng) % 100000000ull;
	struct audit_entry *a = ctx_audit(ctx, "demo_load", NULL, 0, 0);
	if (!a)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	a->detail =
	    arena_printf(ctx->arena, "seed=%llu children=%lld",
	                 (unsigned long long)o->seed, (long long)o->children);
	rc = ctx_commit(ctx, run, &g, e);
	sodium_memzero(hash, sizeof(hash));
	if (rc == 0 && counts)
		*counts = g.n;
	return rc;
}
