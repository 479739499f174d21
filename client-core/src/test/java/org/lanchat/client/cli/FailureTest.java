package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatException;
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

    /**
     * The newcomer's 'lanchat edit 26 "x"' on a sticker printed only "A request had an invalid field."; the appliance's
     * message, written for people, says what was wrong.
     */
    @Test
    void aRefusalTheSentenceCannotExplainIsFollowedByTheAppliancesReason() {
        CommandFailure sticker = Failure.classify(new CompletionException(new ChatException(ErrorCode.INVALID_FIELD,
                "message 26 is a sticker; a sticker can be deleted but not edited", Optional.empty())));
        assertThat(sticker.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(sticker.getMessage()).isEqualTo("A request had an invalid field. The appliance says: message 26 is a"
                + " sticker; a sticker can be deleted but not edited");

        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(Failure.classify(new ChatException(ErrorCode.INVALID_FIELD,
                "to leave a room you created, use leave_room", Optional.empty())).getMessage())
                .isEqualTo("请求中有无效字段。服务器的说明：to leave a room you created, use leave_room");
        Texts.use(Locale.ENGLISH);

        assertThat(Failure.classify(new ChatException(ErrorCode.AUTH_FAILED, "wrong username or password for dora",
                Optional.empty())).getMessage()).as("a sentence that says it all keeps the appliance's words out")
                .isEqualTo("Wrong username or password.");
    }

    /**
     * A private message to a disabled account is refused unknown_recipient (§5.6), and lanchat used to say only "No
     * such user." to someone looking at the colleague's name in the roster.
     */
    @Test
    void unknownRecipientSaysTheAccountMayBeDisabledNotOnlyThatItIsMissing() {
        ChatException disabled = new ChatException(ErrorCode.UNKNOWN_RECIPIENT,
                "the account 'dora' is disabled; private messages to it cannot be sent", Optional.empty());
        assertThat(Failure.classify(disabled).getMessage()).isEqualTo("No such user, or their account is disabled.");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(Failure.classify(disabled).getMessage()).isEqualTo("没有这个用户，或其账户已被停用。");
    }

    /** What listen waits out: an appliance restarting or waiting for its database, not one that refused the user. */
    @Test
    void anApplianceThatCannotServeYetIsWorthWaitingForAndARefusalIsNot() {
        for (ErrorCode notYet : new ErrorCode[] {ErrorCode.STORE_UNAVAILABLE, ErrorCode.SHUTTING_DOWN, ErrorCode.BUSY}) {
            CommandFailure failure = Failure.classify(new ChatException(notYet, "not now", Optional.empty()));
            assertThat(failure.exitCode()).as(notYet.name()).isEqualTo(Exit.UNREACHABLE);
            assertThat(failure.waitingHelps()).as(notYet.name()).isTrue();
            assertThat(failure.applianceSilent()).as(notYet.name() + ": it answered, so nothing goes directly").isFalse();
        }
        assertThat(Failure.classify(new ChatException(ErrorCode.AUTH_FAILED, "wrong", Optional.empty())).waitingHelps())
                .isFalse();
        assertThat(Failure.classify(new ChatException(ErrorCode.INTERNAL_ERROR, "bug", Optional.empty())).waitingHelps())
                .isFalse();
    }
}
