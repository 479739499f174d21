package org.lanchat.reliability.participant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanchat.protocol.message.Conversation;

/**
 * Group and private chat from many participants at once: each sends {@code perSender} messages, a share
 * of them to the group and the rest to a random other participant, keeping a window of sends in flight.
 * Bounded in count and time; it stops by itself.
 */
public final class ChatLoad implements AutoCloseable {
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int total;

    private ChatLoad(int total) {
        this.total = total;
    }

    public static ChatLoad start(List<Participant> participants, int perSender, double groupShare, long seed) {
        return start(participants, participants.stream().map(Participant::username).toList(), perSender, groupShare, seed);
    }

    /** Private messages go to a random name from {@code peers} other than the sender's own. */
    public static ChatLoad start(List<Participant> senders, List<String> peers, int perSender, double groupShare, long seed) {
        return start(senders, peers, perSender, groupShare, seed, 0);
    }

    /** As above, each text padded to at least {@code minChars} characters (long messages fill buffers sooner). */
    public static ChatLoad start(List<Participant> senders, List<String> peers, int perSender, double groupShare, long seed,
                                 int minChars) {
        ChatLoad load = new ChatLoad(senders.size() * perSender);
        for (int p = 0; p < senders.size(); p++) {
            Participant me = senders.get(p);
            SplittableRandom random = new SplittableRandom(seed + p);
            load.running.add(load.senders.submit(() -> {
                for (int i = 0; i < perSender; i++) {
                    Conversation to = Conversation.GROUP;
                    if (random.nextDouble() >= groupShare && peers.size() > 1) {
                        String peer;
                        do {
                            peer = peers.get(random.nextInt(peers.size()));
                        } while (peer.equals(me.username()));
                        to = Conversation.with(peer);
                    }
                    String text = me.username() + " #" + i + (random.nextInt(8) == 0 ? " " + "ü€😀".repeat(20) : "");
                    me.send(to, text.length() >= minChars ? text : text + " " + "x".repeat(minChars - text.length() - 1));
                    load.queued.incrementAndGet();
                }
                return null;
            }));
        }
        return load;
    }

    public int total() {
        return total;
    }

    /** Sends handed to participants so far (acknowledged or not). */
    public int queued() {
        return queued.get();
    }

    /** Waits until every sender has queued all its messages. */
    public void awaitQueued(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> f : running) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("load did not finish queueing within " + timeout + " (" + queued() + " of " + total + ")");
            }
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
