package org.lanchat.appliance.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Relation;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.FileMessage;
import org.lanchat.protocol.message.MessageCodec;

/** The numbers docs/PROTOCOL.md §5.6 and §6.1 give clients, held against the codec that writes the frames. */
class DeliveryBudgetTest {
    private static DeliveryBudget budget(int maxFrameBytes) {
        return new DeliveryBudget(new MessageCodec(new FrameLimits(maxFrameBytes)));
    }

    @Test
    void theWorstCasePageWithoutTextOrClientMsgIdIsTheSpecs758Bytes() {
        assertThat(budget(FrameLimits.DEFAULT_MAX_FRAME_BYTES).envelopeBytes()).isEqualTo(758);
    }

    @Test
    void maxTextCharsIs4000ForOrdinaryFramesAndTheSpecsFormulaForSmallOnes() {
        assertThat(budget(FrameLimits.DEFAULT_MAX_FRAME_BYTES).maxTextChars()).isEqualTo(4000);
        assertThat(budget(1024).maxTextChars()).isEqualTo((1024 - 794) / 12).isEqualTo(19);
        assertThat(budget(20_000).maxTextChars()).isEqualTo((20_000 - 794) / 12);
        assertThat(budget(48_794).maxTextChars()).isEqualTo(4000);
    }

