package org.lanchat.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The facts about one interface that the selection rules look at, copied out of {@link NetworkInterface}
 * so that the rules can be tested without real interfaces.
 */
record InterfaceSnapshot(
        String name, boolean up, boolean loopback, boolean multicast, boolean virtual, List<InetAddress> addresses) {

    InterfaceSnapshot {
        addresses = List.copyOf(addresses);
    }

    static List<InterfaceSnapshot> scanSystem() throws SocketException {
        List<InterfaceSnapshot> result = new ArrayList<>();
        var interfaces = NetworkInterface.getNetworkInterfaces();
        if (interfaces == null) {
            return result;
        }
        for (NetworkInterface nif : Collections.list(interfaces)) {
            try {
                result.add(new InterfaceSnapshot(nif.getName(), nif.isUp(), nif.isLoopback(), nif.supportsMulticast(),
                        nif.isVirtual(), Collections.list(nif.getInetAddresses())));
            } catch (SocketException e) {
                // The interface vanished between listing and asking; the next scan will not see it.
            }
        }
        return result;
    }
}
