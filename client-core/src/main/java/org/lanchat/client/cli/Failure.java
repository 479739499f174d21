package org.lanchat.client.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.MessageNotSentException;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which exit code a failure of the client core means, and the sentence that says so, in the user's language: the
 * core reports a {@link ClientProblem}, and each kind and each appliance error code has a sentence of its own here.
 * The appliance's English explanation is a developer detail ({@code LANCHAT_DEBUG} prints it), except where the
 * code's sentence cannot say what was wrong ({@link #UNEXPLAINED}): there it follows the sentence, since the
 * appliance writes those messages for people (PROTOCOL.md §6.12).
 */
final class Failure {
    private static final Logger log = LoggerFactory.getLogger(Failure.class);
    /**
     * Codes whose sentence says only that something was wrong ("A request had an invalid field."): the appliance's
     * message is the only place that says what ("message 26 is a sticker; a sticker can be deleted but not edited").
     */
    static final Set<ErrorCode> UNEXPLAINED = EnumSet.of(ErrorCode.INVALID_FIELD, ErrorCode.MISSING_FIELD,
            ErrorCode.WRONG_TYPE, ErrorCode.INVALID_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_IMAGE,
            ErrorCode.IMAGE_TOO_LARGE, ErrorCode.QUOTA_EXCEEDED);

    private Failure() {
    }

    static CommandFailure classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CommandFailure known) {
            return known;
        }
        if (cause instanceof ProtocolException invalid) {
            // A request this client would not even send (a record's own shape check): the command line let through
            // a value it should have checked itself; the check's words say which field, never a class name.
            return CommandFailure.usage(Texts.text("failure.requestInvalid", invalid.getMessage()));
        }
        ClientProblem problem = ClientProblem.of(cause);
        String sentence = explained(problem);
        if (cause instanceof MessageNotSentException) {
            return CommandFailure.refused(Texts.text("failure.notSent", afterColon(sentence)));
        }
        return switch (problem.kind()) {
            case CERTIFICATE_CHANGED -> CommandFailure.unreachable(sentence);
            // The appliance is there but cannot serve now: for a script, the same as not there.
            case REFUSED -> switch (problem.code().orElseThrow()) {
                case STORE_UNAVAILABLE, SHUTTING_DOWN, BUSY -> CommandFailure.unavailable(sentence);
                case INTERNAL_ERROR -> CommandFailure.unreachable(sentence);
                default -> CommandFailure.refused(sentence);
            };
            case NO_ANSWER, UNREACHABLE, UNKNOWN_HOST -> CommandFailure.silent(sentence);
            case EMPTY_MESSAGE, TEXT_TOO_LONG, NO_SUCH_MESSAGE, NOT_ONE_EMOJI, NOT_LOGGED_IN, ADDRESS_MISSING, BAD_ADDRESS ->
                    CommandFailure.usage(sentence);
            case LOGGED_OUT, ANOTHER_USER_LOGGED_IN -> CommandFailure.refused(sentence);
            case CONNECTION_LOST, UNEXPECTED -> {
                if (problem.kind() == ClientProblem.Kind.UNEXPECTED) {
                    // Its sentence says the log has the details, and the command's failure carries none of them.
                    log.warn("Unexpected failure: {}", problem.detail(), cause);
                }
                yield switch (cause) {
                    case IOException io -> CommandFailure.silent(sentence);
                    default -> CommandFailure.failed(Texts.text("failure.unexpected", capitalise(problem.detail()),
                            cause.getClass().getName()));
                };
            }
        };
    }

    /**
     * What went wrong, for people, from this bundle ({@code coreTexts.error.CODE}, {@code coreTexts.problem.KIND}):
     * the appliance's and the operating system's English stay out of the sentence.
     */
    static String sentence(ClientProblem problem) {
        return Texts.text("coreTexts." + problem.key(), problem.arguments().toArray());
    }

    /** {@link #sentence(ClientProblem)}, and for a code it cannot explain, the appliance's own account after it. */
    static String explained(ClientProblem problem) {
        String sentence = sentence(problem);
        boolean unexplained = problem.code().map(UNEXPLAINED::contains).orElse(false);
        String reason = problem.detail().strip();
        return unexplained && !reason.isEmpty() ? Texts.text("failure.applianceSays", sentence, reason) : sentence;
    }

    /** Why the administrator's trust file, or a line of it, was not believed ({@code coreTexts.trustFile.KIND}). */
    static String sentence(TrustFileWarning warning) {
        String key = "coreTexts.trustFile." + warning.kind().name();
        return Texts.text(key, warning.arguments().toArray());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A sentence to follow a colon ("Not sent: no such user."): its first letter in lower case, unless the first word
     * is an acronym or a name written in capitals (TLS, SHA-256).
     */
    static String afterColon(String sentence) {
        if (sentence.length() < 2 || !Character.isUpperCase(sentence.charAt(0)) || !Character.isLowerCase(sentence.charAt(1))) {
            return sentence;
        }
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    static String capitalise(String text) {
        return text == null || text.isEmpty() ? Texts.text("failure.unknown")
                : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
