package org.lanchat.appliance.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lanchat.protocol.ErrorCode;

/**
 * Work that keeps a processor busy for long (decoding pictures, searching the whole history), on a few platform
 * threads of its own, at most {@code waiting} more waiting. Requests run on virtual threads, which are not
 * time-sliced: a picture decode or a search of a second or more running on one holds one of the few carrier threads
 * until it is done, and with one on every carrier no login, history page or room change ran at all (one account's
 * stream of {@code set_avatar} made logins take 46 s; three accounts searching, 12 s). Here the operating system
 * shares the processor between this work and everything else. Past the queue a request is answered {@code busy}
 * at once ({@link #runUnlessBusy}), unless what would be lost is worth the wait ({@link #run}: a finished upload).
 */
public final class HeavyWork {
    /** Avatars and pictures sent as files. Shared by every appliance in the process: there is one processor. */
    public static final HeavyWork PICTURES = new HeavyWork("pictures", Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            16, "too many pictures are being processed; try again shortly");
    /** Searches. */
    public static final HeavyWork SEARCHES = new HeavyWork("searches", Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            16, "too many searches are running; try again shortly");
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ThreadPoolExecutor threads;
    /** Places in the picture threads and their queue together. */
    private final Semaphore places;

    private final String busy;
    static final int PLACES_PER_OWNER = 2;
    /** How many places each owner's requests hold now, for {@link #runUnlessBusy(Object, Supplier)}. */
    private final ConcurrentHashMap<Object, Integer> owners = new ConcurrentHashMap<>();

    HeavyWork(String name, int threads, int waiting, String busy) {
        this.busy = busy;
        this.threads = platformThreads(name, threads);
        this.places = new Semaphore(threads + waiting, true);
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
     * Runs {@code work} on one of these threads and waits for it; what it throws comes out unwrapped. Throws
     * {@link Refused} {@code busy} when the threads and their queue are full.
     */
    public <T> T runUnlessBusy(Supplier<T> work) {
        if (!places.tryAcquire()) {
            throw new Refused(ErrorCode.BUSY, busy, RETRY_AFTER);
        }
        return runInPlace(work);
    }

    /**
     * {@link #runUnlessBusy(Supplier)} for one of {@code owner}'s requests, and busy too while
     * {@value #PLACES_PER_OWNER} of its requests have places (one running and the next, as a search box sends while
     * its last search runs): one account searching over and over (a search of a large history takes seconds) took
     * every place in the queue, and everyone else's searches were answered busy.
     */
    public <T> T runUnlessBusy(Object owner, Supplier<T> work) {
        boolean[] placed = {false};
        owners.compute(owner, (o, held) -> {
            int now = held == null ? 0 : held;
            placed[0] = now < PLACES_PER_OWNER;
            return placed[0] ? now + 1 : now;
        });
        if (!placed[0]) {
            throw new Refused(ErrorCode.BUSY, busy + " (" + PLACES_PER_OWNER + " at a time for each account)", RETRY_AFTER);
        }
        try {
            return runUnlessBusy(work);
        } finally {
            owners.computeIfPresent(owner, (o, held) -> held <= 1 ? null : held - 1);
        }
    }

    /** Runs {@code work} on one of these threads once there is a place, and waits for it. */
    public <T> T run(Supplier<T> work) {
        places.acquireUninterruptibly();
        return runInPlace(work);
    }

    /** Places left in the threads and their queue; a test waits on it. */
    int freePlaces() {
        return places.availablePermits();
    }

    private <T> T runInPlace(Supplier<T> work) {
        try {
            return runOn(threads, work);
        } finally {
            places.release();
        }
    }
}
