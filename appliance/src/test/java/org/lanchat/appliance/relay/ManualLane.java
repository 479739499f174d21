package org.lanchat.appliance.relay;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An I/O thread for relay tests: tasks queue up until the test runs them, in order, on its own thread. */
final class ManualLane implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs every task queued so far and those they queue; returns how many ran. */
    int runAll() {
        int ran = 0;
        for (Runnable task; (task = tasks.poll()) != null; ran++) {
            task.run();
        }
        return ran;
    }

    int queued() {
        return tasks.size();
    }
}
