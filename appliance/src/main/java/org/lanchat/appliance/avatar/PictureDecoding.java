package org.lanchat.appliance.avatar;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Where pictures are decoded and scaled (avatars, thumbnails of pictures sent as files): on a few platform threads
 * of their own, at most {@code waiting} more waiting. Requests run on virtual threads, which are not time-sliced: a
 * decode of up to a second of CPU running on one holds one of the few carrier threads until it is done, and with
 * a decode on every carrier no login, history page or room change ran at all (one account's stream of
 * {@code set_avatar} made logins take 46 s). Here the operating system shares the processor between the decodes and
 * everything else. Past the queue, an avatar is answered {@code busy} at once; a picture sent as a file, whose upload
 * is complete and would be lost, waits for its turn instead.
 */
public final class PictureDecoding {
    /** Shared by every appliance in the process: it bounds use of the processor, and there is one of those. */
    public static final PictureDecoding SHARED = new PictureDecoding(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 16);
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ThreadPoolExecutor threads;
    /** Places in the picture threads and their queue together. */
    private final Semaphore places;

    PictureDecoding(int threads, int waiting) {
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("lanchat-pictures-", 0).daemon(true).factory());
        this.threads.allowCoreThreadTimeOut(true);
        this.places = new Semaphore(threads + waiting, true);
    }

    /**
     * Runs {@code work} on a picture thread and waits for it; what it throws comes out unwrapped. Throws
     * {@link Refused} {@code busy} when the threads and their queue are full.
     */
    public <T> T runUnlessBusy(Supplier<T> work) {
        if (!places.tryAcquire()) {
            throw new Refused(ErrorCode.BUSY, "too many pictures are being processed; try again shortly", RETRY_AFTER);
        }
        return runInPlace(work);
    }

    /** Runs {@code work} on a picture thread once there is a place, and waits for it. */
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
            return CompletableFuture.supplyAsync(work, threads).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            places.release();
        }
    }
}
