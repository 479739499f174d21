package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/** How a sentence reads after "Not sent:" (the newcomer saw "Not sent: No such user."). */
class FailureTest {
    @BeforeEach
    void speakEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void aSentenceAfterAColonStartsInLowerCaseUnlessItsFirstWordIsWrittenInCapitals() {
        assertThat(Failure.afterColon("No such user.")).isEqualTo("no such user.");
        assertThat(Failure.afterColon("TLS failed.")).isEqualTo("TLS failed.");
        assertThat(Failure.afterColon("没有这个用户。")).isEqualTo("没有这个用户。");
        assertThat(Failure.afterColon("A")).isEqualTo("A");
    }

    /** A request the protocol's records refuse to build is said as a usage error, never as a class name. */
    @Test
    void aRequestThisClientWouldNotBuildIsAUsageErrorWithoutAClassName() {
        CommandFailure failure = Failure.classify(new CompletionException(
                new ProtocolException(ErrorCode.INVALID_FIELD, "field 'statusText' contains control character U+0007")));
        assertThat(failure.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(failure.getMessage()).isEqualTo(
                "lanchat did not send an invalid request: field 'statusText' contains control character U+0007");
    }
}
