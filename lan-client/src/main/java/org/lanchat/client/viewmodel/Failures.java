package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.time.Duration;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
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
                case AUTH_FAILED -> "Wrong username or password.";
                case RATE_LIMITED -> "Too many failed attempts. Try again in " + wait(chat) + ".";
                case ACCOUNT_DISABLED -> "This account is disabled. Ask the administrator.";
                case BUSY -> "The appliance is busy. Try again in a moment.";
                case STORE_UNAVAILABLE -> "The appliance cannot reach its database. Try again in a moment.";
                case SHUTTING_DOWN -> "The appliance is restarting. Try again in a moment.";
                case UNSUPPORTED_VERSION -> "This client and the appliance speak different protocol versions: update the client.";
                case USERNAME_TAKEN -> "That username is taken.";
                default -> chat.getMessage();
            };
        }
        if (cause instanceof CertificateMismatchException) {
            return cause.getMessage();
        }
        if (cause instanceof IOException) {
            return "The appliance cannot be reached: " + ChatClient.describe(cause);
        }
        return ChatClient.describe(cause);
    }

    private static String wait(ChatException chat) {
        Duration after = chat.retryAfter().orElse(Duration.ofSeconds(1));
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        return seconds < 120 ? seconds + " s" : (seconds + 59) / 60 + " min";
    }
}
