package org.lanchat.protocol.message;

import java.nio.charset.StandardCharsets;

/**
 * A message a client sent straight to colleagues while the appliance did not answer (docs/PROTOCOL.md
 * §7.14), signed with its sender's peer key. The sender is the user named by the peer credential it travels
 * with; {@code conversation} is named from the sender's side; {@code sentAt} is the sender's clock (epoch
 * milliseconds). Exactly one of {@code text} and {@code sticker} is set.
 */
public record DirectMessage(String clientMsgId, Conversation conversation, String text, String sticker, long sentAt,
        byte[] signature) {
    /** First line of the signed text: names what is signed, so the signature means nothing elsewhere. */
    public static final String PURPOSE = "lanchat-direct-message-1";

    public DirectMessage {
        Fields.id(clientMsgId, "clientMsgId");
        Fields.required(conversation, "conversation");
        Fields.optionalText(text, "text", ClientMessage.MAX_TEXT_CHARS_SHAPE);
        Fields.optionalName(sticker, "sticker", ClientMessage.MAX_STICKER_CODE_CHARS);
        Fields.required(signature, "signature");
    }

    /** The bytes its sender signs (UTF-8; the spec gives them exactly); {@code from} is the credential's name. */
    public static byte[] signedBytes(String from, String clientMsgId, Conversation conversation, String text,
            String sticker, long sentAt) {
        String content = text != null ? "text\n" + text : "sticker\n" + sticker;
        return (PURPOSE + "\n" + from + "\n" + clientMsgId + "\n" + conversation.value() + "\n" + sentAt + "\n" + content)
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedBytes(String from) {
        return signedBytes(from, clientMsgId, conversation, text, sticker, sentAt);
    }
}
