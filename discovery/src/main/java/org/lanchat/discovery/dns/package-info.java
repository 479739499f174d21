/**
 * The DNS message format as multicast DNS uses it (RFC 1035, RFC 6762 §18): names, questions, the record
 * types an appliance publishes, and one codec that reads and writes them.
 *
 * <p>Decoding is where untrusted bytes from the LAN enter, so {@link org.lanchat.discovery.dns.DnsCodec}
 * checks every length and compression pointer before it follows it and reports any fault as one
 * {@link org.lanchat.discovery.dns.MalformedMessageException}; record types it does not know (EDNS's OPT,
 * say) are kept as opaque bytes, never refused.
 */
package org.lanchat.discovery.dns;
