package org.lanchat.client.testing;

import java.util.concurrent.Executor;

/**
 * Runs tasks at once on the calling thread: as the UI executor and the background executor of a
 * view-model under test, it makes every asynchronous step happen before the call returns (JabRef's
 * CurrentThreadTaskExecutor).
 */
public final class SameThread implements Executor {
    public static final SameThread EXECUTOR = new SameThread();

    private SameThread() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
