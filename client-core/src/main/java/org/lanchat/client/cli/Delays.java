package org.lanchat.client.cli;

import java.time.Duration;

/**
 * Runs a task later, on the thread that prints (so it needs no lock against the events printed meanwhile): how
 * {@code listen} holds a line back. Tests move the time on by hand instead of waiting.
 */
@FunctionalInterface
interface Delays {
    void after(Duration delay, Runnable task);
}
