package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.SessionMessage.Error;

/** What a client is told when its request fails (PROTOCOL §8): something it can act on, never internals. */
class ErrorRepliesTest {
    @Test
    void aRefusalKeepsItsCodeMessageAndRetryDelay() {
        Error reply = ErrorReplies.of("r1", new Refused(ErrorCode.RATE_LIMITED, "try again in 3 s", Duration.ofSeconds(3)), 1);
        assertThat(reply).isEqualTo(new Error("r1", ErrorCode.RATE_LIMITED, "try again in 3 s", 3000L));
    }

    @Test
    void aFailureThatCameThroughAFutureIsUnwrapped() {
        Error reply = ErrorReplies.of("r1", new CompletionException(new Refused(ErrorCode.BUSY, "later")), 1);
        assertThat(reply).isEqualTo(new Error("r1", ErrorCode.BUSY, "later", null));
    }

    @Test
    void anUnreachableDatabaseIsStoreUnavailableWithARetryDelayAndNoDetails() {
        Error reply = ErrorReplies.of("r1", new StoreUnavailableException("jdbc:mysql://db: Connection refused", null), 1);
        assertThat(reply.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(reply.retryAfterMs()).isEqualTo(ErrorReplies.STORE_RETRY_AFTER_MS);
        assertThat(reply.message()).contains("nothing was saved").doesNotContain("jdbc");
    }

    @Test
    void anythingElseIsAnInternalErrorThatSaysNothingOfTheCause() {
        Error reply = ErrorReplies.of("r1", new IllegalStateException("secret internals"), 1);
        assertThat(reply).isEqualTo(new Error("r1", ErrorCode.INTERNAL_ERROR, "the appliance failed to handle this request", null));
    }
}
