package org.lanchat.client.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.MessageNotSentException;
import org.lanchat.discovery.trust.CertificateMismatchException;

/**
 * Which exit code a failure of the client core means, and the sentence that says so, in the user's language: the
 * appliance's error codes each have a sentence of their own ({@code error.CODE}, given the appliance's English
 * explanation as {0}), so the appliance's own words are only shown where they add detail.
 */
final class Failure {
    private Failure() {
    }

    static CommandFailure classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CommandFailure known) {
            return known;
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CertificateMismatchException mismatch) {
                return CommandFailure.unreachable(Texts.text("failure.certificateChanged", mismatch.getMessage()));
            }
        }
        String sentence = sentence(cause);
        return switch (cause) {
            // The appliance is there but cannot serve now: for a script, the same as not there.
            case ChatException chat when switch (chat.code()) {
                case STORE_UNAVAILABLE, SHUTTING_DOWN, BUSY, INTERNAL_ERROR -> true;
                default -> false;
            } -> CommandFailure.unreachable(sentence);
            case ChatException chat -> CommandFailure.refused(sentence);
            case MessageNotSentException notSent -> CommandFailure.refused(Texts.text("failure.notSent", sentence));
            case IOException io -> CommandFailure.silent(sentence);
            case TimeoutException timeout -> CommandFailure.silent(sentence);
            default -> CommandFailure.failed(Texts.text("failure.unexpected", sentence, cause.getClass().getName()));
        };
    }

    /** What went wrong, for people. */
    private static String sentence(Throwable cause) {
        return switch (cause) {
            case ChatException chat -> Texts.text("error." + chat.code().name(), chat.getMessage(),
                    chat.retryAfter().map(Duration::toSeconds).map(String::valueOf).orElse("?"));
            case TimeoutException timeout -> Texts.text("failure.timeout");
            case ConnectException c -> Texts.text("failure.unreachable", c.getMessage());
            case NoRouteToHostException c -> Texts.text("failure.unreachable", c.getMessage());
            case UnknownHostException c -> Texts.text("failure.unreachable", c.getMessage());
            case SocketTimeoutException c -> Texts.text("failure.unreachable", c.getMessage());
            default -> capitalise(ChatClient.describe(cause));
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String capitalise(String text) {
        return text == null || text.isEmpty() ? Texts.text("failure.unknown")
                : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
