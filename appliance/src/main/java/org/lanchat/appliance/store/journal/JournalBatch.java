package org.lanchat.appliance.store.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;

/**
 * One record of the journal: a committed batch, its new messages in id order and, for those whose recipient had no
 * session, who is owed them (message id to user id), exactly what the writer would have inserted in one transaction.
 *
 * <p>Encoded by hand with {@link DataOutputStream} rather than as JSON: the record is internal, written once per batch
 * on the commit path and read only when replaying, and a fixed binary layout needs no schema or mapper configuration.
 * Strings are UTF-8 with an int length ({@code writeUTF} stops at 64 KiB).
 */
record JournalBatch(List<StoredMessage> messages, Map<Long, Long> pending) {
    private static final int NO_RELATION = -1;

    JournalBatch {
        messages = List.copyOf(messages);
        pending = Map.copyOf(pending);
    }

    long firstId() {
        return messages.getFirst().id();
    }

    long lastId() {
        return messages.getLast().id();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + messages.size() * 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(messages.size());
            for (StoredMessage m : messages) {
                out.writeLong(m.id());
                writeString(out, m.conversation().value());
                out.writeLong(m.seq());
                out.writeLong(m.senderId());
                writeNullableLong(out, m.recipientId());
                writeString(out, m.clientMsgId());
                writeString(out, m.text());
                writeString(out, m.sticker());
                out.writeLong(m.sentAt());
                out.writeInt(m.relation() == null ? NO_RELATION : m.relation().kind().ordinal());
                out.writeLong(m.relation() == null ? 0 : m.relation().targetSeq());
                writeString(out, m.attachment() == null ? null : m.attachment().stored());
            }
            out.writeInt(pending.size());
            for (Map.Entry<Long, Long> e : pending.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote; the caller has checked the record's checksum. */
    static JournalBatch decode(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<StoredMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            ConversationKey conversation = new ConversationKey(readString(in));
            long seq = in.readLong();
            long senderId = in.readLong();
            Long recipientId = readNullableLong(in);
            String clientMsgId = readString(in);
            String text = readString(in);
            String sticker = readString(in);
            long sentAt = in.readLong();
            int kind = in.readInt();
            long targetSeq = in.readLong();
            Relation relation = kind == NO_RELATION ? null : new Relation(Relation.Kind.values()[kind], targetSeq);
            AttachedFile attachment = AttachedFile.parse(readString(in));
            messages.add(new StoredMessage(id, conversation, seq, senderId, recipientId, clientMsgId, text, sticker,
                    sentAt, relation, attachment));
        }
        int pendingCount = in.readInt();
        Map<Long, Long> pending = new HashMap<>(pendingCount * 2);
        for (int i = 0; i < pendingCount; i++) {
            pending.put(in.readLong(), in.readLong());
        }
        return new JournalBatch(messages, pending);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void writeNullableLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        out.writeLong(value == null ? 0 : value);
    }

    private static Long readNullableLong(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        long value = in.readLong();
        return present ? value : null;
    }
}
