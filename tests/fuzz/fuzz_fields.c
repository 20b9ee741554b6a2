/*
 * fuzz_fields.c - libFuzzer target for the JSON field parser
 * (fields_apply() in src/core/fields.c) over a table with every field type
 * and over the real people table.
 *
 * The first byte picks the table and create or update; the rest is the
 * request body, parsed as the router parses it. Besides sanitizer
 * findings: a refusal always names a field or says why, and an accepted
 * record holds no key outside the table.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "store/people.h"

/* A vocabulary with a retired term, as the registry's are
 * (core/vocab.h). */
static const struct vocab_term COLOUR_TERMS[] = {
    {"red", "Red", NULL, NULL, NULL, 0},
    {"green", "Green", NULL, NULL, NULL, 0},
    {"brown", "Brown", NULL, NULL, NULL, 1},
};
static const struct vocab COLOURS =
    VOCAB_TERMS("colours", "Colour", COLOUR_TERMS);

static const struct field ALL_TYPES[] = {
    {"name", FT_TEXT, FF_REQUIRED, 0, 10, NULL, NULL},
    {"colour", FT_ENUM, 0, 0, 0, &COLOURS, NULL},
    {"dob", FT_DATE, 0, 0, 0, NULL, NULL},
    {"seen_at", FT_DATETIME, 0, 0, 0, NULL, NULL},
    {"kind", FT_TEXT, FF_IMMUTABLE, 0, 0, NULL, NULL},
    {"owner", FT_ID, FF_SERVER, 0, 0, NULL, NULL},
    {"tags", FT_LIST, 0, 0, 5, NULL, NULL},
    {"paints", FT_LIST, 0, 0, 0, &COLOURS, NULL},
    {"count", FT_INT, 0, -5, 5, NULL, NULL},
    {"parent_id", FT_ID, 0, 0, 0, NULL, NULL},
    {"flag", FT_BOOL, 0, 0, 0, NULL, NULL},
    {"known", FT_BOOL_NULL, 0, 0, 0, NULL, "whether it is known"},
    {"email", FT_EMAIL, 0, 0, 0, NULL, NULL},
    {"phone", FT_PHONE, 0, 0, 0, NULL, NULL},
    {"postcode", FT_POSTCODE, 0, 0, 0, NULL, NULL},
    {"nhs", FT_NHS, 0, 0, 0, NULL, NULL},
    {"upn", FT_UPN, 0, 0, 0, NULL, NULL},
    {"pnc", FT_PNC, 0, 0, 0, NULL, NULL},
};

static int
in_table(const struct field *f, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, key) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	const struct field *f = (data[0] & 1) ? PEOPLE_FIELDS : ALL_TYPES;
	size_t n = (data[0] & 1) ? PEOPLE_N_FIELDS : FIELDS_COUNT(ALL_TYPES);
	int creating = (data[0] & 2) != 0;
	json_error_t jerr;
	json_t *in = json_loadb((const char *)data + 1, size - 1,
	                        JSON_REJECT_DUPLICATES, &jerr);
	if (!in)
		return 0;
	if (json_is_object(in)) {
		static const char *const ignore[] = {"version", NULL};
		json_t *rec = json_object();
		struct err e;
		err_clear(&e);
		int rc = fields_apply(f, n, in, rec, creating, ignore, &e);
		if (rc != 0 && (rc != e.code || !e.message[0]))
			abort();
		if (rc == 0) {
			const char *key;
			json_t *v;
			json_object_foreach(rec, key, v)
			{
				if (!in_table(f, n, key))
					abort();
			}
			fields_present(f, n, rec);
		}
		json_decref(rec);
	}
	json_decref(in);
	return 0;
}
