/*
 * proxy.h - which TCP peers are trusted reverse proxies, and the client
 * address behind them.
 *
 * Behind nginx every connection comes from nginx's own address, so the
 * address that sign-in throttling and the audit trail record must come
 * from the X-Forwarded-For header that nginx sets. That header is believed
 * only when the TCP peer is one of the configured trusted proxies;
 * otherwise anyone could claim any address. Not for: per-connection limits
 * (those stay on the TCP peer, in the HTTP adapter).
 */
#ifndef SPIRE_PROXY_H
#define SPIRE_PROXY_H

#include <stddef.h>

#include "core/err.h"

#define PROXY_MAX 32        /* trusted proxy entries */
#define PROXY_ADDR_LEN 46   /* INET6_ADDRSTRLEN */
#define PROXY_TEXT_MAX 1024 /* the setting's text */

struct proxy_net {
	int family;             /* AF_INET or AF_INET6 */
	unsigned char addr[16]; /* network order; 4 bytes used for AF_INET */
	int prefix;             /* CIDR prefix length */
};

struct proxy_list {
	size_t n;
	struct proxy_net nets[PROXY_MAX];
};

/*
 * Parse a comma- or space-separated list of addresses or CIDR networks
 * ("127.0.0.1, ::1, 10.0.0.0/8") into *l, replacing what it held. An empty
 * text gives an empty list (no proxy is trusted). SPIRE_EINVAL naming
 * "trusted_proxies" for anything else.
 */
int proxy_list_parse(struct proxy_list *l, const char *text, struct err *e);

/* 1 when addr (text, IPv4, IPv6 or IPv4-mapped IPv6) is in l. */
int proxy_trusted(const struct proxy_list *l, const char *addr);

/*
 * The client's address for a request that came from TCP peer `peer` with
 * the X-Forwarded-For value xff (NULL when absent): peer itself unless peer
 * is trusted; then the right-most X-Forwarded-For entry that is not itself
 * a trusted proxy (the left-most when all are), in canonical form. A
 * missing or malformed entry there gives peer. Writes into out and returns
 * it.
 */
const char *proxy_client_address(const struct proxy_list *l, const char *peer,
                                 const char *xff, char out[PROXY_ADDR_LEN]);

#endif
