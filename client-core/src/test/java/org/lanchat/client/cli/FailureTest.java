package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a sentence reads after "Not sent:" (the newcomer saw "Not sent: No such user."). */
class FailureTest {
    @Test
    void aSentenceAfterAColonStartsInLowerCaseUnlessItsFirstWordIsWrittenInCapitals() {
        assertThat(Failure.afterColon("No such user.")).isEqualTo("no such user.");
        assertThat(Failure.afterColon("TLS failed.")).isEqualTo("TLS failed.");
        assertThat(Failure.afterColon("没有这个用户。")).isEqualTo("没有这个用户。");
        assertThat(Failure.afterColon("A")).isEqualTo("A");
    }
}
