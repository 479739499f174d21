package org.lanchat.client.core;

import java.time.Duration;
import java.util.concurrent.Future;

/** Runs a task on the client's loop after a delay: how the parts of the client wait without blocking. */
@FunctionalInterface
interface Scheduler {
    /** @return a handle to cancel the task before it runs */
    Future<?> after(Duration delay, Runnable task);
}
