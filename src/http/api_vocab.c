/*
 * api_vocab.c - GET /api/v1/vocabularies: the registry's vocabularies
 * (core/vocab.h), codes with the words people see, for the web UI and
 * other clients. Any signed-in user may read them; ?name= picks one.
 */
#include "http/api.h"
#include "core/vocab.h"
#include "service/roles.h"

static int
api_vocabularies_list(struct ctx *ctx, struct http_request *req,
                      struct http_response *res, struct err *e)
{
	(void)ctx;
	const char *name = http_query(req, "name");
	json_t *items = NULL;
	if (name) {
		const struct vocab *v = vocab_find(name);
		if (!v)
			return err_set(e, SPIRE_EINVAL, "name",
			               "There is no list called %.60s", name);
		json_t *one = vocab_json(v);
		items = one ? json_array() : NULL;
		if (items && json_array_append_new(items, one)) {
			json_decref(items);
			items = NULL;
		}
		if (!items)
			json_decref(one);
	} else {
		items = vocab_all_json();
	}
	json_t *body = items ? json_pack("{s:o}", "items", items) : NULL;
	if (!body)
		return err_set(e, SPIRE_ENOMEM, NULL, "out of memory");
	return http_reply_json(req, res, 200, body);
}

const struct route API_VOCAB_ROUTES[] = {
    {"GET", "/api/v1/vocabularies?name", api_vocabularies_list, ROLES_ANY,
     RK_NONE, 0, NULL, NULL},
    {0},
};
