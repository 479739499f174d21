package org.lanchat.client.viewmodel;

import java.time.Duration;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into sentences for the person at the keyboard: the core says what happened as a
 * {@link ClientProblem}, and each kind and each appliance error code has a sentence in the bundle
 * ({@code coreTexts.error.CODE}, {@code coreTexts.problem.KIND}). The English of the appliance and of the operating
 * system is a developer's detail: it goes to the log, never into the sentence.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

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
        ClientProblem problem = ClientProblem.of(failure);
        if (problem.kind() == ClientProblem.Kind.UNEXPECTED) {
            // The sentence promises the log has the details.
            log.warn("Unexpected failure shown to the user", failure);
        } else {
            log.debug("Shown as {}: {}", problem.key(), problem.detail());
        }
        return sentence(problem);
    }

    static String sentence(ClientProblem problem) {
        String key = "coreTexts." + problem.key();
        if (problem.code().filter(ErrorCode.RATE_LIMITED::equals).isPresent()) {
            return Texts.text(key, waitText((Long) problem.arguments().getFirst()));
        }
        return Texts.text(key, problem.arguments().toArray());
    }

    /** How long a refusal asks to wait ({@code retryAfterMs}, at least a second), in words. */
    static String wait(ChatException chat) {
        Duration after = chat.retryAfter().orElse(Duration.ofSeconds(1));
        return waitText(Math.max(1, (after.toMillis() + 999) / 1000));
    }

    /** "45 s" up to two minutes, then whole minutes: nobody counts 300 seconds. */
    private static String waitText(long seconds) {
        return seconds < 120 ? Texts.text("failure.wait.seconds", seconds) : Texts.text("failure.wait.minutes", (seconds + 59) / 60);
    }
}
