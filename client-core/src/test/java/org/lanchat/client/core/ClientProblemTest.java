package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientProblem.Kind;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The core says what went wrong as data; the English it carries is the detail, never the sentence. */
class ClientProblemTest {

    @Test
    void aRefusalIsItsErrorCodeWithTheAppliancesWordsAsDetail() {
        ClientProblem problem = ClientProblem.of(new CompletionException(
                new ChatException(ErrorCode.AUTH_FAILED, "wrong username or password", Optional.empty())));
        assertThat(problem.kind()).isEqualTo(Kind.REFUSED);
        assertThat(problem.code()).contains(ErrorCode.AUTH_FAILED);
        assertThat(problem.arguments()).isEmpty();
        assertThat(problem.detail()).isEqualTo("wrong username or password");
        assertThat(problem.key()).isEqualTo("error.AUTH_FAILED");
    }

    @Test
    void aRateLimitCarriesTheWaitInWholeSecondsRoundedUp() {
        ClientProblem problem = ClientProblem.of(
                new ChatException(ErrorCode.RATE_LIMITED, "slow down", Optional.of(Duration.ofMillis(2500))));
        assertThat(problem.arguments()).containsExactly(3L);
        assertThat(ClientProblem.of(new ChatException(ErrorCode.RATE_LIMITED, "slow down", Optional.of(Duration.ZERO)))
                .arguments()).as("never 'try again in 0 s'").containsExactly(1L);
    }

    @Test
    void networkFailuresAreKindsOfTheirOwn() {
        assertThat(ClientProblem.of(new ConnectException("Connection refused")).kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(ClientProblem.of(new TimeoutException()).kind()).isEqualTo(Kind.NO_ANSWER);
        assertThat(ClientProblem.of(new ConnectionClosedException("closed")).kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(ClientProblem.of(new IOException("disk full")).kind()).isEqualTo(Kind.UNEXPECTED);
        assertThat(ClientProblem.of(new IllegalStateException()).detail()).isEqualTo("IllegalStateException");
    }

    @Test
    void aCertificateMismatchAnywhereInTheCausesNamesBothCodes() {
        CertificateFingerprint trusted = new CertificateFingerprint("3a".repeat(32));
        CertificateFingerprint presented = new CertificateFingerprint("a1".repeat(32));
        CertificateMismatchException mismatch = new CertificateMismatchException(
                CertificateMismatchException.Reason.NOT_THE_PINNED_CERTIFICATE, "Office",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 7447), trusted, presented);
        ClientProblem problem = ClientProblem.of(new IOException("handshake failed", mismatch));
        assertThat(problem.kind()).isEqualTo(Kind.CERTIFICATE_CHANGED);
        assertThat(problem.arguments()).containsExactly(trusted.shortCode(), presented.shortCode());
    }

    @Test
    void inputTheClientRefusesSaysWhichRuleWithItsNumbers() {
        InvalidInputException tooLong = new InvalidInputException(Kind.TEXT_TOO_LONG, "too long", 4001, 4000);
        assertThat(ClientProblem.of(tooLong)).isEqualTo(tooLong.problem());
        assertThat(tooLong.problem().arguments()).containsExactly(4001, 4000);
        assertThat(tooLong.problem().key()).isEqualTo("problem.TEXT_TOO_LONG");
        assertThat(ClientProblem.of(new NotLoggedInException()).kind()).isEqualTo(Kind.NOT_LOGGED_IN);
    }

    @Test
    void anErrorCodeGoesWithRefusedAlone() {
        assertThatThrownBy(() -> new ClientProblem(Kind.UNREACHABLE, Optional.of(ErrorCode.BUSY), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientProblem(Kind.REFUSED, Optional.empty(), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
