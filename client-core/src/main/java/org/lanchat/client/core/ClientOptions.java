package org.lanchat.client.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning for a {@link ChatClient}, checked once here.
 *
 * @param clientName      sent in {@code hello}, for the appliance's log (at most 64 characters)
 * @param requestTimeout  how long any request may wait for its reply (logins hash a password: be generous)
 * @param firstRetry      the delay before the first reconnect attempt; it doubles on every failure
 * @param maxRetry        the longest delay between reconnect attempts
 * @param initialPageSize how many of the newest messages to load for a conversation seen for the first time
 * @param peerLinks       where to listen for colleagues' peer links (PROTOCOL.md §10), or null for none
 */
public record ClientOptions(String clientName, Duration requestTimeout, Duration firstRetry, Duration maxRetry,
        int initialPageSize, InetSocketAddress peerLinks, boolean rawTransfers) {

    /**
     * On a LAN an appliance that went away (a restart, an upgrade) is usually back within seconds, so the user
     * should not wait much longer than that once it is; with the jitter of {@code Backoff} each attempt at the
     * cap waits between 2.5 and 5 s, which still spreads a whole office's reconnects.
     */
    public static final Duration MAX_RETRY = Duration.ofSeconds(5);

    public static final ClientOptions DEFAULTS = new ClientOptions("LAN Chat desktop " + version(),
            Duration.ofSeconds(30), Duration.ofMillis(500), MAX_RETRY, 50);

    public ClientOptions {
        Objects.requireNonNull(clientName, "clientName");
        if (clientName.length() > 64) {
            throw new IllegalArgumentException("clientName must be at most 64 characters, was " + clientName.length());
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(firstRetry, "firstRetry");
        requirePositive(maxRetry, "maxRetry");
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("maxRetry (" + maxRetry + ") must not be shorter than firstRetry (" + firstRetry + ")");
        }
        if (initialPageSize < 1 || initialPageSize > 200) {
            throw new IllegalArgumentException("initialPageSize must be between 1 and 200, was " + initialPageSize);
        }
    }

    /** Without peer links. */
    public ClientOptions(String clientName, Duration requestTimeout, Duration firstRetry, Duration maxRetry,
            int initialPageSize) {
        this(clientName, requestTimeout, firstRetry, maxRetry, initialPageSize, null);
    }

    /** Files on a raw transfer connection whenever the appliance offers one (PROTOCOL.md §7.25). */
    public ClientOptions(String clientName, Duration requestTimeout, Duration firstRetry, Duration maxRetry,
            int initialPageSize, InetSocketAddress peerLinks) {
        this(clientName, requestTimeout, firstRetry, maxRetry, initialPageSize, peerLinks, true);
    }

    public ClientOptions withRetry(Duration first, Duration max) {
        return new ClientOptions(clientName, requestTimeout, first, max, initialPageSize, peerLinks, rawTransfers);
    }

    /** Listening for colleagues' peer links on {@code address} (port 0: any free port). */
    public ClientOptions withPeerLinks(InetSocketAddress address) {
        return new ClientOptions(clientName, requestTimeout, firstRetry, maxRetry, initialPageSize, address, rawTransfers);
    }

    /**
     * Files always in chunks on the chat connection (§7.24), even where the appliance offers raw transfers: what a
     * client does with an appliance that predates them, and the path a measurement compares the raw one with.
     */
    public ClientOptions withChunkedTransfersOnly() {
        return new ClientOptions(clientName, requestTimeout, firstRetry, maxRetry, initialPageSize, peerLinks, false);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static String version() {
        String version = ClientOptions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
