package org.lanchat.appliance.account;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lanchat.appliance.core.ClientAddresses;
import org.lanchat.appliance.core.HeavyWork;

/**
 * Caps password hashing: at most {@code permits} argon2 computations run at once (each holds 19 MiB), on platform
 * threads of their own, and at most {@code maxWaiting} more wait for a turn, {@value #MAX_WAITING_PER_ADDRESS} of
 * them from any one address (an IPv6 /64 is one). Beyond that a login is turned away as busy at once, so a login storm
 * costs bounded memory and the appliance keeps relaying meanwhile. {@code maxWaiting} is only that bound on memory:
 * set it so that no few addresses can fill it, or a colleague's address finds no place in the round.
 *
 * <p>Turns go round the addresses that are waiting, one each, so a computer sending logins as fast as it can (one
 * account logging in over and over on hundreds of connections) waits behind its own, and a colleague's login waits
 * for at most one hash per other address. Hashes run on platform threads, not on the virtual thread of the request:
 * a virtual thread is never time-sliced, so two hashes in a row on a two-core box held every carrier thread, and
 * nothing else (database calls, other requests) ran until they were done.
 */
public final class HashingGate {
    /** No turn came up; the caller answers {@code busy}. */
    public static final class Saturated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Saturated() {
            super("too many logins at once; retry shortly", null, false, false);
        }
    }

    /** One waiting login's turn; guarded by the gate's lock. */
    private static final class Turn {
        private final CountDownLatch given = new CountDownLatch(1);
        private boolean granted;
    }

    /** One computer's share of the queue; a terminal server's morning fits. */
    static final int MAX_WAITING_PER_ADDRESS = 64;

    private final int maxWaiting;
    private final long maxWaitMillis;
    private final ExecutorService threads;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: permits not in use, and the waiting turns by address, in the order they are served. */
    private int free;
    private int waiting;
    private final LinkedHashMap<String, ArrayDeque<Turn>> queues = new LinkedHashMap<>();

    public HashingGate(int permits, int maxWaiting, long maxWaitMillis) {
        this.free = permits;
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
        this.threads = HeavyWork.platformThreads("hashing", permits);
    }

    /** Logins waiting for a turn right now. */
    public int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Runs {@code work} for a login or registration from {@code address} when its turn comes. Blocks. */
    public <T> T run(String address, Supplier<T> work) {
        String counted = ClientAddresses.counted(address);
        Turn turn = enter(counted);
        if (turn != null) {
            awaitTurn(counted, turn);
        }
        try {
            return HeavyWork.runOn(threads, work);
        } finally {
            release();
        }
    }

    /** A permit at once (null), or a place in {@code address}'s queue. */
    private Turn enter(String address) {
        synchronized (lock) {
            if (free > 0 && waiting == 0) {
                free--;
                return null;
            }
            ArrayDeque<Turn> queue = queues.get(address);
            if (waiting >= maxWaiting || queue != null && queue.size() >= MAX_WAITING_PER_ADDRESS) {
                throw new Saturated();
            }
            Turn turn = new Turn();
            queues.computeIfAbsent(address, a -> new ArrayDeque<>()).add(turn);
            waiting++;
            return turn;
        }
    }

    private void awaitTurn(String address, Turn turn) {
        boolean interrupted = false;
        try {
            turn.given.await(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        synchronized (lock) {
            if (!turn.granted) {
                ArrayDeque<Turn> queue = queues.get(address);
                if (queue != null && queue.remove(turn)) {
                    waiting--;
                    if (queue.isEmpty()) {
                        queues.remove(address);
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new Saturated();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // the turn came all the same: use it, and keep the interrupt
        }
    }

    /** Hands the permit to the next address's oldest waiter, and sends that address to the back of the round. */
    private void release() {
        synchronized (lock) {
            Iterator<Map.Entry<String, ArrayDeque<Turn>>> round = queues.entrySet().iterator();
            if (!round.hasNext()) {
                free++;
                return;
            }
            Map.Entry<String, ArrayDeque<Turn>> first = round.next();
            round.remove();
            Turn next = first.getValue().poll();
            waiting--;
            if (!first.getValue().isEmpty()) {
                queues.put(first.getKey(), first.getValue());
            }
            next.granted = true;
            next.given.countDown();
        }
    }
}
