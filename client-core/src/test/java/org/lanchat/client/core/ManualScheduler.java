package org.lanchat.client.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A {@link Scheduler} whose time the test moves: tasks wait until {@link #runDue} is told how much passed. */
final class ManualScheduler implements Scheduler {
    private record Task(Duration at, Runnable work, CompletableFuture<Void> handle) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public Future<?> after(Duration delay, Runnable task) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        tasks.add(new Task(now.plus(delay), task, handle));
        return handle;
    }

    /** The delays of the tasks still waiting, from now. */
    List<Duration> waiting() {
        return tasks.stream().filter(t -> !t.handle().isDone()).map(t -> t.at().minus(now)).toList();
    }

    /** Lets {@code elapsed} pass and runs what fell due, in order. */
    void runDue(Duration elapsed) {
        now = now.plus(elapsed);
        for (Task task : List.copyOf(tasks)) {
            if (!task.handle().isDone() && task.at().compareTo(now) <= 0) {
                tasks.remove(task);
                task.handle().complete(null);
                task.work().run();
            }
        }
    }
}
