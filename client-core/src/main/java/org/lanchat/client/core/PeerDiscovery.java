package org.lanchat.client.core;

import java.util.List;
import org.lanchat.discovery.DiscoveredPeer;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Colleagues' clients in peer mode found on the LAN by DNS-SD, and this client's own advertisement while it is
 * in peer mode (PROTOCOL.md §10): how colleagues find each other where the appliance's last list is out of date
 * (a new address since, a colleague it never listed to this client). {@link #NONE} where discovery is off.
 */
public interface PeerDiscovery {
    PeerDiscovery NONE = new PeerDiscovery() {
        @Override
        public Advertisement advertise(int port, CertificateFingerprint appliance) {
            return new Advertisement() {
                @Override
                public String name() {
                    return "";
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<DiscoveredPeer> found() {
            return List.of();
        }
    };

    /** This client's advertisement; closing it says goodbye. */
    interface Advertisement extends AutoCloseable {
        /** Its DNS-SD instance name: what tells it apart from colleagues' in {@link #found()}. */
        String name();

        @Override
        void close();
    }

    /** Advertises peer links on {@code port} for clients of {@code appliance}. */
    Advertisement advertise(int port, CertificateFingerprint appliance);

    /** The peers seen now, of any appliance. */
    List<DiscoveredPeer> found();

    /** {@code changed} runs, on a discovery thread, whenever {@link #found()} may have changed. */
    default void addListener(Runnable changed) {
    }

    default void removeListener(Runnable changed) {
    }
}
