package org.lanchat.appliance.net;

import java.time.Duration;
import org.lanchat.appliance.core.FairQueue;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;

/**
 * History pages, paced appliance-wide (PROTOCOL §7.10). A page can be a megabyte three times over (rows,
 * JSON, frame): when many clients catch up at once, as after a restart, only a few pages are built or on
 * their way out at a time so the heap holds. Turns go round the computers waiting, then their accounts
 * ({@link FairQueue}): handed out in arrival order, one user's 200 connections asking page after page got most
 * turns, and a colleague's page of ten messages took 5.7 s. A page that has not gone out within {@code deadline}
 * means its client is not reading.
 */
public final class HistoryPages {
    /** Reads one page of history for a user. Blocking. */
    @FunctionalInterface
    public interface Source {
        HistoryPage page(HistoryRequest request, long userId);
    }

    private final FairQueue turns;
    private final Source source;
    private final Duration deadline;

    public HistoryPages(int atOnce, Source source, Duration deadline) {
        this.turns = FairQueue.turnsOnly(atOnce);
        this.source = source;
        this.deadline = deadline;
    }

    FairQueue turns() {
        return turns;
    }

    Source source() {
        return source;
    }

    Duration deadline() {
        return deadline;
    }
}
