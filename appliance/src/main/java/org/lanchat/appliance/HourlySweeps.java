package org.lanchat.appliance;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's hourly clean-ups (expired resume tokens, ended peer keys, expired files): each deletes what has
 * run out, says how much when it was anything, and one that fails (the database away) is logged and runs again the
 * next hour. They start a few minutes apart, so they do not all reach the database at once.
 */
final class HourlySweeps {
    private static final Logger log = LoggerFactory.getLogger(HourlySweeps.class);

    private final ScheduledExecutorService housekeeping;

    HourlySweeps(ScheduledExecutorService housekeeping) {
        this.housekeeping = housekeeping;
    }

    /**
     * @param doing    what the sweep does, for a failure: "Expiring resume tokens"
     * @param done     the log line for what it deleted, with {@code {}} for the count; null when the sweep says so itself
     */
    void every(long firstAfterMinutes, String doing, String done, IntSupplier sweep) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int removed = sweep.getAsInt();
                if (removed > 0 && done != null) {
                    log.info(done, removed);
                }
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", doing, e.getMessage());
            }
        }, firstAfterMinutes, 60, TimeUnit.MINUTES);
    }
}
