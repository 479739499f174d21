package org.lanchat.appliance.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Sends per second, per connection and per user, and text per day per user and per address. A connection's bucket lives
 * with the connection ({@link #newConnectionBucket}); a user's is shared by all of their connections, so opening more
 * connections does not raise one user's rate; an address's text is shared by every account sending from it, so
 * registering more accounts (30 an hour) does not raise one computer's.
 */
public final class SendLimits {
    /**
     * The text one account may have stored in a day, in UTF-8 bytes: 16,000 of the longest messages. Without it three
     * accounts filled the disk at 4 MB/s (the database keeps about twice what is sent); a colleague writing all day
     * stays far below it.
     */
    public static final int TEXT_BYTES_PER_DAY = 64 << 20;
    /**
     * What may be sent at once out of the day's text: 1 MiB, 256 of the longest messages in ASCII. A group message
     * goes to everyone online, and on the wire a character outside the BMP takes 12 bytes against the 4 counted here
     * (PROTOCOL §3.3): a burst of 8 MiB put 25 MB into every member's connection within 20 s and closed a slow reader's
     * for its 4 MiB outbound bound, where 1 MiB stays within it.
     */
    public static final int TEXT_BURST_BYTES = 1 << 20;
    private static final int SECONDS_PER_DAY = 86_400;

    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<Long, TokenBucket> users = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, TokenBucket> texts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TokenBucket> addressTexts = new ConcurrentHashMap<>();

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
    public void admit(long userId, TokenBucket connection, String address, String text) {
        if (!limits.applyTo(address)) {
            return;
        }
        long connectionWait = connection.take();
        if (connectionWait > 0) {
            throw refused(connectionWait, "more than " + limits.messagesPerSecondPerConnection()
                    + " messages a second on this connection");
        }
        TokenBucket user = userBucket(userId);
        long userWait = user.take();
        if (userWait > 0) {
            connection.giveBack();
            throw refused(userWait, "more than " + limits.messagesPerSecondPerUser() + " messages a second from this account");
        }
        int bytes = bytes(text);
        TokenBucket account = textBucket(userId);
        long textWait = account.take(bytes);
        if (textWait > 0) {
            connection.giveBack();
            user.giveBack();
            throw refused(textWait, "more than " + (TEXT_BYTES_PER_DAY >> 20) + " MiB of text a day from this account");
        }
        long addressWait = addressTextBucket(address).take(bytes);
        if (addressWait > 0) {
            connection.giveBack();
            user.giveBack();
            account.giveBack(bytes);
            throw refused(addressWait, "more than " + (TEXT_BYTES_PER_DAY >> 20) + " MiB of text a day from this address");
        }
    }

    /**
     * Admits one message of {@code userId} handed in by someone else ({@code submit_direct}), against the
     * sender's own bucket: handing in is another way of sending, and must not multiply an account's rate.
     */
    public void admitSender(long userId, String submitterAddress, String text) {
        if (!limits.applyTo(submitterAddress)) {
            return;
        }
        TokenBucket user = userBucket(userId);
        long wait = user.take();
        if (wait > 0) {
            throw refused(wait, "more than " + limits.messagesPerSecondPerUser() + " messages a second from the sender's account");
        }
        int bytes = bytes(text);
        TokenBucket account = textBucket(userId);
        long textWait = account.take(bytes);
        if (textWait > 0) {
            user.giveBack();
            throw refused(textWait, "more than " + (TEXT_BYTES_PER_DAY >> 20) + " MiB of text a day from the sender's account");
        }
        long addressWait = addressTextBucket(submitterAddress).take(bytes);
        if (addressWait > 0) {
            user.giveBack();
            account.giveBack(bytes);
            throw refused(addressWait, "more than " + (TEXT_BYTES_PER_DAY >> 20) + " MiB of text a day handed in from this"
                    + " address");
        }
    }

    /**
     * Admits one message handed in by {@code submitterId} for someone else ({@code submit_direct}) against the
     * submitter's own sends per second: handing in is a request of the submitter's, whoever sent the message.
     */
    public void admitSubmitter(long submitterId, String submitterAddress) {
        if (!limits.applyTo(submitterAddress)) {
            return;
        }
        long wait = userBucket(submitterId).take();
        if (wait > 0) {
            throw refused(wait, "more than " + limits.messagesPerSecondPerUser() + " messages a second handed in by this"
                    + " account");
        }
    }

    /**
     * Gives the sender back what {@link #admitSender} took for a message that was stored already: the copy stored
     * nothing, and charged to the sender it would let anyone holding one of a colleague's messages use up that
     * colleague's sends by handing it in over and over.
     */
    public void refundSender(long userId, String submitterAddress, String text) {
        if (!limits.applyTo(submitterAddress)) {
            return;
        }
        userBucket(userId).giveBack();
        textBucket(userId).giveBack(bytes(text));
        addressTextBucket(submitterAddress).giveBack(bytes(text));
    }

    private TokenBucket textBucket(long userId) {
        return texts.computeIfAbsent(userId, id -> dayOfText());
    }

    private TokenBucket addressTextBucket(String address) {
        return addressTexts.computeIfAbsent(address, a -> dayOfText());
    }

    /** A day's text, refilled evenly over the day, {@link #TEXT_BURST_BYTES} of it at once. */
    private TokenBucket dayOfText() {
        return new TokenBucket(TEXT_BYTES_PER_DAY / SECONDS_PER_DAY, TEXT_BURST_BYTES, nanoClock);
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
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
