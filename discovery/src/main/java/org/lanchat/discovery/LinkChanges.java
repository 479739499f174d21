package org.lanchat.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many times an interface's link went down or up, from Linux's {@code /sys/class/net/NAME/carrier_changes}.
 * RFC 6762 §8 asks a responder to probe and announce again after a link change; a cable pulled and plugged back, or
 * an interface switched off and on, within one interface scan leaves the addresses as they were, so only this counter
 * tells. Java has no API for link events (Avahi listens to netlink); reading a counter on each scan is enough.
 */
final class LinkChanges {
    private final Path sysClassNet;

    LinkChanges() {
        this(Path.of("/sys/class/net"));
    }

    LinkChanges(Path sysClassNet) {
        this.sysClassNet = sysClassNet;
    }

    /** The interface's count of link changes; empty where the system does not keep one (not Linux, a vanished link). */
    OptionalLong count(String interfaceName) {
        Path counter = sysClassNet.resolve(interfaceName).resolve("carrier_changes");
        if (interfaceName.contains("/") || !counter.normalize().startsWith(sysClassNet)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(counter).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
