package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login's hand-over of offline messages, and the live messages that race it (PROTOCOL §7.4). While the
 * pending messages are fetched, live chat messages for the connection wait here; the pending ones are
 * written first, then the held ones, so the order holds and nothing arrives twice. A message committed
 * just as the user logged in can be both pending and relayed live, and its live copy may come after the
 * hand-over: such copies are dropped. Relaying is in commit order, so once a live message newer than
 * every handed-over one arrives no copy can follow, and the ids are forgotten.
 *
 * <p>Everything but the fetch runs on the connection's I/O thread.
 */
final class OfflineHandOver {
    private static final Logger log = LoggerFactory.getLogger(OfflineHandOver.class);

    private record Held(long messageId, ByteBuf frame) {
    }

    private final OfflineMessages offline;
    private final Connection connection;
    private final RequestRunner runner;
    /** Live messages waiting for the hand-over; null when none is under way. */
    private List<Held> held;
    private Set<Long> handedOver = Set.of();
    private long handedOverMax = -1;

    OfflineHandOver(OfflineMessages offline, Connection connection, RequestRunner runner) {
        this.offline = offline;
        this.connection = connection;
        this.runner = runner;
    }

    /** Starts holding live messages and fetches what waits for the user who just logged in. */
    void begin(Identity who) {
        List<Held> waiting = new ArrayList<>();
        held = waiting;
        runner.background(() -> {
            OfflineMessages.Batch batch = OfflineMessages.Batch.EMPTY;
            try {
                batch = offline.fetch(who.userId());
            } catch (RuntimeException e) {
                // Whatever went wrong, the held live messages must flow: a hand-over that never finishes
                // would silence the connection for good. What waits stays pending for the next login.
                log.warn("Connection {}: could not fetch the messages waiting for {}; they stay pending: {}",
                        connection.id(), who.username(), e.toString());
            }
            OfflineMessages.Batch fetched = batch;
            connection.lane().execute(() -> {
                if (held != waiting) {
                    return; // logged out or closed meanwhile: they stay pending
                }
                finish(fetched, who);
                if (!fetched.ids().isEmpty()) {
                    runner.background(() -> offline.delivered(who.userId(), fetched.ids()));
                }
            });
        });
    }

    /**
     * Whether a live frame should be written now. When not, it was kept for after the hand-over or
     * dropped (and released) as a copy of a message already handed over.
     *
     * @param messageId the chat message the frame carries, or -1 for other events (never held)
     */
    boolean admit(long messageId, ByteBuf frame) {
        if (messageId < 0) {
            return true;
        }
        if (held != null) {
            held.add(new Held(messageId, frame));
            return false;
        }
        if (handedOverMax >= 0) {
            if (messageId <= handedOverMax && handedOver.contains(messageId)) {
                frame.release();
                return false;
            }
            if (messageId > handedOverMax) {
                handedOver = Set.of();
                handedOverMax = -1;
            }
        }
        return true;
    }

    /** The user logged out or the connection closed: what is held is dropped (it is in history). */
    void end() {
        if (held != null) {
            held.forEach(h -> h.frame().release());
            held = null;
        }
        handedOver = Set.of();
        handedOverMax = -1;
    }

    private void finish(OfflineMessages.Batch batch, Identity who) {
        Set<Long> written = new HashSet<>(batch.ids());
        for (byte[] frame : batch.frames()) {
            connection.write(Unpooled.wrappedBuffer(frame));
        }
        List<Held> live = held;
        held = null;
        if (!written.isEmpty()) {
            handedOver = written;
            handedOverMax = batch.ids().stream().mapToLong(Long::longValue).max().orElse(-1);
        }
        for (Held h : live) {
            if (written.contains(h.messageId())) {
                h.frame().release();
            } else {
                connection.write(h.frame());
            }
        }
        connection.flush();
        if (!written.isEmpty()) {
            log.info("Connection {}: delivered {} messages that arrived while {} was offline", connection.id(),
                    written.size(), who.username());
        }
    }
}
