package org.lanchat.appliance.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Work that keeps a processor busy for long (decoding pictures, searching the whole history), on a few platform
 * threads of its own, at most {@code waiting} more waiting. Requests run on virtual threads, which are not
 * time-sliced: a picture decode or a search of a second or more running on one holds one of the few carrier threads
 * until it is done, and with one on every carrier no login, history page or room change ran at all (one account's
 * stream of {@code set_avatar} made logins take 46 s; three accounts searching, 12 s). Here the operating system
 * shares the processor between this work and everything else. Past the queue a request is answered {@code busy}
 * at once ({@link #runUnlessBusy}), unless what would be lost is worth the wait ({@link #run}: a finished upload).
 *
 * <p>Turns go round the computers waiting, and round the accounts of each ({@link FairQueue}), and one
 * {@link Owner} holds a small share of the queue: one account uploading an 8192 x 8192 picture (4.4 s to check) over
 * and over on 24 connections held the queue, first come first served, so a colleague's picture waited 104 s and
 * every {@code set_avatar} was busy; ten accounts registered from one computer, two searches each, took every place
 * of the searches. Now a computer's flood waits behind its own.
 */
public final class HeavyWork {
    /**
     * One account's places: one running and the next, as a search box sends while its last search runs. One
     * computer's (an IPv6 /64 is one), whichever of its accounts holds them: two busy accounts' worth. Declared before
     * {@link #PICTURES} and {@link #SEARCHES}: static fields are set in order, and their constructors read it.
     */
    static final FairQueue.Shares SHARES = new FairQueue.Shares(2, 4);
    /** Avatars and pictures sent as files. Shared by every appliance in the process: there is one processor. */
    public static final HeavyWork PICTURES = new HeavyWork("pictures", Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            16, "too many pictures are being processed; try again shortly");
    /** Searches. */
    public static final HeavyWork SEARCHES = new HeavyWork("searches", Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            16, "too many searches are running; try again shortly");
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * Whose work it is: an account, and the computer its request came from, as {@link ClientAddresses#counted} counts
     * addresses (so many throw-away accounts from one computer share one computer's turns and places).
     */
    public record Owner(long account, String computer) {
        public Owner {
            computer = ClientAddresses.counted(Objects.requireNonNull(computer, "computer"));
        }
    }

    private final ThreadPoolExecutor threads;
    private final FairQueue queue;

    HeavyWork(String name, int threads, int waiting, String busy) {
        this.threads = platformThreads(name, threads);
        this.queue = new FairQueue(threads, threads + waiting, SHARES, busy);
    }

    /** {@code count} daemon platform threads named {@code lanchat-NAME-N}, which end after 30 s without work. */
    public static ThreadPoolExecutor platformThreads(String name, int count) {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("lanchat-" + name + "-", 0).daemon(true).factory());
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    /** Runs {@code work} on {@code threads} and waits for it; what it throws comes out unwrapped. */
    public static <T> T runOn(Executor threads, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, threads).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} on one of these threads when its turn comes, and waits for it; what it throws comes out
     * unwrapped. Throws {@link Refused} {@code busy} at once when {@code owner}'s account already has two
     * requests running or waiting here, its computer four ({@link #SHARES}), or the
     * threads and their queue are full (each computer counted up to its share).
     */
    public <T> T runUnlessBusy(Owner owner, Supplier<T> work) {
        return runIn(queue.enter(owner.computer(), owner.account(), true), work);
    }

    /**
     * Runs {@code work} on one of these threads when {@code owner}'s turn comes, and waits for it: never refused.
     * Past its account's or computer's share it waits behind that owner's other requests and takes no place from
     * anyone else's.
     */
    public <T> T run(Owner owner, Supplier<T> work) {
        return runIn(queue.enter(owner.computer(), owner.account(), false), work);
    }

    /** Requests waiting for a thread; a test waits on it. */
    public int waiting() {
        return queue.waiting();
    }

    /** Requests running or waiting; a test waits on it. */
    int held() {
        return queue.held();
    }

    private <T> T runIn(FairQueue.Place place, Supplier<T> work) {
        try {
            FairQueue.awaitTurn(place);
            return runOn(threads, work);
        } finally {
            queue.leave(place);
        }
    }
}
