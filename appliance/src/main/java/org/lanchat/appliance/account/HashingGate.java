package org.lanchat.appliance.account;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.lanchat.appliance.core.ClientAddresses;
import org.lanchat.appliance.core.FairQueue;
import org.lanchat.appliance.core.HeavyWork;

/**
 * Caps password hashing: at most {@code permits} argon2 computations run at once (each holds 19 MiB), on platform
 * threads of their own, and at most {@code maxWaiting} more wait for a turn. One address (an IPv6 /64 is one) holds
 * at most {@value #PLACES_PER_ADDRESS} places, running or waiting. Beyond that, or after {@code maxWait} without a
 * turn, a login is refused {@code busy}, so a login storm costs bounded memory and the appliance keeps relaying
 * meanwhile. {@code maxWaiting} is only that bound on memory: set it so that no few addresses can fill it, or a
 * colleague's address finds no place in the round.
 *
 * <p>Turns go round the addresses that are waiting, one each ({@link FairQueue}), so a computer sending logins as
 * fast as it can (one account logging in over and over on hundreds of connections) waits behind its own, and a
 * colleague's login waits for at most one hash per other address. Hashes run on platform threads, not on the virtual
 * thread of the request: a virtual thread is never time-sliced, so two hashes in a row on a two-core box held every
 * carrier thread, and nothing else (database calls, other requests) ran until they were done.
 */
public final class HashingGate {
    /** One computer's share of the queue; a terminal server's morning fits. */
    static final int PLACES_PER_ADDRESS = 64;

    private final FairQueue turns;
    private final Duration maxWait;
    private final ExecutorService threads;

    public HashingGate(int permits, int maxWaiting, long maxWaitMillis) {
        // Before the hash nobody is known by account: the address is its own one account.
        this.turns = new FairQueue(permits, permits + maxWaiting,
                new FairQueue.Shares(PLACES_PER_ADDRESS, PLACES_PER_ADDRESS), "too many logins at once; retry shortly");
        this.maxWait = Duration.ofMillis(maxWaitMillis);
        this.threads = HeavyWork.platformThreads("hashing", permits);
    }

    /** Logins waiting for a turn right now. */
    public int waiting() {
        return turns.waiting();
    }

    /**
     * Runs {@code work} for a login or registration from {@code address} when its turn comes. Blocks. Throws
     * {@link org.lanchat.appliance.core.Refused} {@code busy} when there is no place or no turn in time.
     */
    public <T> T run(String address, Supplier<T> work) {
        String computer = ClientAddresses.counted(address);
        FairQueue.Place place = turns.enter(computer, computer, true);
        turns.awaitTurn(place, maxWait);
        try {
            return HeavyWork.runOn(threads, work);
        } finally {
            turns.leave(place);
        }
    }
}
