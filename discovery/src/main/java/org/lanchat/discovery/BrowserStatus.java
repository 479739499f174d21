package org.lanchat.discovery;

import java.util.List;
import java.util.Set;

/**
 * What a browser can say about the network, for diagnostics.
 *
 * @param listeningOn      the interface addresses mDNS is running on, as {@code "eth0/192.168.1.20"}
 * @param serviceTypesSeen DNS-SD service types that other devices answered with (printers, speakers,
 *                         appliances): any at all proves that multicast answers reach this computer
 */
public record BrowserStatus(List<String> listeningOn, Set<String> serviceTypesSeen) {
    public BrowserStatus {
        listeningOn = List.copyOf(listeningOn);
        serviceTypesSeen = Set.copyOf(serviceTypesSeen);
    }
}
