package org.lanchat.discovery.responder;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread a {@link LinkResponder}'s state lives on. A step nobody waits for (a received packet, a probe, an
 * announcement) that throws is handed to {@code failed}: a scheduled executor would otherwise keep the exception in
 * a future nobody reads, and a broken step would show only as a packet that never went out.
 */
final class ResponderThread {
    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<RuntimeException> failed;

    ResponderThread(String name, Consumer<RuntimeException> failed) {
        this.failed = failed;
        this.executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name(name).factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code step} soon; a failure goes to {@code failed}. */
    void execute(Runnable step) throws RejectedExecutionException {
        executor.execute(reporting(step));
    }

    /** Runs {@code step} after {@code delayMillis}; a failure goes to {@code failed}. */
    ScheduledFuture<?> schedule(Runnable step, long delayMillis) throws RejectedExecutionException {
        return executor.schedule(reporting(step), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code call} soon for a caller that waits: its failure is the caller's, through the future. */
    <T> Future<T> call(Callable<T> call) throws RejectedExecutionException {
        return executor.submit(call);
    }

    void shutdownNow() {
        executor.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }

    private Runnable reporting(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        };
    }
}
