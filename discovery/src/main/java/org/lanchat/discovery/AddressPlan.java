package org.lanchat.discovery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one interface scan changes: which running handles stop, which move to another address of their
 * interface, and which addresses get a new handle. Pure: the running addresses and the selected ones in, a
 * plan out.
 *
 * <p>Two policies. A browser listens on {@link #everyAddress every address}. A responder advertises
 * {@link #oneAddressPerInterface one address per interface}: RFC 6762 ties a host name to a link, and PROTOCOL.md
 * §1.3 promises each interface one host name with one A record. Two responders on one interface would be two hosts
 * on one link publishing the same service instance with different SRV targets, each answering every query, and
 * neither defending against the other (each takes the other's packets for its own). Why one address rather than one
 * responder answering with all of them: a responder's sockets are bound to the address it advertises, so its
 * unicast answers leave from it, and {@code LinkMap} judges a query by that address's subnet; one address keeps all
 * of that as it is, and a second address on an interface is nearly always an alias for something else (a service
 * IP, the new address during renumbering), not one clients should be sent to. What is lost: hosts that are on the
 * same wire but only in the second address's subnet are not answered.
 */
record AddressPlan(List<LocalAddress> stop, List<Move> moves, List<LocalAddress> open) {

    /** A running handle that keeps its names and moves to another address of the same interface. */
    record Move(LocalAddress from, LocalAddress to) {
    }

    /**
     * The address an interface advertises when it has several and none is advertised yet: the lowest. Java lists an
     * interface's addresses in an undocumented order (on Linux the reverse of the kernel's, the primary last) and
     * cannot tell a primary address from a secondary one; the lowest is the same choice on every scan and at every
     * restart, whatever the order.
     */
    private static final Comparator<LocalAddress> PREFERRED = Comparator.comparing(LocalAddress::address,
            Comparator.comparing(InetAddress::getAddress, Arrays::compareUnsigned));

    AddressPlan {
        stop = List.copyOf(stop);
        moves = List.copyOf(moves);
        open = List.copyOf(open);
    }

    /** A handle per selected address: those that went away stop, new ones open. */
    static AddressPlan everyAddress(Collection<LocalAddress> running, List<LocalAddress> selected) {
        return new AddressPlan(running.stream().filter(address -> !selected.contains(address)).toList(), List.of(),
                selected.stream().filter(address -> !running.contains(address)).toList());
    }

    /**
     * One handle per interface and address family. An advertised address stays advertised while it is on its
     * interface, whatever addresses come and go beside it; when it goes away, its handle moves to the lowest of the
     * interface's remaining addresses (or stops, if none is left); an interface without a handle gets one on its
     * lowest address.
     */
    static AddressPlan oneAddressPerInterface(Collection<LocalAddress> running, List<LocalAddress> selected) {
        Map<String, List<LocalAddress>> selectedByLink = byLink(selected);
        Map<String, List<LocalAddress>> runningByLink = byLink(running);
        List<LocalAddress> stop = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        List<LocalAddress> open = new ArrayList<>();
        runningByLink.forEach((link, handles) -> {
            List<LocalAddress> present = selectedByLink.getOrDefault(link, List.of());
            // One handle is kept: the one on a present address, else the first, to be moved.
            LocalAddress kept = handles.stream().filter(present::contains).findFirst().orElse(handles.getFirst());
            handles.stream().filter(handle -> handle != kept).forEach(stop::add);
            if (present.contains(kept)) {
                return;
            }
            Optional<LocalAddress> replacement = present.stream().min(PREFERRED);
            replacement.ifPresentOrElse(to -> moves.add(new Move(kept, to)), () -> stop.add(kept));
        });
        selectedByLink.forEach((link, present) -> {
            if (!runningByLink.containsKey(link)) {
                open.add(present.stream().min(PREFERRED).orElseThrow());
            }
        });
        return new AddressPlan(stop, moves, open);
    }

    /** Interface and address family: an interface's IPv4 and IPv6 addresses are planned apart. */
    static String link(LocalAddress address) {
        return address.interfaceName() + (address.isIpv6() ? "/6" : "/4");
    }

    private static Map<String, List<LocalAddress>> byLink(Collection<LocalAddress> addresses) {
        Map<String, List<LocalAddress>> grouped = new LinkedHashMap<>();
        addresses.forEach(address -> grouped.computeIfAbsent(link(address), k -> new ArrayList<>()).add(address));
        return grouped;
    }
}
