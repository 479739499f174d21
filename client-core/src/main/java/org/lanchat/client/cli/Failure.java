package org.lanchat.client.cli;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.MessageNotSentException;
import org.lanchat.discovery.trust.CertificateMismatchException;

/** Which exit code a failure of the client core means, and the sentence that says so. */
final class Failure {
    private Failure() {
    }

    static CommandFailure classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CommandFailure known) {
            return known;
        }
        String sentence = capitalise(ChatClient.describe(cause));
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CertificateMismatchException mismatch) {
                return CommandFailure.unreachable(capitalise(mismatch.getMessage()));
            }
        }
        return switch (cause) {
            // The appliance is there but cannot serve now: for a script, the same as not there.
            case ChatException chat when switch (chat.code()) {
                case STORE_UNAVAILABLE, SHUTTING_DOWN, BUSY, INTERNAL_ERROR -> true;
                default -> false;
            } -> CommandFailure.unreachable(sentence);
            case ChatException chat -> CommandFailure.refused(sentence);
            case MessageNotSentException notSent -> CommandFailure.refused("Not sent: " + sentence);
            case IOException io -> CommandFailure.silent(sentence);
            case TimeoutException timeout -> CommandFailure.silent(sentence);
            default -> CommandFailure.failed(sentence + " (" + cause.getClass().getName() + ")");
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
        return text == null || text.isEmpty() ? "Failed" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
