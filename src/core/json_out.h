/*
 * json_out.h - JSON text written straight into a struct buf, as jansson's
 * json_dump_callback(v, ..., JSON_COMPACT | JSON_REAL_PRECISION(15))
 * writes it, byte for byte (tests/unit/test_json_out.c compares the two),
 * at about a fifth of the cost: no key built per container for loop
 * detection and no call per piece.
 *
 * Objects keep their members' order (as jansson does), strings are written
 * as UTF-8 with only '"', '\\' and control characters escaped, reals with
 * 15 significant digits and always a '.' or an exponent. Strings are taken
 * as valid UTF-8: every json_t string in Spire comes from jansson's checked
 * constructors or from text checked before it was stored (db_json_text).
 * Nesting deeper than JSON_OUT_MAX_DEPTH (a cycle, in practice) is refused.
 */
#ifndef SPIRE_JSON_OUT_H
#define SPIRE_JSON_OUT_H

#include <jansson.h>

#include "core/buf.h"

#define JSON_OUT_MAX_DEPTH 256

/*
 * Append v's JSON text to b. Returns 0; SPIRE_EINVAL when v is NULL or
 * nested too deep; or b's failure (SPIRE_ENOMEM, SPIRE_ETOOBIG). On a
 * failure b may hold part of the text.
 */
int json_out(struct buf *b, const json_t *v);

#endif
