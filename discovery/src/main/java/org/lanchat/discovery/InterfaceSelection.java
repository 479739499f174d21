package org.lanchat.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which network interfaces mDNS runs on, for both the advertiser and the browser.
 *
 * <p>With no names ({@link #automatic()}) every interface that is up, multicast-capable and not loopback
 * is used, except those whose names mark them as container, VM or VPN plumbing ({@code docker0},
 * {@code br-…}, {@code veth…}, {@code virbr…}, {@code tun…} and the like): advertising the appliance
 * there would hand out addresses the office cannot reach. Naming interfaces ({@link #only(List)}) wins
 * over that guess, which is how an appliance in a container or a test namespace uses its {@code veth}.
 *
 * <p>Interfaces are scanned again every {@code rescanInterval} (a second by default, as quick as Avahi hears of a
 * link change): an interface that comes up or changes its address gets a fresh responder that announces the new
 * address, and one whose link went down and up since the last scan is probed and announced again.
 *
 * @param names          interfaces to use, by name; empty for the automatic choice
 * @param ipv6           also run mDNS over IPv6 (one address per interface, a routable one preferred
 *                       over link-local)
 * @param rescanInterval how often interfaces are checked for changes, 100 ms to 10 minutes
 */
public record InterfaceSelection(List<String> names, boolean ipv6, Duration rescanInterval) {
    public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MIN_RESCAN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_RESCAN_INTERVAL = Duration.ofMinutes(10);

    public InterfaceSelection {
        names = List.copyOf(names);
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("interface names must not be blank");
            }
        }
        if (rescanInterval.compareTo(MIN_RESCAN_INTERVAL) < 0 || rescanInterval.compareTo(MAX_RESCAN_INTERVAL) > 0) {
            throw new IllegalArgumentException("rescanInterval must be between " + MIN_RESCAN_INTERVAL + " and "
                    + MAX_RESCAN_INTERVAL + ", was " + rescanInterval);
        }
    }

    /** Every suitable interface, IPv4 and IPv6, rescanned every {@link #DEFAULT_RESCAN_INTERVAL}. */
    public static InterfaceSelection automatic() {
        return new InterfaceSelection(List.of(), true, DEFAULT_RESCAN_INTERVAL);
    }

    /** Exactly these interfaces (when they are up), whatever their names look like. */
    public static InterfaceSelection only(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one interface, or use InterfaceSelection.automatic()");
        }
        return new InterfaceSelection(names, true, DEFAULT_RESCAN_INTERVAL);
    }

    public static InterfaceSelection only(String... names) {
        return only(List.of(names));
    }

    public InterfaceSelection withIpv6(boolean enabled) {
        return new InterfaceSelection(names, enabled, rescanInterval);
    }

    public InterfaceSelection withRescanInterval(Duration interval) {
        return new InterfaceSelection(names, ipv6, interval);
    }

    public boolean isAutomatic() {
        return names.isEmpty();
    }
}
