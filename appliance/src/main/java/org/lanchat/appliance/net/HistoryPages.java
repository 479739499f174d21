package org.lanchat.appliance.net;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;

/**
 * History pages, paced appliance-wide (PROTOCOL §7.10). A page can be a megabyte three times over (rows,
 * JSON, frame): when many clients catch up at once, as after a restart, only a few pages are built or on
 * their way out at a time so the heap holds. The permits are handed out in arrival order: with dozens of
 * clients asking page after page, an unfair semaphore lets some wait past any client's patience while
 * others race ahead. A page that has not gone out within {@code deadline} means its client is not
 * reading.
 */
public final class HistoryPages {
    /** Reads one page of history for a user. Blocking. */
    @FunctionalInterface
    public interface Source {
        HistoryPage page(HistoryRequest request, long userId);
    }

    private final Semaphore permits;
    private final Source source;
    private final Duration deadline;

    public HistoryPages(int atOnce, Source source, Duration deadline) {
        this.permits = new Semaphore(atOnce, true);
        this.source = source;
        this.deadline = deadline;
    }

    Semaphore permits() {
        return permits;
    }

    Source source() {
        return source;
    }

    Duration deadline() {
        return deadline;
    }
}
