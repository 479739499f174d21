package org.lanchat.appliance.cluster;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.lanchat.appliance.core.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands this member's connections every message committed anywhere in the cluster, once each, in id order.
 *
 * <p>Message ids are allocated in the database under one lock, in commit order and without gaps (see
 * {@code MessageJournal.Transaction#lockForCommit}), so id {@code n} being committed means every id below it
 * is committed too, and delivering in id order delivers each conversation in sequence order. Messages arrive
 * here from this member's own commits and from the bus, in any order and possibly not at all; one that
 * arrives ahead of its turn is held, and when the gap before it has not closed within {@link #HOLD_NANOS}, the
 * missing ids are read from the database. {@link #catchUp} does the same for messages the bus never announced.
 *
 * <p>This member's own commits are delivered from its relay, which knows which connection sent each message
 * (that one gets the {@code ack} instead): ids it committed and has not routed yet are {@link #committing}, and
 * the database fill stops short of them.
 *
 * <p>Not thread-safe: one thread calls everything but {@link #committing} and {@link #abandoned}.
 */
final class CommitSequencer {
    private static final Logger log = LoggerFactory.getLogger(CommitSequencer.class);
    /** How long a gap may wait for the bus before the database fills it. */
    static final long HOLD_NANOS = 150_000_000L;
    /** Messages read from the database per query while filling. */
    static final int FILL_PAGE = 500;

    /** Where committed messages are read from: the shared database. */
    interface Source {
        /** The highest id committed so far. */
        long lastCommittedId();

        /** Committed messages with {@code after < id < before}, in id order, at most {@code limit}. */
        List<StoredMessage> committedBetween(long after, long before, int limit);
    }

    /** Where messages go: this member's connections. */
    @FunctionalInterface
    interface Sink {
        void deliver(StoredMessage message, long originLinkId);
    }

    private record Held(StoredMessage message, long originLinkId, long heldSince) {
    }

    private final Source source;
    private final Sink sink;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private final NavigableSet<Long> ownInFlight = new ConcurrentSkipListSet<>();
    private long delivered;
    private long filled;
    /** The database's last id at the previous {@link #catchUp}: what has had a full round to arrive otherwise. */
    private long seenAtLastCatchUp = -1;

    /** @param startAfter the last id committed before this member started: everything after it is live */
    CommitSequencer(Source source, Sink sink, long startAfter) {
        this.source = source;
        this.sink = sink;
        this.delivered = startAfter;
    }

    /** This member is about to commit these ids; any thread. */
    void committing(long firstId, long lastId) {
        for (long id = firstId; id <= lastId; id++) {
            ownInFlight.add(id);
        }
    }

    /** The commit of these ids failed: they will be allocated again; any thread. */
    void abandoned(long firstId, long lastId) {
        for (long id = firstId; id <= lastId; id++) {
            ownInFlight.remove(id);
        }
    }

    /** A committed message, from this member's relay ({@code originLinkId} set) or from the bus (0). */
    void offer(StoredMessage message, long originLinkId, long nowNanos) {
        long id = message.id();
        if (id <= delivered) {
            ownInFlight.remove(id);
            return; // already delivered, from the database or an earlier copy
        }
        if (id == delivered + 1) {
            deliver(message, originLinkId);
            drainHeld();
        } else {
            held.putIfAbsent(id, new Held(message, originLinkId, nowNanos));
        }
    }

    /** Fills a gap that has waited {@link #HOLD_NANOS} for the bus from the database. Call often. */
    void fillOverdueGaps(long nowNanos) {
        if (held.isEmpty()) {
            return;
        }
        Held first = held.firstEntry().getValue();
        if (nowNanos - first.heldSince() >= HOLD_NANOS) {
            fillUpTo(held.firstKey() - 1);
            drainHeld();
        }
    }

    /**
     * Delivers from the database what was committed by the previous call and has still not arrived: the bus lost
     * it (a reconnect, a member that died between commit and publish). Call every second or so, and after the
     * bus reconnects ({@code now = true}: everything committed so far).
     */
    void catchUp(boolean now) {
        long last = source.lastCommittedId();
        long target = now ? last : seenAtLastCatchUp;
        seenAtLastCatchUp = last;
        if (target > delivered) {
            fillUpTo(target);
            drainHeld();
        }
    }

    /** The last id delivered; for status and tests. */
    long delivered() {
        return delivered;
    }

    /** Messages delivered from the database because the bus had not brought them; for status and tests. */
    long filledFromDatabase() {
        return filled;
    }

    int heldCount() {
        return held.size();
    }

    private void fillUpTo(long target) {
        while (delivered < target) {
            Long ownFirst = ownInFlight.ceiling(delivered + 1);
            long stop = ownFirst == null ? target : Math.min(target, ownFirst - 1);
            if (stop <= delivered) {
                return; // our own relay brings the next one, with its origin
            }
            List<StoredMessage> page = source.committedBetween(delivered, stop + 1, FILL_PAGE);
            for (StoredMessage m : page) {
                Held copy = held.remove(m.id());
                deliver(m, copy == null ? 0 : copy.originLinkId());
                filled++;
            }
            if (page.size() < FILL_PAGE) {
                // Ids are gap-free, so this happens only if rows were removed; never wait for them.
                if (delivered < stop) {
                    log.debug("Ids {} to {} are not in the database; skipping them", delivered + 1, stop);
                    delivered = stop;
                }
                return;
            }
        }
    }

    private void drainHeld() {
        while (!held.isEmpty() && held.firstKey() <= delivered + 1) {
            Map.Entry<Long, Held> next = held.pollFirstEntry();
            if (next.getKey() == delivered + 1) {
                deliver(next.getValue().message(), next.getValue().originLinkId());
            }
        }
    }

    private void deliver(StoredMessage message, long originLinkId) {
        delivered = message.id();
        ownInFlight.remove(message.id());
        sink.deliver(message, originLinkId);
    }
}
