/**
 * Finding the appliance without typing addresses: DNS-SD over multicast DNS (JmDNS, kept behind our own
 * small interfaces), and the certificate pin that stops anyone else on the LAN from posing as it.
 *
 * <ul>
 *   <li>The appliance advertises itself with {@link org.lanchat.discovery.ApplianceAdvertiser} from a
 *       {@link org.lanchat.discovery.ServiceDescription} (name, port, protocol version,
 *       {@link org.lanchat.discovery.ApplianceId}, certificate fingerprint).</li>
 *   <li>Clients keep a live list with {@link org.lanchat.discovery.ApplianceBrowser}, whose entries are
 *       fully resolved {@link org.lanchat.discovery.DiscoveredAppliance}s.</li>
 *   <li>Both run on the interfaces an {@link org.lanchat.discovery.InterfaceSelection} picks, with one mDNS
 *       responder per interface address, and follow interfaces as they come, go and change address.</li>
 *   <li>{@code org.lanchat.discovery.trust} decides whether a found appliance is the trusted one;
 *       {@code org.lanchat.discovery.locate} adds the fallbacks (last appliance that worked, a typed
 *       address) and diagnostics.</li>
 * </ul>
 *
 * <p>Everything JmDNS-specific is package-private here. JmDNS's record TTL is set to 120 s per process
 * unless {@code -Dnet.dns.ttl=SECONDS} says otherwise.
 */
package org.lanchat.discovery;
