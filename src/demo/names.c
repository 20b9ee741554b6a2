/*
 * names.c - who the synthetic people are and where they live: given
 * and family names by heritage, census ethnicities with the languages
 * spoken at home, the mix of ethnicities in each cohort, Coventry streets
 * and postcodes, and NHS numbers from a range never issued to patients.
 * Fixed tables only; the draws come from the caller's demo_rng. Nothing
 * here is a real person.
 */
#include "demo/names.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"

/* ---- names ---- */

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

static const struct demo_names NAMES[NS_COUNT] = {
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

/* ---- ethnicities and languages ---- */

static const struct demo_ethnicity ETHNICITIES[] = {
    {"white_british", &NAMES[NS_BRITISH], {"English"}},
    {"white_irish", &NAMES[NS_EUROPE], {"English"}},
    {"white_roma", &NAMES[NS_EUROPE], {"Romanian", "Slovak", "Czech"}},
    {"white_other",
     &NAMES[NS_EUROPE],
     {"Polish", "Romanian", "Lithuanian", "Bulgarian"}},
    {"black_african",
     &NAMES[NS_AFRICA],
     {"English", "Somali", "Tigrinya", "Yoruba"}},
    {"black_caribbean", &NAMES[NS_CARIB], {"English"}},
    {"black_other", &NAMES[NS_CARIB], {"English"}},
    {"asian_indian",
     &NAMES[NS_INDIA],
     {"English", "Punjabi", "Gujarati", "Hindi"}},
    {"asian_pakistani", &NAMES[NS_MUSLIM_ASIA], {"English", "Urdu", "Punjabi"}},
    {"asian_bangladeshi",
     &NAMES[NS_MUSLIM_ASIA],
     {"English", "Bengali", "Sylheti"}},
    {"asian_other", &NAMES[NS_INDIA], {"English", "Tamil", "Nepali"}},
    {"mixed_white_black_caribbean", &NAMES[NS_CARIB], {"English"}},
    {"mixed_white_black_african", &NAMES[NS_AFRICA], {"English"}},
    {"mixed_white_asian", &NAMES[NS_INDIA], {"English"}},
    {"mixed_other", &NAMES[NS_EUROPE], {"English"}},
    {"other_arab", &NAMES[NS_ARAB], {"Arabic", "Kurdish", "English"}},
    {"other_any", &NAMES[NS_ARAB], {"Farsi", "Kurdish", "Pashto", "English"}},
};

/* Per mille: the Coventry youth justice cohort (48 % White British, 8 %
 * White other, 18 % Black, 10 % Asian, 15 % Mixed) and the school
 * population used for the other services (44 / 9 / 13 / 22 / 6). */
static const unsigned YJ_MIX[DEMO_N_OF(ETHNICITIES)] = {
    480, 10, 10, 60, 100, 60, 20, 40, 35, 15, 10, 70, 30, 30, 20, 5, 5};
static const unsigned SCHOOL_MIX[DEMO_N_OF(ETHNICITIES)] = {
    440, 5, 10, 75, 90, 30, 10, 90, 70, 40, 20, 25, 15, 15, 5, 30, 30};

const struct demo_ethnicity *
demo_ethnicity_pick(struct demo_rng *r, int youth_justice)
{
	const unsigned *mix = youth_justice ? YJ_MIX : SCHOOL_MIX;
	unsigned x = demo_rng_below(r, 1000);
	for (size_t i = 0; i < DEMO_N_OF(ETHNICITIES); i++) {
		if (x < mix[i])
			return &ETHNICITIES[i];
		x -= mix[i];
	}
	return &ETHNICITIES[0];
}

const struct demo_ethnicity *
demo_ethnicity_named(const char *code)
{
	for (size_t i = 0; i < DEMO_N_OF(ETHNICITIES); i++)
		if (strcmp(ETHNICITIES[i].code, code) == 0)
			return &ETHNICITIES[i];
	return &ETHNICITIES[0];
}

const char *
demo_ethnicity_other_parent(const char *child_code)
{
	static const struct {
		const char *child, *other;
	} map[] = {
	    {"mixed_white_black_caribbean", "black_caribbean"},
	    {"mixed_white_black_african", "black_african"},
	    {"mixed_white_asian", "asian_indian"},
	    {"mixed_other", "other_any"},
	};
	for (size_t i = 0; i < DEMO_N_OF(map); i++)
		if (strcmp(map[i].child, child_code) == 0)
			return map[i].other;
	return NULL;
}

const char *
demo_language_pick(struct demo_rng *r, const struct demo_ethnicity *eth)
{
	size_t n = 0;
	while (n < DEMO_N_OF(eth->languages) && eth->languages[n])
		n++;
	/* The first language is the common one: half of all picks. */
	return demo_rng_pct(r, 50)
	           ? eth->languages[0]
	           : eth->languages[demo_rng_below(r, (uint32_t)n)];
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

struct demo_address
demo_address_make(struct demo_rng *r)
{
	/* Inward codes use a digit and two of these letters (no C I K M O V).
	 */
	static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
	/* One draw per statement: argument order is unspecified in C. */
	int district = demo_rng_range(r, 1, 6);
	int number = demo_rng_range(r, 1, 240);
	const char *street = STREETS[district - 1][demo_rng_below(r, 5)];
	int sector = demo_rng_range(r, 1, 9);
	char unit1 = letters[demo_rng_below(r, 20)];
	char unit2 = letters[demo_rng_below(r, 20)];
	struct demo_address a;
	snprintf(a.line, sizeof(a.line), "%d %s, Coventry", number, street);
	snprintf(a.postcode, sizeof(a.postcode), "CV%d %d%c%c", district,
	         sector, unit1, unit2);
	return a;
}

void
demo_nhs_number(uint64_t *k, uint64_t offset, char out[11])
{
	for (;;) {
		uint64_t body = 900000000ull +
		                ((*k)++ * 48271019ull + offset) % 100000000ull;
		snprintf(out, 11, "%09llu0", (unsigned long long)body);
		/* The check digit is out[9]: try each until one passes. */
		for (int c = '0'; c <= '9'; c++) {
			out[9] = (char)c;
			if (valid_nhs_number(out))
				return;
		}
	}
}
