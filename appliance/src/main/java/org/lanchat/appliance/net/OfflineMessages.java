package org.lanchat.appliance.net;

import java.util.ArrayList;
import java.util.List;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.PendingDeliveries;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.message.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private messages kept for users while they were offline (PROTOCOL §7.4), read and encoded a few at a time
 * for the user who just logged in, and forgotten once written to their connection. Shared by every connection;
 * blocking.
 */
public final class OfflineMessages {
    private static final Logger log = LoggerFactory.getLogger(OfflineMessages.class);
    /** Messages handed over at one login; more stay pending and are fetched by history catch-up. */
    static final int MAX_AT_LOGIN = 10_000;

    /**
     * Messages ready to write, oldest first: their ids and their frames.
     *
     * @param more whether more may be pending: the batch is as long as was asked for, or was cut at its byte budget
     */
    record Batch(List<Long> ids, List<byte[]> frames, boolean more) {
        static final Batch EMPTY = new Batch(List.of(), List.of(), false);

        long bytes() {
            return frames.stream().mapToLong(f -> f.length).sum();
        }
    }

    private final PendingDeliveries store;
    private final MessageViews views;
    private final MessageCodec codec;

    public OfflineMessages(PendingDeliveries store, MessageViews views, MessageCodec codec) {
        this.store = store;
        this.views = views;
        this.codec = codec;
    }

    /**
     * The oldest messages waiting for the user, as they see them: at most {@code limit}, and no more than fit
     * {@code byteBudget} (but always one, however long). Empty, and still pending, when the database is unreachable.
     */
    Batch fetch(long userId, int limit, long byteBudget) {
        List<StoredMessage> pending;
        try {
            pending = store.pendingFor(userId, limit);
        } catch (StoreUnavailableException e) {
            log.debug("Could not fetch offline messages of user {} ({}); they stay pending", userId, e.getMessage());
            return Batch.EMPTY;
        }
        List<Long> ids = new ArrayList<>(pending.size());
        List<byte[]> frames = new ArrayList<>(pending.size());
        long bytes = 0;
        for (StoredMessage m : pending) {
            byte[] frame = codec.encodeFrame(views.view(m, userId));
            if (!frames.isEmpty() && bytes + frame.length > byteBudget) {
                return new Batch(List.copyOf(ids), List.copyOf(frames), true); // the rest stay pending for the next batch
            }
            ids.add(m.id());
            frames.add(frame);
            bytes += frame.length;
        }
        return new Batch(List.copyOf(ids), List.copyOf(frames), pending.size() >= limit);
    }

    /** Forgets messages that were written to the user's connection. */
    void delivered(long userId, List<Long> ids) {
        store.deletePending(userId, ids);
    }
}
