package org.lanchat.appliance.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The limits' settings. Sends are metered by token buckets that refill at the per-second rate and hold
 * {@link #BURST_SECONDS} seconds' worth, so a client that was quiet may send a short burst at once.
 *
 * @param registrationsPerHour           accounts one address may register in any hour
 * @param connectionsPerAddress          connections one address may hold open at once
 * @param messagesPerSecondPerConnection sends one connection may make per second, sustained
 * @param messagesPerSecondPerUser       sends one user may make per second over all their connections
 * @param exemptLoopback                 whether connections from this machine (127.0.0.0/8, ::1) are exempt;
 *                                       off by default, so a local client is limited like any other
 */
public record RateLimits(int registrationsPerHour, int connectionsPerAddress, int messagesPerSecondPerConnection,
                         int messagesPerSecondPerUser, boolean exemptLoopback) {
    public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 30;
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;
    public static final int DEFAULT_MESSAGES_PER_SECOND_PER_CONNECTION = 20;
    public static final int DEFAULT_MESSAGES_PER_SECOND_PER_USER = 40;
    /** A bucket holds this many seconds of its rate. */
    public static final int BURST_SECONDS = 2;

    public static final RateLimits DEFAULTS = new RateLimits(DEFAULT_REGISTRATIONS_PER_HOUR, DEFAULT_CONNECTIONS_PER_ADDRESS,
            DEFAULT_MESSAGES_PER_SECOND_PER_CONNECTION, DEFAULT_MESSAGES_PER_SECOND_PER_USER, false);

    /** These limits, with clients on this machine exempt: for tests and load tests that drive many clients locally. */
    public RateLimits exemptingLoopback() {
        return new RateLimits(registrationsPerHour, connectionsPerAddress, messagesPerSecondPerConnection,
                messagesPerSecondPerUser, true);
    }

    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

    /** Whether the limits apply to a client at {@code address} (an IP address literal). */
    public boolean applyTo(String address) {
        return !(exemptLoopback && isLoopback(address));
    }

    static boolean isLoopback(String address) {
        try {
            // A literal: parsed, never looked up. Asked at every send, hence the pattern compiled once.
            return ADDRESS_LITERAL.matcher(address).matches() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
