package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login's hand-over of offline messages, and the live messages that race it (PROTOCOL §7.4).
 *
 * <p>The pending messages go out a batch at a time, at the client's pace: the next batch is fetched only once
 * the previous one has gone to the socket. A backlog of thousands of long messages therefore never sits in the
 * connection's queue at once, and what the appliance sends of its own accord is not held against a client that
 * reads slowly (§7.10). A message is forgotten only once it has been written: a connection that ends in the
 * middle leaves the rest pending for the next login.
 *
 * <p>While the hand-over is under way, live chat messages for the connection wait here and follow the pending
 * ones, so the order holds and nothing arrives twice. A message committed just as the user logged in can be both
 * pending and relayed live, and its live copy may come after the hand-over: such copies are dropped. Relaying is
 * in commit order, so once a live message newer than every handed-over one arrives no copy can follow, and the
 * ids are forgotten. Should the held live messages outgrow a quarter of the outbound bound (a slow reader, a long
 * backlog and a busy chat), the hand-over stops there: the held ones go out and the rest stays pending for the
 * next login, as messages beyond {@link OfflineMessages#MAX_AT_LOGIN} do.
 *
 * <p>Everything but fetching and forgetting runs on the connection's I/O thread.
 */
final class OfflineHandOver {
    private static final Logger log = LoggerFactory.getLogger(OfflineHandOver.class);
    /** The most messages fetched for one batch. */
    static final int BATCH_MESSAGES = 200;
    /** The first batch's, before the sizes of the messages are known. */
    private static final int FIRST_BATCH_MESSAGES = 32;
    /** A batch's bytes are at most the outbound bound divided by this (but a batch always holds one message). */
    private static final int BATCH_SHARE = 32;
    /** Live bytes held are at most the outbound bound divided by this before the hand-over stops early. */
    private static final int HELD_SHARE = 4;

    private record Held(long messageId, ByteBuf frame) {
    }

    /** One login's hand-over, and the live messages waiting for it. I/O thread only. */
    private static final class Run {
        final Identity who;
        final List<Held> held = new ArrayList<>();
        long heldBytes;
        /** Messages written, or on their way. */
        int handed;

        Run(Identity who) {
            this.who = who;
        }
    }

    private final OfflineMessages offline;
    private final Connection connection;
    private final RequestRunner runner;
    /** The hand-over under way; null when none is. */
    private Run run;
    /** What this login handed over, to drop the live copies that race it; forgotten once they no longer can. */
    private Ids handedOver = new Ids();

    OfflineHandOver(OfflineMessages offline, Connection connection, RequestRunner runner) {
        this.offline = offline;
        this.connection = connection;
        this.runner = runner;
    }

    /** Starts holding live messages and fetches the first of what waits for the user who just logged in. */
    void begin(Identity who) {
        Run started = new Run(who);
        run = started;
        handedOver = new Ids();
        next(started, List.of(), FIRST_BATCH_MESSAGES);
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
        Run current = run;
        if (current != null) {
            if (handedOver.contains(messageId)) {
                frame.release();
                return false;
            }
            current.held.add(new Held(messageId, frame));
            current.heldBytes += frame.readableBytes();
            if (current.heldBytes > connection.maxOutboundBytes() / HELD_SHARE) {
                log.info("Connection {}: {} bytes of live messages wait behind the offline hand-over to {}; it stops after {}"
                        + " messages, the rest stay pending", connection.id(), current.heldBytes, current.who.username(),
                        current.handed);
                finish(current);
            }
            return false;
        }
        if (!handedOver.isEmpty()) {
            long max = handedOver.max();
            if (messageId <= max && handedOver.contains(messageId)) {
                frame.release();
                return false;
            }
            if (messageId > max) {
                handedOver = new Ids();
            }
        }
        return true;
    }

    /**
     * The user logged out or the connection closed: what is held is dropped (it is in history), and what was not
     * written stays pending.
     */
    void end() {
        if (run != null) {
            run.held.forEach(h -> h.frame().release());
            run = null;
        }
        handedOver = new Ids();
    }

    /** On a worker: forgets what {@code of} has written, then fetches up to {@code limit} more for the I/O thread. */
    private void next(Run of, List<Long> written, int limit) {
        long userId = of.who.userId();
        long budget = Math.max(1, connection.maxOutboundBytes() / BATCH_SHARE);
        runner.background(() -> {
            OfflineMessages.Batch batch = OfflineMessages.Batch.EMPTY;
            try {
                if (!written.isEmpty()) {
                    offline.delivered(userId, written);
                }
                batch = offline.fetch(userId, limit, budget);
            } catch (StoreUnavailableException e) {
                // The database's health logs the fault once per change, not once per connection.
                log.debug("Connection {}: could not forget what was handed over to {}; the rest stay pending: {}",
                        connection.id(), of.who.username(), e.getMessage());
            } catch (RuntimeException e) {
                // Whatever went wrong, the held live messages must flow: a hand-over that never finishes would
                // silence the connection for good. What is not forgotten stays pending for the next login (and
                // is not fetched again now: were the database refusing writes, it would be sent again and again).
                log.warn("Connection {}: could not go on with the messages waiting for {}; the rest stay pending: {}",
                        connection.id(), of.who.username(), e.toString());
            }
            OfflineMessages.Batch fetched = batch;
            connection.lane().execute(() -> handOver(of, fetched));
        });
    }

    /** Writes a fetched batch and, once it has gone to the socket, asks for the next; ends on an empty one. */
    private void handOver(Run of, OfflineMessages.Batch batch) {
        if (run != of) {
            return; // logged out or closed meanwhile: the batch stays pending
        }
        List<Long> ids = new ArrayList<>(batch.ids().size());
        List<ChannelFuture> writes = new ArrayList<>(batch.ids().size());
        for (int i = 0; i < batch.ids().size(); i++) {
            long id = batch.ids().get(i);
            // Only a store that did not forget what was written gives a message twice; sending it again and
            // again would not end.
            if (!handedOver.contains(id)) {
                ids.add(id);
                writes.add(connection.writePaced(Unpooled.wrappedBuffer(batch.frames().get(i))));
            }
        }
        if (ids.isEmpty()) {
            finish(of);
            return;
        }
        ids.forEach(handedOver::add);
        handedOver.sort();
        connection.flush();
        of.handed += ids.size();
        int limit = Math.min(nextLimit(batch), OfflineMessages.MAX_AT_LOGIN - of.handed);
        boolean last = !batch.more() || limit <= 0;
        if (last) {
            finish(of); // the held live messages follow the last batch at once
        }
        whenWritten(ids, writes, written -> {
            if (!last && run == of && written.size() == ids.size()) {
                next(of, written, limit);
            } else if (!written.isEmpty()) {
                runner.background(() -> offline.delivered(of.who.userId(), written));
            }
        });
    }

    /** Ends the hand-over: the held live messages go out, but for copies of what was handed over. */
    private void finish(Run of) {
        run = null;
        for (Held h : of.held) {
            if (handedOver.contains(h.messageId())) {
                h.frame().release();
            } else {
                connection.write(h.frame());
            }
        }
        of.held.clear();
        connection.flush();
        if (of.handed > 0) {
            log.info("Connection {}: handed over {} messages that arrived while {} was offline", connection.id(),
                    of.handed, of.who.username());
        }
        connection.cutOffIfNotReading("(" + of.who.username() + ") "); // the held ones count from now on
    }

    /**
     * How many messages the next batch asks for: about as many as fit the budget at this batch's sizes, so that
     * few rows are read only to be left for the batch after.
     */
    private int nextLimit(OfflineMessages.Batch batch) {
        long average = Math.max(1, batch.bytes() / batch.ids().size());
        long budget = Math.max(1, connection.maxOutboundBytes() / BATCH_SHARE);
        return Math.clamp(budget / average, 1, BATCH_MESSAGES);
    }

    /** Calls {@code then} on the I/O thread once every write is done, with the ids of those that went out. */
    private static void whenWritten(List<Long> ids, List<ChannelFuture> writes, Consumer<List<Long>> then) {
        boolean[] out = new boolean[writes.size()];
        int[] left = {writes.size()};
        for (int i = 0; i < writes.size(); i++) {
            int k = i;
            writes.get(i).addListener(done -> {
                out[k] = done.isSuccess();
                if (--left[0] == 0) {
                    List<Long> written = new ArrayList<>(ids.size());
                    for (int j = 0; j < out.length; j++) {
                        if (out[j]) {
                            written.add(ids.get(j));
                        }
                    }
                    then.accept(List.copyOf(written));
                }
            });
        }
    }

    /** Message ids, looked up by binary search once sorted: a login's 10,000 take 80 KB rather than a set's 600. */
    private static final class Ids {
        private long[] ids = new long[0];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, Math.max(16, size * 2));
            }
            ids[size++] = id;
        }

        /** Sorts what was added since; batches come oldest first, so this is usually a pass over sorted ids. */
        void sort() {
            Arrays.sort(ids, 0, size);
        }

        boolean contains(long id) {
            return Arrays.binarySearch(ids, 0, size, id) >= 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long max() {
            return ids[size - 1];
        }
    }
}
