package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.time.Duration;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.i18n.Texts;
import org.lanchat.discovery.trust.CertificateMismatchException;

/** Turns failures into sentences for the person at the keyboard. */
final class Failures {
    private Failures() {
    }

    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case AUTH_FAILED -> Texts.text("failure.authFailed");
                case RATE_LIMITED -> Texts.text("failure.rateLimited", wait(chat));
                case ACCOUNT_DISABLED -> Texts.text("failure.accountDisabled");
                case BUSY -> Texts.text("failure.busy");
                case STORE_UNAVAILABLE -> Texts.text("failure.storeUnavailable");
                case SHUTTING_DOWN -> Texts.text("failure.shuttingDown");
                case UNSUPPORTED_VERSION -> Texts.text("failure.unsupportedVersion");
                case USERNAME_TAKEN -> Texts.text("failure.usernameTaken");
                default -> chat.getMessage();
            };
        }
        if (cause instanceof CertificateMismatchException) {
            return cause.getMessage();
        }
        if (cause instanceof IOException) {
            return Texts.text("failure.unreachable", ChatClient.describe(cause));
        }
        return ChatClient.describe(cause);
    }

    static String wait(ChatException chat) {
        Duration after = chat.retryAfter().orElse(Duration.ofSeconds(1));
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        return seconds < 120 ? Texts.text("failure.wait.seconds", seconds) : Texts.text("failure.wait.minutes", (seconds + 59) / 60);
    }
}
