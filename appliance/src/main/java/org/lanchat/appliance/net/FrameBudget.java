package org.lanchat.appliance.net;

import java.util.Comparator;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.lanchat.appliance.core.ClientAddresses;

/**
 * How many bytes the partly received frames of all connections may hold together (PROTOCOL.md §2). One frame may be
 * as large as {@code maxFrameBytes}, and a connection that announces one, sends all but its last byte and stops keeps
 * that memory until it is closed: a few hundred such connections, without a login, filled the heap and stopped
 * every I/O thread. Now the first {@link #FREE_BYTES_PER_FRAME} of each frame are free, since ordinary chat frames are
 * that small and a connection's TLS engine holds as much per record anyway, and what frames hold beyond that comes
 * from this budget. A connection whose frame needs more than is left stops being read, its bytes waiting in the
 * kernel, until other frames complete or their connections close: large frames wait under such an attack, nothing is
 * refused, and memory stays bounded.
 *
 * <p>One address may hold at most {@link #ADDRESS_SHARE} of the budget: seven addresses holding unfinished 1 MiB frames
 * on 1,600 connections once took all of it, and everyone else's avatars and file chunks waited for as long as they
 * chose to trickle. Then seventeen did, 20 connections each. So when the budget is spent and an address that holds
 * less than an equal share (the budget over the addresses holding any) asks for more, the address holding the most,
 * if that is more than an equal share, gives up its largest frame: that connection is closed. Whoever stalls frames
 * from many addresses loses connections as soon as someone else needs the room, and keeps nothing another address
 * could not have too.
 */
public final class FrameBudget {
    /** What each frame may hold without drawing on the budget. */
    static final int FREE_BYTES_PER_FRAME = 16 * 1024;
    /** The part of the budget one client address may hold ({@link ClientAddresses#counted}), or one frame if more. */
    static final int ADDRESS_SHARE = 16;

    /** What asking the budget for more came to. */
    enum Outcome { TAKEN, ADDRESS_FULL, BUDGET_FULL }

    /** A connection's partly received frame that holds some of the budget, and can be made to give it up. */
    interface Holder {
        /** What it holds of the budget now; read from any thread. */
        long held();

        /** Closes its connection, soon and on its own thread: what it holds comes back as it closes. */
        void evict();
    }

    private final long limit;
    private final long addressLimit;
    private final Predicate<String> limitedAddress;
    private final AtomicLong held = new AtomicLong();
    private final Map<String, Long> heldByAddress = new ConcurrentHashMap<>();
    /** The holders of each limited address, to pick one to evict. */
    private final Map<String, Set<Holder>> holders = new ConcurrentHashMap<>();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param limit          by default a quarter of the heap ({@code ApplianceConfig.partialFrameBytes})
     * @param maxFrameBytes  the largest frame: an address's share is never less, so one frame always fits
     * @param limitedAddress whether an address is held to its share (loopback may be exempt, §7.11)
     */
    public FrameBudget(long limit, int maxFrameBytes, Predicate<String> limitedAddress) {
        this.limit = limit;
        this.addressLimit = Math.min(limit, Math.max(limit / ADDRESS_SHARE, maxFrameBytes));
        this.limitedAddress = limitedAddress;
    }

    /** What the connections from {@code address} draw on. */
    Share share(String address) {
        return limitedAddress.test(address) ? new Share(ClientAddresses.counted(address)) : new Share(null);
    }

    /** One connection's way to the budget: through its address's share, or straight when the address is exempt. */
    final class Share {
        private final String address;

        private Share(String address) {
            this.address = address;
        }

        Outcome tryTake(long bytes) {
            if (address == null) {
                return FrameBudget.this.tryTake(bytes) ? Outcome.TAKEN : Outcome.BUDGET_FULL;
            }
            Outcome[] outcome = {Outcome.ADDRESS_FULL};
            heldByAddress.compute(address, (key, before) -> {
                long mine = before == null ? 0 : before;
                if (mine + bytes > addressLimit) {
                    return before;
                }
                if (!FrameBudget.this.tryTake(bytes)) {
                    outcome[0] = Outcome.BUDGET_FULL;
                    return before;
                }
                outcome[0] = Outcome.TAKEN;
                return mine + bytes;
            });
            if (outcome[0] == Outcome.BUDGET_FULL) {
                makeRoomFairly(bytes); // outside compute: an eviction gives back into the same map
            }
            return outcome[0];
        }

        /**
         * The budget is spent: if this address, with {@code bytes} more, would still hold no more than an equal share,
         * the address holding the most beyond an equal share gives up its largest frame.
         */
        private void makeRoomFairly(long bytes) {
            long mine = heldByAddress.getOrDefault(address, 0L);
            int addresses = heldByAddress.size() + (heldByAddress.containsKey(address) ? 0 : 1);
            long equalShare = limit / addresses;
            if (mine + bytes > equalShare) {
                return;
            }
            heldByAddress.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(address) && entry.getValue() > equalShare)
                    .max(Map.Entry.comparingByValue())
                    .flatMap(heaviest -> holders.getOrDefault(heaviest.getKey(), Set.of()).stream()
                            .max(Comparator.comparingLong(Holder::held)))
                    .ifPresent(Holder::evict);
        }

        /** {@code holder} has begun to hold some of the budget through this share. */
        void holding(Holder holder) {
            if (address != null) {
                holders.compute(address, (key, set) -> {
                    Set<Holder> held = set == null ? ConcurrentHashMap.newKeySet() : set;
                    held.add(holder);
                    return held;
                });
            }
        }

        /** {@code holder} holds nothing any more. */
        void released(Holder holder) {
            if (address != null) {
                holders.computeIfPresent(address, (key, set) -> {
                    set.remove(holder);
                    return set.isEmpty() ? null : set;
                });
            }
        }

        void giveBack(long bytes) {
            if (address != null && bytes > 0) {
                heldByAddress.computeIfPresent(address, (key, before) -> before - bytes <= 0 ? null : before - bytes);
            }
            FrameBudget.this.giveBack(bytes);
        }

        /** Runs {@code retry} once bytes are given back anywhere ({@link FrameBudget#whenFreed}). */
        void whenFreed(Runnable retry) {
            FrameBudget.this.whenFreed(retry);
        }

        /** Whether {@code bytes} more could be taken now. */
        boolean hasRoomFor(long bytes) {
            return held.get() + bytes <= limit
                    && (address == null || heldByAddress.getOrDefault(address, 0L) + bytes <= addressLimit);
        }
    }

    /** The part of a frame's {@code bytes} that draws on the budget. */
    static long budgeted(int bytes) {
        return Math.max(0, bytes - FREE_BYTES_PER_FRAME);
    }

    /** Takes {@code bytes} from the budget if that many are left, whatever the address. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives {@code bytes} back and lets every connection waiting for the budget try again. */
    void giveBack(long bytes) {
        if (bytes > 0) {
            held.addAndGet(-bytes);
            Runnable retry;
            while ((retry = waiting.poll()) != null) {
                retry.run();
            }
        }
    }

    /**
     * Runs {@code retry} once the next bytes are given back. A connection that registers just after the last give-back
     * would wait for the next one, so it should also retry once right after registering.
     */
    void whenFreed(Runnable retry) {
        waiting.add(retry);
    }

    /** Bytes held by partly received frames beyond their free part, now. */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
