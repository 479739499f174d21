package org.lanchat.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that stands still until the test moves it on, running the delayed tasks then due, in time order. */
final class ManualTime implements Delays, InstantSource {
    private record Due(Instant at, long order, Runnable task) {
    }

    private final List<Due> due = new ArrayList<>();
    private Instant now;
    private long scheduled;

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public void after(Duration delay, Runnable task) {
        due.add(new Due(now.plus(delay), scheduled++, task));
    }

    /** Moves the time on by {@code step}, running each task that falls due on the way at its own time. */
    void advance(Duration step) {
        Instant until = now.plus(step);
        while (true) {
            Due next = due.stream().filter(d -> !d.at().isAfter(until))
                    .min(Comparator.comparing(Due::at).thenComparingLong(Due::order)).orElse(null);
            if (next == null) {
                break;
            }
            due.remove(next);
            now = next.at();
            next.task().run();
        }
        now = until;
    }
}
