package org.lanchat.appliance.chat;

import java.util.List;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Usernames;

/**
 * Whether a message, once acknowledged, can always be delivered: the largest frame that will ever carry
 * it is a {@code history_page} holding it alone, and that frame must fit {@code maxFrameBytes}. The
 * client's frame held the message in fewer bytes than the appliance's encoding does (more members,
 * escapes, emoji written as escaped surrogate pairs), so a send that fitted the client's frame could be
 * acknowledged and then be unreadable by anyone; such a send is refused instead.
 *
 * <p>The page is measured in its worst case, whoever reads it: a request id of 64 UTF-16 units that each
 * take 6 bytes, the longest username for the sender and the conversation, 19-digit numbers. Only a small
 * {@code maxFrameBytes} ever comes near it, so the exact encoding runs only when a cheap bound fails.
 */
public final class DeliveryBudget {
    /** The largest {@code attachment} member (§6.5): a 100-character media type and the largest numbers. */
    private static final AttachedFile LARGEST_FILE = new AttachedFile("f".repeat(64), Long.MAX_VALUE, "x".repeat(100),
            Integer.MAX_VALUE, Integer.MAX_VALUE);
    /** An upper bound of that member's bytes, for the cheap check before the exact one. */
    private static final int MAX_ATTACHMENT_BYTES = 300;
    /** The smallest frame a message with a file fits in (§5.6); DeliveryBudgetTest checks it against the real page. */
    public static final int MIN_FRAME_FOR_FILES = 1032;

    /** The text limit when frames are large enough: what people write, well short of any frame. */
    public static final int MAX_TEXT_CHARS = 4000;
    /** The most bytes one UTF-16 unit takes in the appliance's JSON: half of an escaped surrogate pair. */
    static final int MAX_BYTES_PER_UNIT = 6;
    /** What {@link #maxTextChars} promises to fit with: a UUID, the recommended clientMsgId. */
    static final int ASSUMED_CLIENT_MSG_ID_BYTES = 36;
    /** A request id as large as the id rule allows: 32 emoji, 64 units, 384 bytes as JSON. */
    private static final String WORST_REQUEST_ID = "\uD83D\uDE00".repeat(32);
    /**
     * More than a relation adds to an entry's frame besides its own text: the member naming the target (19 digits),
     * a reaction's emoji a second time ({@code "reaction"}, at most 32 units of 6 bytes), {@code "removeReaction":true}
     * and the fallback's own words. Only the cheap bound uses it; the exact page decides.
     */
    static final int MAX_RELATION_BYTES = 512;
    private static final String LONGEST_NAME = "x".repeat(Usernames.MAX_LENGTH);

    private final MessageCodec codec;
    private final int maxFrameBytes;
    /** The worst-case page with an empty text and an empty clientMsgId. */
    private final int envelopeBytes;
    private final int maxTextChars;

    public DeliveryBudget(MessageCodec codec) {
        this.codec = codec;
        this.maxFrameBytes = codec.limits().maxFrameBytes();
        this.envelopeBytes = pageBytes("", "", null);
        int room = maxFrameBytes - envelopeBytes - ASSUMED_CLIENT_MSG_ID_BYTES;
        // A code point takes at most two units: 12 bytes.
        this.maxTextChars = Math.min(MAX_TEXT_CHARS, Math.max(0, room / (2 * MAX_BYTES_PER_UNIT)));
    }

    /**
     * The {@code maxTextChars} announced in {@code welcome}: any text of this many code points fits, sent
     * with a clientMsgId of up to 36 ASCII characters. 4000 unless {@code maxFrameBytes} is small.
     */
    public int maxTextChars() {
        return maxTextChars;
    }

    /** The bytes of the worst-case page other than the text and the clientMsgId (docs/PROTOCOL.md §5.6). */
    public int envelopeBytes() {
        return envelopeBytes;
    }

    /**
     * Whether a message with a file fits these frames at all: with a one-letter name and clientMsgId, it needs
     * {@value #MIN_FRAME_FOR_FILES} bytes (758 + 272 + 1 + 1, docs/PROTOCOL.md §5.6).
     */
    public boolean carriesFiles() {
        return maxFrameBytes >= MIN_FRAME_FOR_FILES;
    }

    /** Refuses a message that could not be delivered in every frame that may carry it. */
    void requireDeliverable(String clientMsgId, String text, String sticker) {
        requireDeliverable(clientMsgId, text, sticker, null);
    }

    /**
     * The same for a reply or a change (§7.19), whose entry carries more members and, for a delete or a reaction,
     * a fallback text of the appliance's: the bound allows for them, and the exact page is the entry's own view.
     */
    void requireDeliverable(String clientMsgId, String text, String sticker, Relation relation) {
        requireDeliverable(clientMsgId, text, sticker, relation, false);
    }

    /**
     * The same for a message that carries a file (§7.24): its {@code attachment} member is allowed for at its largest
     * (a 100-character media type, the largest numbers).
     */
    void requireDeliverable(String clientMsgId, String text, String sticker, Relation relation, boolean withFile) {
        String content = text != null ? text : sticker != null ? sticker : "";
        long bound = envelopeBytes + (relation == null ? 0 : MAX_RELATION_BYTES) + (withFile ? MAX_ATTACHMENT_BYTES : 0)
                + (long) MAX_BYTES_PER_UNIT * (clientMsgId.length() + content.length());
        if (bound <= maxFrameBytes || pageBytes(clientMsgId, text, sticker, relation, withFile) <= maxFrameBytes) {
            return;
        }
        if (withFile && !carriesFiles()) {
            throw new Refused(ErrorCode.TEXT_TOO_LONG, "no message with a file fits this appliance's " + maxFrameBytes
                    + "-byte frames, whatever its name: files need frames of at least " + MIN_FRAME_FOR_FILES + " bytes");
        }
        boolean textOfTheUser = relation == null || relation.kind() == Relation.Kind.REPLY
                || relation.kind() == Relation.Kind.EDIT; // a reaction's text is its emoji; a delete's, ours
        if (text != null && textOfTheUser) {
            throw new Refused(ErrorCode.TEXT_TOO_LONG, "the message is too long to deliver on this appliance: as JSON it"
                    + " would not fit its " + maxFrameBytes + "-byte frames; shorten the text or the clientMsgId");
        }
        throw new Refused(ErrorCode.INVALID_FIELD, "field 'clientMsgId' is too long to deliver on this appliance:"
                + " the message would not fit its " + maxFrameBytes + "-byte frames");
    }

    private int pageBytes(String clientMsgId, String text, String sticker) {
        return pageBytes(clientMsgId, text, sticker, null);
    }

    private int pageBytes(String clientMsgId, String text, String sticker, Relation relation) {
        return pageBytes(clientMsgId, text, sticker, relation, false);
    }

    private int pageBytes(String clientMsgId, String text, String sticker, Relation relation, boolean withFile) {
        Conversation longest = Conversation.with(LONGEST_NAME);
        Relation worst = relation == null ? null : new Relation(relation.kind(), Long.MAX_VALUE);
        ChatMessage message = MessageViews.view(new StoredMessage(Long.MAX_VALUE, ConversationKey.GROUP, Long.MAX_VALUE,
                0, null, clientMsgId, text, sticker, Long.MAX_VALUE, worst, withFile ? LARGEST_FILE : null), longest,
                LONGEST_NAME);
        // hasMore false: one byte longer than true.
        return codec.encodeBody(new HistoryPage(WORST_REQUEST_ID, longest, List.of(message), false, Long.MAX_VALUE)).length;
    }
}
