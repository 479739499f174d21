package org.lanchat.appliance.core;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.lanchat.protocol.ErrorCode;

/**
 * The turns of {@link HeavyWork}: {@code threads} run at once, and the requests waiting for one are served round the
 * computers that are waiting, one turn each, and within a computer round its accounts, one turn each (the model is
 * {@code account.HashingGate}). So a computer that sends work as fast as it can, from one account or from many it
 * registered, waits behind its own, and anyone else's request waits for about one turn per other computer waiting.
 *
 * <p>Places are counted for {@code busy}: each account holds at most {@value HeavyWork#PLACES_PER_ACCOUNT} and each
 * computer at most {@value HeavyWork#PLACES_PER_ADDRESS} of the places a request that may be refused asks for, and
 * the queue is full when its places, each computer's counted up to its share, reach {@code places}. A request that
 * must not be refused (a finished upload) always gets in, and past its computer's share it only waits longer: it
 * does not fill the queue for anyone else. History pages take their turns here too (never refused; a "thread" is
 * then one of the few pages built or on their way out at once).
 */
public final class FairQueue {
    /** One request's place: in the threads at once, or waiting for its turn. Guarded by the queue's lock. */
    public static final class Place {
        private final Object computer;
        private final Object account;
        private final CountDownLatch given = new CountDownLatch(1);

        private Place(Object computer, Object account) {
            this.computer = computer;
            this.account = account;
        }
    }

    private final int places;
    private final String busy;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as all below: threads without work. */
    private int free;
    private int waiting;
    /** Places held (running or waiting), by computer and by account. */
    private final Map<Object, Integer> byComputer = new HashMap<>();
    private final Map<Object, Integer> byAccount = new HashMap<>();
    /** Places held, each computer's counted up to {@link HeavyWork#PLACES_PER_ADDRESS}: what fills the queue. */
    private int counted;
    /** The waiting places by computer and account, each in the order they are served. */
    private final LinkedHashMap<Object, LinkedHashMap<Object, ArrayDeque<Place>>> round = new LinkedHashMap<>();

    /**
     * @param places threads and waiting places together, for requests that may be refused
     * @param busy   what a refused request is told
     */
    public FairQueue(int threads, int places, String busy) {
        this.free = threads;
        this.places = places;
        this.busy = busy;
    }

    /**
     * A place for {@code account} at {@code computer}. Throws {@link Refused} {@code busy}, taking nothing, when
     * {@code refusable} and its account, its computer or the queue has no place left.
     */
    public Place enter(Object computer, Object account, boolean refusable) {
        synchronized (lock) {
            int fromComputer = byComputer.getOrDefault(computer, 0);
            if (refusable) {
                if (byAccount.getOrDefault(account, 0) >= HeavyWork.PLACES_PER_ACCOUNT) {
                    throw refused(" (" + HeavyWork.PLACES_PER_ACCOUNT + " at a time for each account)");
                }
                if (fromComputer >= HeavyWork.PLACES_PER_ADDRESS) {
                    throw refused(" (" + HeavyWork.PLACES_PER_ADDRESS + " at a time from each computer)");
                }
                if (counted >= places) {
                    throw refused("");
                }
            }
            byComputer.put(computer, fromComputer + 1);
            byAccount.merge(account, 1, Integer::sum);
            if (fromComputer < HeavyWork.PLACES_PER_ADDRESS) {
                counted++;
            }
            Place place = new Place(computer, account);
            if (free > 0 && waiting == 0) {
                free--;
                place.given.countDown();
            } else {
                round.computeIfAbsent(computer, c -> new LinkedHashMap<>()).computeIfAbsent(account, a -> new ArrayDeque<>())
                        .add(place);
                waiting++;
            }
            return place;
        }
    }

    /** Blocks until {@code place} has a thread; an interrupt is kept for later, the turn is not given up. */
    public static void awaitTurn(Place place) {
        boolean interrupted = false;
        while (true) {
            try {
                place.given.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code place}'s work is done: its thread goes to the next computer's next account's oldest waiting place. */
    public void leave(Place place) {
        synchronized (lock) {
            int fromComputer = decrement(byComputer, place.computer);
            decrement(byAccount, place.account);
            if (fromComputer < HeavyWork.PLACES_PER_ADDRESS) {
                counted--;
            }
            Iterator<Map.Entry<Object, LinkedHashMap<Object, ArrayDeque<Place>>>> computers = round.entrySet().iterator();
            if (!computers.hasNext()) {
                free++;
                return;
            }
            Map.Entry<Object, LinkedHashMap<Object, ArrayDeque<Place>>> computer = computers.next();
            computers.remove();
            Iterator<Map.Entry<Object, ArrayDeque<Place>>> accounts = computer.getValue().entrySet().iterator();
            Map.Entry<Object, ArrayDeque<Place>> account = accounts.next();
            accounts.remove();
            Place next = account.getValue().poll();
            waiting--;
            if (!account.getValue().isEmpty()) {
                computer.getValue().put(account.getKey(), account.getValue()); // to the back of its computer's round
            }
            if (!computer.getValue().isEmpty()) {
                round.put(computer.getKey(), computer.getValue()); // to the back of the round
            }
            next.given.countDown();
        }
    }

    /** Places waiting for a thread. */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Places held, running or waiting. */
    int held() {
        synchronized (lock) {
            return byAccount.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Refused refused(String which) {
        return new Refused(ErrorCode.BUSY, busy + which, HeavyWork.RETRY_AFTER);
    }

    /** The count after taking one away; the key is forgotten at 0. */
    private static int decrement(Map<Object, Integer> counts, Object key) {
        int now = counts.get(key) - 1;
        if (now == 0) {
            counts.remove(key);
        } else {
            counts.put(key, now);
        }
        return now;
    }
}
