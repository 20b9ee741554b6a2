/*
 * static.c - the web UI's files from the web root: fixed MIME types,
 * ETags, no directory listings, no path escapes, no symlinks followed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/router.h"

#define STATIC_MAX ((off_t)8 * 1024 * 1024)

static const struct {
	const char *ext, *type;
} MIME[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
};

static const char *
mime_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < sizeof(MIME) / sizeof(MIME[0]); i++)
		if (strcmp(dot, MIME[i].ext) == 0)
			return MIME[i].type;
	return NULL;
}

/* Only [A-Za-z0-9._-/], no "..", no "//", no hidden files. */
static int
safe_path(const char *p)
{
	if (p[0] != '/')
		return 0;
	for (const char *s = p; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-' || c == '/'))
			return 0;
		if (c == '/' && (s[1] == '/' || s[1] == '.'))
			return 0;
	}
	return strstr(p, "..") == NULL;
}

static void
not_found(struct http_request *req, struct http_response *res)
{
	http_reply_fail(req, res, SPIRE_ENOTFOUND, NULL, "Page not found");
}

void
static_serve(struct server *srv, struct http_request *req,
             struct http_response *res)
{
	if (strcmp(req->method, "GET") != 0 &&
	    strcmp(req->method, "HEAD") != 0) {
		http_add_header(res, req->arena, "Allow", "GET, HEAD");
		http_reply_fail(req, res, SPIRE_EMETHOD, NULL,
		                "You cannot do this here");
		return;
	}
	const char *path = req->path;
	if (strcmp(path, "/") == 0)
		path = "/index.html";
	const char *type = mime_of(path);
	if (!safe_path(path) || !type) {
		not_found(req, res);
		return;
	}
	/* GOV.UK Frontend's stylesheet asks for its fonts and images at
	 * /assets/...; they are vendored under /vendor/govuk/assets/. */
	const char *prefix = "";
	if (strncmp(path, "/assets/", 8) == 0)
		prefix = "/vendor/govuk";
	char full[1024];
	int n = snprintf(full, sizeof(full), "%s%s%s", srv->cfg.web_root,
	                 prefix, path);
	if (n < 0 || (size_t)n >= sizeof(full)) {
		not_found(req, res);
		return;
	}
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > STATIC_MAX) {
		if (fd >= 0)
			close(fd);
		not_found(req, res);
		return;
	}
	char etag[64];
	snprintf(etag, sizeof(etag), "\"%llx-%llx\"",
	         (unsigned long long)st.st_size,
	         (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
	             (unsigned long long)st.st_mtim.tv_nsec);
	http_add_header(res, req->arena, "ETag", etag);
	http_add_header(res, req->arena, "Cache-Control", "no-cache");
	const char *inm = http_header(req, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		res->status = 304;
		res->body = "";
		res->body_len = 0;
		return;
	}
	char *buf = arena_alloc(req->arena, (size_t)st.st_size + 1);
	size_t got = 0;
	while (buf && got < (size_t)st.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (!buf || got != (size_t)st.st_size) {
		http_reply_fail(req, res, SPIRE_EUNAVAIL, NULL,
		                "Spire could not show this page. Try again "
		                "later");
		return;
	}
	res->status = 200;
	res->content_type = type;
	res->body = buf;
	res->body_len = got;
}
