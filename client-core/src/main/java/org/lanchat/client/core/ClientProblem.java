package org.lanchat.client.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.lanchat.client.core.appliance.TypedAddressException;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.ErrorCode;

/**
 * What went wrong, as data: each user interface turns it into a sentence from its own bundle, so that no
 * English from the core or the appliance ends up inside a translated sentence. {@link #detail()} is the English
 * account for developers (logs, a "details" line), never the sentence shown.
 *
 * @param kind      what happened
 * @param code      for {@link Kind#REFUSED}, the appliance's error code; otherwise empty
 * @param arguments the numbers a sentence may name, in the order {@link Kind} documents
 * @param detail    English, for developers: the appliance's {@code message}, the operating system's words
 */
public record ClientProblem(Kind kind, Optional<ErrorCode> code, List<Object> arguments, String detail) {
    /** The kinds of problem; a UI has a sentence for each, and one for each {@link ErrorCode} under REFUSED. */
    public enum Kind {
        /** The appliance refused with {@link #code()}; arguments: seconds to wait (only for RATE_LIMITED), or none. */
        REFUSED,
        /** The appliance did not answer in time. */
        NO_ANSWER,
        /** No connection could be made: refused, no route, unknown host, connect timeout. */
        UNREACHABLE,
        /** The connection ended before the answer came. */
        CONNECTION_LOST,
        /** The appliance presented a certificate other than the trusted one; arguments: the expected and presented codes. */
        CERTIFICATE_CHANGED,
        /** Nothing to send. */
        EMPTY_MESSAGE,
        /** Arguments: the text's length, the appliance's limit (both in characters). */
        TEXT_TOO_LONG,
        /** A reply or change names no stored message (sequence number below 1). */
        NO_SUCH_MESSAGE,
        /** A reaction that is not one emoji. */
        NOT_ONE_EMOJI,
        /** No appliance address was typed. */
        ADDRESS_MISSING,
        /** A typed address that is not host[:port]; arguments: what was typed. */
        BAD_ADDRESS,
        /** A typed host name that does not resolve; arguments: the host. */
        UNKNOWN_HOST,
        /** Sending before logging in. */
        NOT_LOGGED_IN,
        /** A message given up on because the user logged out before the appliance had it. */
        LOGGED_OUT,
        /** A message given up on because another user logged in on this client. */
        ANOTHER_USER_LOGGED_IN,
        /** Anything else: a bug or an unforeseen failure; only {@link #detail()} says more. */
        UNEXPECTED
    }

    public ClientProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(detail, "detail");
        if (code.isPresent() != (kind == Kind.REFUSED)) {
            throw new IllegalArgumentException("an error code goes with REFUSED and only with it");
        }
    }

    public static ClientProblem of(Kind kind, String detail, Object... arguments) {
        return new ClientProblem(kind, Optional.empty(), List.of(arguments), detail);
    }

    /** What {@code failure}, as a future or the core reports it, means for the user. */
    public static ClientProblem of(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CertificateMismatchException mismatch) {
                return of(Kind.CERTIFICATE_CHANGED, detailOf(mismatch), mismatch.expectedShortCode(),
                        mismatch.actualShortCode());
            }
        }
        return switch (cause) {
            case ChatException chat -> refused(chat);
            case InvalidInputException invalid -> invalid.problem();
            case TypedAddressException typed -> switch (typed.reason()) {
                case MISSING -> of(Kind.ADDRESS_MISSING, detailOf(typed));
                case NOT_AN_ADDRESS -> of(Kind.BAD_ADDRESS, detailOf(typed), typed.typed());
                case UNKNOWN_HOST -> of(Kind.UNKNOWN_HOST, detailOf(typed), typed.typed());
            };
            case MessageNotSentException notSent -> notSent.entry().failure()
                    .orElseGet(() -> of(Kind.UNEXPECTED, detailOf(notSent)));
            case TimeoutException timeout -> of(Kind.NO_ANSWER, detailOf(timeout));
            case ConnectException c -> of(Kind.UNREACHABLE, detailOf(c));
            case NoRouteToHostException c -> of(Kind.UNREACHABLE, detailOf(c));
            case UnknownHostException c -> of(Kind.UNREACHABLE, detailOf(c));
            case SocketTimeoutException c -> of(Kind.UNREACHABLE, detailOf(c));
            case ConnectionClosedException c -> of(Kind.CONNECTION_LOST, detailOf(c));
            case NotLoggedInException notIn -> of(Kind.NOT_LOGGED_IN, detailOf(notIn));
            default -> of(Kind.UNEXPECTED, detailOf(cause));
        };
    }

    private static ClientProblem refused(ChatException chat) {
        List<Object> arguments = chat.code() == ErrorCode.RATE_LIMITED
                ? List.of(waitSeconds(chat.retryAfter().orElse(Duration.ofSeconds(1))))
                : List.of();
        return new ClientProblem(Kind.REFUSED, Optional.of(chat.code()), arguments, detailOf(chat));
    }

    /** Whole seconds, rounded up and at least one, so "try again in 0 s" is never said. */
    private static long waitSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String detailOf(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * The bundle key stem for this problem, the same in every UI: {@code error.CODE} for a refusal,
     * {@code problem.KIND} otherwise; each UI prefixes its own feature name.
     */
    public String key() {
        return code.map(c -> "error." + c.name()).orElse("problem." + kind.name());
    }
}
