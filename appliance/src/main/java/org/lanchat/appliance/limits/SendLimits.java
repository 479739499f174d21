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
        long userWait = userBucket(userId).take();
        if (userWait > 0) {
            connection.giveBack();
            throw refused(userWait, "more than " + limits.messagesPerSecondPerUser() + " messages a second from this account");
        }
    }

    /**
     * Admits one message of {@code userId} handed in by someone else ({@code submit_direct}), against the
     * sender's own bucket: handing in is another way of sending, and must not multiply an account's rate.
     */
    public void admitSender(long userId, String submitterAddress) {
        if (!limits.applyTo(submitterAddress)) {
            return;
        }
        long wait = userBucket(userId).take();
        if (wait > 0) {
            throw refused(wait, "more than " + limits.messagesPerSecondPerUser() + " messages a second from the sender's account");
        }
    }

    private TokenBucket userBucket(long userId) {
        int userRate = limits.messagesPerSecondPerUser();
        return users.computeIfAbsent(userId, id -> new TokenBucket(userRate, userRate * RateLimits.BURST_SECONDS, nanoClock));
    }

    private static Refused refused(long waitNanos, String what) {
        Duration wait = TokenBucket.asRetryAfter(waitNanos);
        return new Refused(ErrorCode.RATE_LIMITED, what + "; not sent, try again in " + wait.toMillis() + " ms", wait);
    }
}
