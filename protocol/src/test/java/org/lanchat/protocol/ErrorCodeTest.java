package org.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The error table's two columns every client acts on (§8): does the connection close, is it worth retrying. */
class ErrorCodeTest {

    @Test
    void onlyTheAppliancesPassingConditionsAreWorthRetrying() {
        assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryable))
                .containsExactlyInAnyOrder(ErrorCode.BUSY, ErrorCode.RATE_LIMITED, ErrorCode.STORE_UNAVAILABLE,
                        ErrorCode.SHUTTING_DOWN);
    }

    @Test
    void anUnknownCodeReadsAsInternalErrorAndIsNotRetriedBlindly() {
        ErrorCode unknown = ErrorCode.fromWire("message_blocked_by_policy");
        assertThat(unknown).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(unknown.retryable()).isFalse();
    }

    @Test
    void refusalsOfTheRequestItselfAreFinal() {
        assertThat(ErrorCode.TEXT_TOO_LONG.retryable()).isFalse();
        assertThat(ErrorCode.UNKNOWN_RECIPIENT.retryable()).isFalse();
        assertThat(ErrorCode.AUTH_FAILED.retryable()).isFalse();
        assertThat(ErrorCode.TOKEN_INVALID.retryable()).isFalse();
    }
}
