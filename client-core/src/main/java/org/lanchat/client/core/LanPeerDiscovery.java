package org.lanchat.client.core;

import java.util.List;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.DiscoveredPeer;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.PeerAdvertiser;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** {@link PeerDiscovery} on the LAN: the browser that finds appliances finds peers too; advertising on the same interfaces. */
public record LanPeerDiscovery(ApplianceBrowser browser, InterfaceSelection interfaces) implements PeerDiscovery {
    @Override
    public Advertisement advertise(int port, CertificateFingerprint appliance) {
        PeerAdvertiser advertiser = PeerAdvertiser.start(port, Protocol.VERSION, appliance, interfaces);
        return new Advertisement() {
            @Override
            public String name() {
                return advertiser.instanceName();
            }

            @Override
            public void close() {
                advertiser.close();
            }
        };
    }

    @Override
    public List<DiscoveredPeer> found() {
        return browser.peers();
    }

    @Override
    public void addListener(Runnable changed) {
        browser.addPeerListener(changed);
    }

    @Override
    public void removeListener(Runnable changed) {
        browser.removePeerListener(changed);
    }
}
