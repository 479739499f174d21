package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/** The text an account may have stored in a day, an eighth of it at once: a disk is not filled by one account's sends. */
class SendLimitsTest {
    private static final String ADDRESS = "192.0.2.20";
    /** 4,000 letters of four bytes each: the longest message in UTF-8. */
    private static final String LONGEST = "\uD835\uDC00".repeat(4000);

    private final AtomicLong nanos = new AtomicLong();
    private final SendLimits limits = new SendLimits(RateLimits.DEFAULTS, nanos::get);

    @Test
    void anAccountStoresAnEighthOfItsDaysTextAtOnceAndThenWhatTheDayRefills() {
        int atOnce = SendLimits.TEXT_BURST_BYTES / (LONGEST.length() * 2);
        Refused refused = null;
        int admitted = 0;
        while (refused == null && admitted < 2 * atOnce) {
            nanos.addAndGet(Duration.ofMillis(100).toNanos()); // within the rate per second
            try {
                limits.admit(1, limits.newConnectionBucket(), ADDRESS, LONGEST);
                admitted++;
            } catch (Refused e) {
                refused = e;
            }
        }
        // What came back in the minute it took (776 bytes a second) lets a few more in.
        assertThat(admitted).isBetween(atOnce, atOnce + 5);
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.getMessage()).contains("64 MiB of text a day");
        assertThat(refused.retryAfter()).as("until a message's worth has come back").isPositive()
                .isLessThan(Duration.ofMinutes(5));

        limits.admit(1, limits.newConnectionBucket(), ADDRESS, null); // a sticker has no text to store
        limits.admit(2, limits.newConnectionBucket(), ADDRESS, LONGEST); // another account has its own day
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        limits.admit(1, limits.newConnectionBucket(), ADDRESS, LONGEST);
    }

    @Test
    void aRefusalForTextGivesBackTheMessageItsBucketsTook() {
        TokenBucket connection = limits.newConnectionBucket();
        String tooMuch = "x".repeat(SendLimits.TEXT_BURST_BYTES / 2);
        limits.admitSender(3, ADDRESS, tooMuch);
        limits.admitSender(3, ADDRESS, tooMuch);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limits.admit(3, connection, ADDRESS, "one more")).isInstanceOf(Refused.class)
                    .hasMessageContaining("of text a day");
        }
        assertThat(connection.take()).as("the connection's bucket kept its tokens").isZero();
    }
}
