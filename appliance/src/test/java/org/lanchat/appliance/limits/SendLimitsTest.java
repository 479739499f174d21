package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * The text an account, and an address, may have stored in a day, 1 MiB of it at once: a disk is not filled, nor a slow
 * reader's connection, by one account's sends or by one computer's many accounts.
 */
class SendLimitsTest {
    private static final String ADDRESS = "192.0.2.20";
    /** 4,000 letters of four bytes each: the longest message in UTF-8. */
    private static final String LONGEST = "\uD835\uDC00".repeat(4000);

    private final AtomicLong nanos = new AtomicLong();
    private final SendLimits limits = new SendLimits(RateLimits.DEFAULTS, nanos::get);

    @Test
    void anAccountStoresAMebibyteOfTextAtOnceAndThenWhatTheDayRefills() {
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
        limits.admit(2, limits.newConnectionBucket(), "192.0.2.21", LONGEST); // another's account and address: its own day
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

    @Test
    void accountsSendingFromOneAddressShareItsDayOfText() {
        int atOnce = SendLimits.TEXT_BURST_BYTES / (LONGEST.length() * 2);
        for (int i = 0; i < atOnce; i++) {
            limits.admit(100 + i, limits.newConnectionBucket(), ADDRESS, LONGEST); // a fresh account for every message
        }
        TokenBucket connection = limits.newConnectionBucket();
        assertThatThrownBy(() -> limits.admit(999, connection, ADDRESS, LONGEST)).isInstanceOf(Refused.class)
                .hasMessageContaining("of text a day from this address");
        assertThatThrownBy(() -> limits.admitSender(998, ADDRESS, LONGEST)).as("handed in from there too")
                .isInstanceOf(Refused.class).hasMessageContaining("from this address");
        limits.admit(999, connection, "192.0.2.21", LONGEST); // the refused account lost nothing by the refusal
        limits.admit(999, limits.newConnectionBucket(), ADDRESS, null); // a sticker has no text
    }

    @Test
    void loopbackClientsExemptedFromLimitsShareNoAddressDay() {
        SendLimits exempt = new SendLimits(RateLimits.DEFAULTS.exemptingLoopback(), nanos::get);
        for (int i = 0; i < 3 * SendLimits.TEXT_BURST_BYTES / (LONGEST.length() * 2); i++) {
            exempt.admit(200 + i, exempt.newConnectionBucket(), "127.0.0.1", LONGEST);
        }
    }
}
