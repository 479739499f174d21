package org.lanchat.appliance.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lanchat.protocol.ErrorCode;

/**
 * Turns at scarce work: {@code threads} run at once, and the requests waiting for one are served round the computers
 * that are waiting, one turn each, and within a computer round its accounts, one turn each. So a computer that sends
 * work as fast as it can, from one account or from many it registered, waits behind its own, and anyone else's
 * request waits for about one turn per other computer waiting. Password hashing ({@code account.HashingGate}),
 * {@link HeavyWork} and history pages all take their turns here.
 *
 * <p>Places are counted for {@code busy}: each account holds at most {@link Shares#perAccount} and each computer at
 * most {@link Shares#perComputer} of the places a request that may be refused asks for, and the queue is full when its
 * places, each computer's counted up to its share, reach {@code places}. A request that must not be refused (a
 * finished upload, a history page) always gets in, and past its computer's share it only waits longer: it does not
 * fill the queue for anyone else.
 */
public final class FairQueue {
    /** The places one account and one computer may hold, running or waiting. */
    public record Shares(int perAccount, int perComputer) {
        public Shares {
            if (perAccount < 1 || perComputer < 1) {
                throw new IllegalArgumentException("a share must be at least one place");
            }
        }
    }

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
    private final Shares shares;
    private final String busy;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as all below: threads without work. */
    private int free;
    private int waiting;
    /** Places held (running or waiting), by computer and by account. */
    private final Map<Object, Integer> byComputer = new HashMap<>();
    private final Map<Object, Integer> byAccount = new HashMap<>();
    /** Places held, each computer's counted up to its share: what fills the queue. */
    private int counted;
    /** The waiting places by computer and account, each in the order they are served. */
    private final LinkedHashMap<Object, LinkedHashMap<Object, ArrayDeque<Place>>> round = new LinkedHashMap<>();

    /**
     * @param places threads and waiting places together, for requests that may be refused
     * @param busy   what a refused request is told
     */
    public FairQueue(int threads, int places, Shares shares, String busy) {
        this.free = threads;
        this.places = places;
        this.shares = Objects.requireNonNull(shares, "shares");
        this.busy = busy;
    }

    /** Turns for work that is never refused (a history page, a download chunk): only their order matters. */
    public static FairQueue turnsOnly(int threads) {
        return new FairQueue(threads, Integer.MAX_VALUE, new Shares(Integer.MAX_VALUE, Integer.MAX_VALUE), "never refused");
    }

    /**
     * A place for {@code account} at {@code computer}. Throws {@link Refused} {@code busy}, taking nothing, when
     * {@code refusable} and its account, its computer or the queue has no place left.
     */
    public Place enter(Object computer, Object account, boolean refusable) {
        synchronized (lock) {
            int fromComputer = byComputer.getOrDefault(computer, 0);
            if (refusable) {
                if (byAccount.getOrDefault(account, 0) >= shares.perAccount()) {
                    throw refused(" (" + shares.perAccount() + " at a time for each account)");
                }
                if (fromComputer >= shares.perComputer()) {
                    throw refused(" (" + shares.perComputer() + " at a time from each computer)");
                }
                if (counted >= places) {
                    throw refused("");
                }
            }
            byComputer.put(computer, fromComputer + 1);
            byAccount.merge(account, 1, Integer::sum);
            if (fromComputer < shares.perComputer()) {
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

    /**
     * Waits at most {@code longest} for {@code place}'s thread. Without one by then the place is given up and the
     * request refused {@code busy}: then do not {@link #leave} it. An interrupt gives the place up the same way.
     */
    public void awaitTurn(Place place, Duration longest) {
        boolean interrupted = false;
        try {
            if (place.given.await(longest.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        synchronized (lock) {
            if (place.given.getCount() == 0) { // the turn came as the wait ended: use it
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            ArrayDeque<Place> ofAccount = round.get(place.computer).get(place.account);
            ofAccount.remove(place);
            if (ofAccount.isEmpty()) {
                round.get(place.computer).remove(place.account);
                if (round.get(place.computer).isEmpty()) {
                    round.remove(place.computer);
                }
            }
            waiting--;
            forget(place);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw refused(" (no turn within " + longest.toSeconds() + " s)");
    }

    /** {@code place}'s work is done: its thread goes to the next computer's next account's oldest waiting place. */
    public void leave(Place place) {
        synchronized (lock) {
            forget(place);
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

    /** Takes {@code place} out of the counts; guarded by the lock. */
    private void forget(Place place) {
        int fromComputer = decrement(byComputer, place.computer);
        decrement(byAccount, place.account);
        if (fromComputer < shares.perComputer()) {
            counted--;
        }
    }

    /** Places waiting for a thread. */
    public int waiting() {
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
