package org.lanchat.appliance.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Sends per second, per connection and per user. A connection's bucket lives with the connection
 * ({@link #newConnectionBucket}); a user's is shared by all of their connections, so opening more
 * connections does not raise one user's rate.
 */
public final class SendLimits {
    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<Long, TokenBucket> users = new ConcurrentHashMap<>();

    public SendLimits(RateLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    public TokenBucket newConnectionBucket() {
        int rate = limits.messagesPerSecondPerConnection();
        return new TokenBucket(rate, rate * RateLimits.BURST_SECONDS, nanoClock);
    }

    /**
     * Admits one send, or throws {@link Refused} {@code rate_limited} with the wait after which it would be
     * admitted.
     */
    public void admit(long userId, TokenBucket connection, String address) {
        if (!limits.applyTo(address)) {
            return;
        }
        long connectionWait = connection.take();
        if (connectionWait > 0) {
            throw refused(connectionWait, "more than " + limits.messagesPerSecondPerConnection()
                    + " messages a second on this connection");
        }
        int userRate = limits.messagesPerSecondPerUser();
        long userWait = users.computeIfAbsent(userId, id -> new TokenBucket(userRate, userRate * RateLimits.BURST_SECONDS, nanoClock))
                .take();
        if (userWait > 0) {
            connection.giveBack();
            throw refused(userWait, "more than " + userRate + " messages a second from this account");
        }
    }

    private static Refused refused(long waitNanos, String what) {
        Duration wait = TokenBucket.asRetryAfter(waitNanos);
        return new Refused(ErrorCode.RATE_LIMITED, what + "; not sent, try again in " + wait.toMillis() + " ms", wait);
    }
}
