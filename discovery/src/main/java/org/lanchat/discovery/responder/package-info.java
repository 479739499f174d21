/**
 * A multicast DNS responder for exactly what an appliance publishes (RFC 6762, RFC 6763): on one link, a
 * host name with its IPv4 address, and one DNS-SD service instance with its SRV and TXT records.
 *
 * <p>Why our own rather than JmDNS's: measured against Avahi, JmDNS answered address queries for names it
 * does not own, never defended a name it held against a newcomer's probes, re-announced every minute,
 * used one TTL for every record, sent no NSEC, answered legacy unicast queries without the rules of §6.7,
 * and could not tell on which interface a unicast query arrived. Those are the responder's core, not its
 * edges, and the records an appliance publishes are few: a responder for exactly them is smaller than a
 * patched copy of JmDNS's and can be tested part by part. Browsing stays on JmDNS.
 *
 * <p>Why not only the system's responder (Avahi over D-Bus, one responder per host as RFC 6762 §15 asks):
 * the appliance also runs as {@code java -jar} on machines without one, so an embedded responder that
 * passes the same checks is needed anyway, and it is what the conformance test measures. It shares port
 * 5353 with an Avahi on the same machine (both set {@code SO_REUSEADDR}); what it cannot share are unicast
 * queries sent to the machine's own address and port 5353, which the kernel hands to the socket bound to
 * that address, ours: those are answered for our names only. Registering through Avahi where it runs is
 * the step after this one.
 *
 * <ul>
 *   <li>{@link org.lanchat.discovery.responder.LinkResponder}: probing, announcing, answering, conflicts,
 *       moving to another address and goodbye on one interface, from one of its addresses; the only public
 *       type besides the link map.</li>
 *   <li>{@code Answerer} decides what to answer to a query and where to send it; {@code Conflicts} decides
 *       what counts as a conflict and which name to try next; {@code ForeignGoodbyes} which of another host's
 *       goodbyes are for records we still own; {@code DuplicateAnswers} which of another host's answers we need
 *       not give again. All are pure and unit-tested.</li>
 *   <li>{@code LinkSocket} is the I/O: a socket on the mDNS group and one on the interface's own address,
 *       so a unicast answer goes out from the address it was sent to. It reads the two in turn, and the responder
 *       drops datagrams past 256 waiting from either, so a flood of one neither starves the other nor fills
 *       the heap.</li>
 *   <li>{@code LinkMap} decides, by its source address, whether a datagram came from a responder's link: Java
 *       cannot say on which interface it arrived, so a query from off the link's subnet, routed or sent over
 *       another network, is ignored (RFC 6762 §5.5, §6.2). With {@code OwnDatagrams} it knows our own datagrams
 *       looped back by their bytes, not their source: another responder on this machine shares our address (§15).</li>
 * </ul>
 */
package org.lanchat.discovery.responder;
