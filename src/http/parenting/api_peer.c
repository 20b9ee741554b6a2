/*
 * api_peer.c - GET /api/v1/people/{id}/mentor-matches: the available peer
 * mentors for a parent, ranked on the parent's stated preferences
 * (service/parenting/peer_matching.c). {id} names the parent: the router
 * checks the user may read them before the handler runs.
 */
#include "http/parenting/api_peer.h"

#include "service/parenting/peer_matching.h"
#include "service/parenting/peer_records.h"

static int
api_peer_matches(struct ctx *ctx, struct http_request *req,
                 struct http_response *res, struct err *e)
{
	json_t *out = NULL;
	int rc = peer_matches(ctx, req->id, &out, e);
	return rc ? rc : http_reply_json(req, res, 200, out);
}

const struct route API_PEER_ROUTES[] = {
    {"GET", "/api/v1/people/{id}/mentor-matches", api_peer_matches, PEER_ROLES,
     RK_PERSON, 0, NULL, NULL},
    {0},
};
