/*
 * write.c - the demo's rows through the product's record functions
 * (store/record.h) and the resources' field tables.
 */
#include "demo/write.h"

#include <stdio.h>

#include "core/date.h"
#include "core/fields.h"
#include "core/names.h"
#include "service/people.h"
#include "store/cases.h"

json_t *
demo_flag(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

json_t *
demo_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

int
demo_insert_person(const struct demo_write *w, const struct demo_person *p,
                   int64_t *id)
{
	char key[NAME_KEY_LEN], words[NAME_WORDS_LEN];
	if (name_key(p->given_name, p->family_name, key, sizeof(key)) != 0 ||
	    name_words(p->given_name, p->family_name, NULL, words,
	               sizeof(words)) != 0)
		return err_set(w->e, SPIRE_EINVAL, "given_name",
		               "demo person's name is not UTF-8");
	json_t *body = json_pack(
	    "{s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:b, s:s*, s:b, s:s*, s:s*,"
	    " s:s*, s:s*, s:s*, s:s*, s:s*}",
	    "given_name", p->given_name, "family_name", p->family_name,
	    "date_of_birth", p->date_of_birth, "sex", p->sex, "ethnicity",
	    p->ethnicity, "first_language", p->first_language,
	    "interpreter_needed", p->interpreter_needed, "religion",
	    p->religion, "disability", p->disability, "send", p->send,
	    "address", p->address, "postcode", p->postcode, "phone", p->phone,
	    "email", p->email, "local_id", p->local_id, "nhs_number",
	    p->nhs_number);
	if (body && p->alert &&
	    json_object_set_new(body, "alerts", json_pack("[s]", p->alert))) {
		json_decref(body);
		body = NULL;
	}
	json_t *server = json_pack("{s:o, s:s, s:s}", "owner_team_id",
	                           demo_id(p->owner_team_id), "name_key", key,
	                           "name_words", words);
	return demo_insert(w, &PEOPLE, body, server, p->created_by, id);
}

int
demo_insert(const struct demo_write *w, const struct resource *res,
            json_t *body, json_t *server, int64_t user_id, int64_t *id)
{
	struct record_table *rs = res->table;
	json_t *rec = json_object();
	int64_t ignore;
	int rc;
	err_clear(w->e);
	if (!body || !rec) {
		rc = err_set(w->e, SPIRE_ENOMEM, NULL, "out of memory");
		goto out;
	}
	rc = fields_apply(rs->fields, rs->n_fields, body, rec, 1, NULL, w->e);
	if (rc == SPIRE_EINVAL) {
		/* The field table's message is for a practitioner; this one
		 * says which record of the generator is wrong. */
		char message[sizeof(w->e->message)];
		snprintf(message, sizeof(message), "%s", w->e->message);
		char field[sizeof(w->e->field)];
		snprintf(field, sizeof(field), "%s", w->e->field);
		rc = err_set(w->e, SPIRE_EINVAL, field,
		             "demo %s is not valid: %s", rs->type, message);
	}
	if (rc == 0 && server && json_object_update(rec, server))
		rc = err_set(w->e, SPIRE_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = record_insert(w->db, rs, rec, w->at, user_id,
		                   id ? id : &ignore, w->e);
out:
	json_decref(body);
	json_decref(server);
	json_decref(rec);
	return rc;
}

int
demo_close(const struct demo_write *w, const struct resource *res, int64_t id,
           const char *reason, int64_t user_id)
{
	return record_close(w->db, res->table, id, 1, reason, w->at, user_id,
	                    w->e);
}

int
demo_case_start(const struct demo_write *w, int64_t id, int64_t *start)
{
	json_t *rec = NULL;
	int rc = record_get(w->db, &CASES_TABLE, id, &rec, w->e);
	const char *s =
	    rc == 0 ? json_string_value(json_object_get(rec, "start_date"))
	            : NULL;
	if (!s || date_parse(s, start) != 0)
		*start = 0;
	json_decref(rec);
	return rc;
}