    /** The byte count a client computes from §5.6 is exactly what the appliance writes, for random texts. */
    @Test
    void theSpecsByteRuleMatchesTheEncodingExactly() {
        MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
        String name = "x".repeat(32);
        String worstId = "\uD83D\uDE00".repeat(32);
        int[] alphabet = {'a', '"', '\\', '\t', '\n', '\r', 0xE9, 0x4E2D, 0x1F600, 0xFFFD, 0x2028, '/', '<'};
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(50); i > 0; i--) {
                text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String clientMsgId = "c-" + round;
            ChatMessage m = new ChatMessage(Long.MAX_VALUE, Conversation.with(name), Long.MAX_VALUE, name, clientMsgId,
                    text.toString(), null, Long.MAX_VALUE);
            int actual = codec.encodeBody(new HistoryPage(worstId, Conversation.with(name), List.of(m), false, Long.MAX_VALUE)).length;
            assertThat(actual).as("text %s", text).isEqualTo(758 + specBytes(clientMsgId) + specBytes(text.toString()));
        }
    }

    /**
     * §5.6: with frames under 1032 bytes no message with a file fits even with a one-letter name and clientMsgId, and
     * the refusal says so instead of asking for a shorter text; at 1032 it fits.
     */
    @Test
    void filesNeedFramesOfAtLeast1032Bytes() {
        assertThat(budget(1032).carriesFiles()).isTrue();
        budget(1032).requireDeliverable("k", "f", null, null, true);
        assertThat(budget(1031).carriesFiles()).isFalse();
        assertThatThrownBy(() -> budget(1031).requireDeliverable("k", "f", null, null, true))
                .hasMessageContaining("files need frames of at least 1032 bytes");
        budget(1031).requireDeliverable("k", "f", null, null, false);
    }

    /** §5.6: a message with a file takes 272 bytes more at most, and a file's name that does not fit is refused. */
    @Test
    void aFilesMessageAllowsForItsLargestAttachmentMember() {
        MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
        String name = "x".repeat(32);
        String worstId = "\uD83D\uDE00".repeat(32);
        ChatMessage m = new ChatMessage(Long.MAX_VALUE, Conversation.with(name), Long.MAX_VALUE, name, "c", "a.pdf",
                null, Long.MAX_VALUE, null, null, null, null, null, null,
                new FileMessage.Attachment("f".repeat(64), Long.MAX_VALUE, "x".repeat(100), Integer.MAX_VALUE,
                        Integer.MAX_VALUE));
        assertThat(codec.encodeBody(new HistoryPage(worstId, Conversation.with(name), List.of(m), false, Long.MAX_VALUE)))
                .hasSize(758 + 1 + 5 + 272);

        DeliveryBudget small = budget(1024);
        String fits = "x".repeat(1024 - 758 - 36);
        small.requireDeliverable("c".repeat(36), fits, null, null, false);
        assertThatThrownBy(() -> small.requireDeliverable("c".repeat(36), fits, null, null, true))
                .isInstanceOfSatisfying(org.lanchat.appliance.core.Refused.class,
                        e -> assertThat(e.code()).isEqualTo(org.lanchat.protocol.ErrorCode.TEXT_TOO_LONG));
    }

    /**
     * §5.22's formulas, at 1024-byte frames: each entry whose bytes come to exactly 1024 by the formula is taken, and
     * one byte more (one more letter in its clientMsgId or text) is refused.
     */
    @Test
    void repliesAndChangesFitExactlyAsTheSpecsFormulasSay() {
        DeliveryBudget small = budget(1024);
        String thumbsUp = "\uD83D\uDC4D"; // 12 bytes as the appliance writes it
        String emojiIds = "\uD83D\uDE00".repeat(16); // 192 bytes
        record Case(Relation.Kind kind, String clientMsgId, String text, int formula) {
        }
        for (Case c : List.of(
                new Case(Relation.Kind.REPLY, "c".repeat(36), "x".repeat(200), 758 + 30 + 36 + 200),
                new Case(Relation.Kind.EDIT, "c".repeat(36), "x".repeat(202), 758 + 28 + 36 + 202),
                new Case(Relation.Kind.DELETE, "\uD83D\uDE00".repeat(18) + "ccccc", null, 758 + 45 + 221),
                new Case(Relation.Kind.REACT, emojiIds + "ccccc", thumbsUp, 758 + 45 + 197 + 2 * 12),
                new Case(Relation.Kind.UNREACT, "\uD83D\uDE00".repeat(13) + "c".repeat(10), thumbsUp,
                        758 + 76 + 166 + 2 * 12))) {
            assertThat(c.formula()).as("the case is built to land on the frame").isEqualTo(1024);
            Relation relation = new Relation(c.kind(), 5);
            small.requireDeliverable(c.clientMsgId(), c.text(), null, relation);
            ErrorCode expected = c.kind() == Relation.Kind.REPLY || c.kind() == Relation.Kind.EDIT
                    ? ErrorCode.TEXT_TOO_LONG : ErrorCode.INVALID_FIELD; // only the user's own text can be shortened
            assertThatThrownBy(() -> small.requireDeliverable(c.clientMsgId() + "c", c.text(), null, relation))
                    .as("%s one byte over", c.kind()).isInstanceOf(org.lanchat.appliance.core.Refused.class)
                    .extracting("code").isEqualTo(expected);
        }
    }

    /** §5.6: {@code "sticker":} is 3 bytes longer than {@code "text":}, so a sticker message's formula starts at 761. */
    @Test
    void aStickerMessageFitsAsTheSpecsFormulaSays() {
        DeliveryBudget small = budget(1024);
        String party = "party";
        String fits = "c".repeat(1024 - 761 - party.length());
        small.requireDeliverable(fits, null, party);
        assertThatThrownBy(() -> small.requireDeliverable(fits + "c", null, party))
                .isInstanceOf(org.lanchat.appliance.core.Refused.class).extracting("code").isEqualTo(ErrorCode.INVALID_FIELD);
        String replyFits = "c".repeat(1024 - 761 - 30 - party.length());
        Relation reply = new Relation(Relation.Kind.REPLY, 5);
        small.requireDeliverable(replyFits, null, party, reply);
        assertThatThrownBy(() -> small.requireDeliverable(replyFits + "c", null, party, reply))
                .isInstanceOf(org.lanchat.appliance.core.Refused.class).extracting("code").isEqualTo(ErrorCode.INVALID_FIELD);
    }

    /** B(s) as §5.6 defines it. */
    private static int specBytes(String s) {
        return s.codePoints().map(c -> switch (c) {
            case '"', '\\', '\t', '\n', '\r' -> 2;
            default -> c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 12;
        }).sum();
    }
}
