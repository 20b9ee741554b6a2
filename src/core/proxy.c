/*
 * proxy.c - trusted proxy list and the X-Forwarded-For walk. Pure string
 * and address work: no I/O, no allocation.
 */
#include "core/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Parse one address (IPv4-mapped IPv6 becomes IPv4). 0 on success. */
static int
parse_addr(const char *s, int *family, unsigned char addr[16])
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		static const unsigned char mapped[12] = {
		    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(addr, mapped, sizeof(mapped)) == 0) {
			memmove(addr, addr + 12, 4);
			memset(addr + 4, 0, 12);
			*family = AF_INET;
		} else {
			*family = AF_INET6;
		}
		return 0;
	}
	return -1;
}

static int
parse_net(const char *s, struct proxy_net *n)
{
	char buf[PROXY_ADDR_LEN + 8];
	if (strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	char *slash = strchr(buf, '/');
	long prefix = -1;
	if (slash) {
		*slash = '\0';
		char *end = NULL;
		prefix = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end || prefix < 0)
			return -1;
	}
	if (parse_addr(buf, &n->family, n->addr) != 0)
		return -1;
	int bits = n->family == AF_INET ? 32 : 128;
	/* A mapped address written with an IPv6 prefix (::ffff:10.0.0.0/104)
	 * counts its prefix over the IPv4 part. */
	if (prefix > bits && n->family == AF_INET && strchr(buf, ':'))
		prefix -= 96;
	if (prefix > bits)
		return -1;
	n->prefix = prefix < 0 ? bits : (int)prefix;
	return 0;
}

int
proxy_list_parse(struct proxy_list *l, const char *text, struct err *e)
{
	memset(l, 0, sizeof(*l));
	const char *p = text ? text : "";
	while (*p) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, ", \t");
		char item[PROXY_ADDR_LEN + 8];
		if (len >= sizeof(item))
			return err_set(e, SPIRE_EINVAL, "trusted_proxies",
			               "trusted_proxies: '%.*s' is not an "
			               "address or network",
			               (int)(len > 60 ? 60 : len), p);
		memcpy(item, p, len);
		item[len] = '\0';
		if (l->n == PROXY_MAX)
			return err_set(e, SPIRE_EINVAL, "trusted_proxies",
			               "trusted_proxies: at most %d entries",
			               PROXY_MAX);
		if (parse_net(item, &l->nets[l->n]) != 0)
			return err_set(
			    e, SPIRE_EINVAL, "trusted_proxies",
			    "trusted_proxies: '%s' is not an address "
			    "or network",
			    item);
		l->n++;
		p += len;
	}
	return 0;
}

static int
in_net(const struct proxy_net *n, int family, const unsigned char *addr)
{
	if (n->family != family)
		return 0;
	int full = n->prefix / 8, rest = n->prefix % 8;
	if (memcmp(n->addr, addr, (size_t)full) != 0)
		return 0;
	if (!rest)
		return 1;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (n->addr[full] & mask) == (addr[full] & mask);
}

static int
trusted(const struct proxy_list *l, int family, const unsigned char *addr)
{
	for (size_t i = 0; i < l->n; i++)
		if (in_net(&l->nets[i], family, addr))
			return 1;
	return 0;
}

int
proxy_trusted(const struct proxy_list *l, const char *addr)
{
	int family;
	unsigned char a[16];
	if (!addr || parse_addr(addr, &family, a) != 0)
		return 0;
	return trusted(l, family, a);
}

/*
 * One X-Forwarded-For entry [s, s+len) as an address: trims blanks, and
 * accepts "[v6]:port" and "v4:port" as some proxies write them. 0 on
 * success.
 */
static int
parse_entry(const char *s, size_t len, int *family, unsigned char addr[16])
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char buf[PROXY_ADDR_LEN + 8];
	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *a = buf;
	if (*a == '[') {
		char *close = strchr(a, ']');
		if (!close)
			return -1;
		*close = '\0';
		a++;
	} else {
		char *colon = strchr(a, ':');
		if (colon && !strchr(colon + 1, ':'))
			*colon = '\0'; /* IPv4 with a port */
	}
	return parse_addr(a, family, addr);
}

static const char *
format(int family, const unsigned char *addr, char out[PROXY_ADDR_LEN])
{
	if (!inet_ntop(family, addr, out, PROXY_ADDR_LEN))
		snprintf(out, PROXY_ADDR_LEN, "unknown");
	return out;
}

const char *
proxy_client_address(const struct proxy_list *l, const char *peer,
                     const char *xff, char out[PROXY_ADDR_LEN])
{
	int family;
	unsigned char addr[16];
	snprintf(out, PROXY_ADDR_LEN, "%s", peer ? peer : "unknown");
	if (!peer || !xff || parse_addr(peer, &family, addr) != 0 ||
	    !trusted(l, family, addr))
		return out;
	/* Walk from the right: each hop appended the address it saw. */
	size_t end = strlen(xff);
	for (;;) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		if (parse_entry(xff + start, end - start, &family, addr) != 0)
			return out; /* malformed: keep the peer */
		if (!trusted(l, family, addr) || start == 0)
			return format(family, addr, out);
		end = start - 1;
	}
}
