/**
 * Finding the appliance without typing addresses: DNS-SD over multicast DNS, and the certificate pin that
 * stops anyone else on the LAN from posing as it. The appliance is advertised by a responder of our own
 * ({@code org.lanchat.discovery.responder}, on the wire format of {@code org.lanchat.discovery.dns});
 * clients browse with JmDNS, kept behind our own small interfaces.
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
 * <p>Everything JmDNS-specific is package-private here. The advertised records live 120 s (SRV, address)
 * and 75 minutes (PTR, TXT); tests that watch records expire shorten them all with
 * {@code -Dorg.lanchat.discovery.ttl=SECONDS}.
 */
package org.lanchat.discovery;
