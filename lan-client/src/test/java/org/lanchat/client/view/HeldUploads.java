package org.lanchat.client.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.TransferProgress;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.protocol.message.Conversation;

/**
 * The client core's file calls, with uploads held after their first progress step while {@link #hold()} is on: so a
 * test (or a screenshot) sees a progress bar part way, however fast the machine. Everything else passes straight
 * through.
 */
final class HeldUploads extends ForwardingFileCalls {
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch held = new CountDownLatch(1);

    HeldUploads(FileCalls real) {
        super(real);
    }

    /** Holds the next uploads after their first chunk, until {@link #release()}. */
    void hold() {
        held = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Whether an upload reached its hold within {@code seconds}. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
            throws ChatException, IOException, InterruptedException {
        return super.send(conversation, file, (done, total) -> {
            progress.progress(done, total);
            if (done > 0 && done < total) {
                held.countDown();
                try {
                    gate.await(); // progress runs on the uploading thread: the next chunk waits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopped: the upload ends at its next chunk
                }
            }
        });
    }
}
