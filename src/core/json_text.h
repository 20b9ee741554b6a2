/*
 * json_text.h - JSON written straight into a buffer, byte for byte as
 * json_dump_callback(JSON_COMPACT | JSON_REAL_PRECISION(15)) writes it:
 * the replies' writer (http/reply.c) and the pages written without a
 * jansson tree (the child's page: service/people.c).
 *
 * Every function appends to b and returns 0, or b's failure (SPIRE_ETOOBIG,
 * SPIRE_ENOMEM; sticky, so a writer may check once at the end).
 */
#ifndef SPIRE_JSON_TEXT_H
#define SPIRE_JSON_TEXT_H
#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

/* Any JSON value, as jansson writes it (keys in insertion order). */
int json_text_value(struct buf *b, const json_t *v);
/* The n bytes of s as a JSON string. A string of printable ASCII without
 * quotes or backslashes is copied as it is; any other is written by
 * jansson (its escapes and UTF-8 checks; s must be valid UTF-8). */
int json_text_string(struct buf *b, const char *s, size_t n);
/* An integer. */
int json_text_int(struct buf *b, json_int_t v);
#endif
