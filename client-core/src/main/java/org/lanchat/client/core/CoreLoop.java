package org.lanchat.client.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a client's state lives on: every part of the client runs its work here, one task at a time, so
 * none of them needs a lock. Backed by a single-thread scheduled executor: by default the client's own, on
 * one virtual thread (cheap enough for thousands of clients in one JVM); or one the caller passes in, which
 * several clients may share the way Netty channels share an event loop.
 */
final class CoreLoop implements Executor, Scheduler {
    private static final Logger log = LoggerFactory.getLogger(CoreLoop.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ScheduledExecutorService executor;
    private final boolean owned;
    /** The executor's thread, learnt from the first task: replies already on it need no second hop. */
    private volatile Thread thread;

    private CoreLoop(ScheduledExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** A loop of the client's own, on a virtual thread, shut down with the client. */
    static CoreLoop own() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("lanchat-core-" + CLIENTS.incrementAndGet()).factory());
        // A closed client's timers (a resend, a reconnect) have nothing left to do; and cancelled pings and
        // reconnects leave the queue at once rather than when they would have fired.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return new CoreLoop(executor, true);
    }

    /** A loop on the caller's single-thread executor, which the caller shuts down. */
    static CoreLoop on(ScheduledExecutorService singleThread) {
        return new CoreLoop(singleThread, false);
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop.
     *
     * @throws RejectedExecutionException after the client closed (so a stage of a future fails instead of
     *                                    waiting forever)
     */
    @Override
    public void execute(Runnable task) {
        executor.execute(marked(task));
    }

    /** Runs {@code task} on the loop; after the client closed, drops it (nothing is left for it to change). */
    void post(Runnable task) {
        if (!offer(task)) {
            log.debug("The client is closed; not running {}", task);
        }
    }

    private boolean offer(Runnable task) {
        try {
            executor.execute(marked(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public Future<?> after(Duration delay, Runnable task) {
        try {
            return executor.schedule(marked(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    Future<?> every(Duration period, Runnable task) {
        try {
            return executor.scheduleAtFixedRate(marked(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Runs {@code work} on the loop and hands back the future it returns. After the client closed, the future
     * fails with {@link ConnectionClosedException} rather than the call throwing: a view still repainting may
     * ask for an avatar a moment after its window closed.
     */
    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = offer(() -> {
            try {
                work.get().whenComplete((value, failure) -> complete(result, value, failure));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            result.completeExceptionally(new ConnectionClosedException("the client is closed"));
        }
        return result;
    }

    /**
     * The same outcome, delivered on the loop: replies complete there already, but failures (a write error, a
     * timeout, a refused connect) complete on whichever thread noticed them.
     */
    <T> CompletableFuture<T> confine(CompletableFuture<T> future) {
        CompletableFuture<T> onLoop = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (inLoop()) {
                complete(onLoop, value, failure);
            } else if (!offer(() -> complete(onLoop, value, failure))) {
                onLoop.completeExceptionally(new ConnectionClosedException("the client is closed"));
            }
        });
        return onLoop;
    }

    /**
     * Runs {@code task} on the loop and waits for it, up to {@code patience}; at once when called on the loop
     * (a listener closing the client from an event), so the loop never waits for itself.
     */
    void runAndWait(Runnable task, Duration patience) {
        if (inLoop()) {
            task.run();
            return;
        }
        try {
            executor.submit(marked(task)).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Waiting for the client's loop: {}", e.toString());
        }
    }

    /** Stops the loop if it is the client's own; queued work is dropped. */
    void shutdown() {
        if (owned) {
            executor.shutdown();
        }
    }

    private Runnable marked(Runnable task) {
        return () -> {
            thread = Thread.currentThread();
            task.run();
        };
    }

    private static <T> void complete(CompletableFuture<T> target, T value, Throwable failure) {
        if (failure != null) {
            target.completeExceptionally(Failures.unwrap(failure));
        } else {
            target.complete(value);
        }
    }
}
