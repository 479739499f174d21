package org.lanchat.appliance.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database can write, and if not why: failures and successful writes are reported here by
 * {@link Database}, and each change of state is logged once, naming the cause, and told to the listeners
 * (the service status). While the fault lasts, further failures are counted, not logged one by one: a
 * reminder with the count goes out at most once per {@link #REMINDER_INTERVAL}, so a full disk under load
 * writes a few lines instead of one per refused send.
 */
public final class DatabaseHealth {
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

    /** The database's state as the appliance sees it: no fault, or the fault and since when. */
    public record Condition(Optional<StorageFault> fault, String detail, long sinceNanos) {
        public boolean healthy() {
            return fault.isEmpty();
        }

        /** One line for the service status and the logs. */
        public String describe() {
            return fault.map(f -> f.description() + " (" + detail + ")").orElse("the database writes");
        }
    }

    private final LongSupplier nanoClock;
    private final CopyOnWriteArrayList<Consumer<Condition>> listeners = new CopyOnWriteArrayList<>();
    private Condition condition;
    private long failuresSinceReminder;
    private long lastReminderNanos;

    public DatabaseHealth() {
        this(System::nanoTime);
    }

    DatabaseHealth(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.condition = new Condition(Optional.empty(), "", nanoClock.getAsLong());
    }

    /** Called with every change of condition, on the thread that noticed it. */
    public void onChange(Consumer<Condition> listener) {
        listeners.add(listener);
    }

    public synchronized Condition condition() {
        return condition;
    }

    /** Whether a fault has lasted longer than {@code limit}: then only a restart is left to try. */
    public synchronized boolean faultLongerThan(Duration limit) {
        return !condition.healthy() && nanoClock.getAsLong() - condition.sinceNanos() > limit.toNanos();
    }

    /** An operation failed; returns the fault it was put down to. */
    StorageFault failed(Throwable failure) {
        StorageFault named = StorageFault.of(failure);
        Condition changed = null;
        synchronized (this) {
            // Once a cause is known, errors that name none ("The database has been closed") are its echoes.
            StorageFault fault = named == StorageFault.UNAVAILABLE ? condition.fault().orElse(named) : named;
            long now = nanoClock.getAsLong();
            if (condition.fault().filter(f -> f == fault).isEmpty()) {
                condition = new Condition(Optional.of(fault), Database.rootMessage(failure), now);
                failuresSinceReminder = 0;
                lastReminderNanos = now;
                changed = condition;
                log.error("Database unusable: {}. Sends are refused with store_unavailable (none acknowledged) "
                        + "until it can; the appliance retries every second by itself.", condition.describe());
            } else {
                failuresSinceReminder++;
                if (now - lastReminderNanos >= REMINDER_INTERVAL.toNanos()) {
                    log.warn("Database still unusable after {} s: {}; {} operations failed in the last {} s",
                            Duration.ofNanos(now - condition.sinceNanos()).toSeconds(), condition.describe(),
                            failuresSinceReminder, Duration.ofNanos(now - lastReminderNanos).toSeconds());
                    failuresSinceReminder = 0;
                    lastReminderNanos = now;
                }
            }
        }
        notifyListeners(changed);
        return named;
    }

    /** A write was committed: whatever was wrong is over. */
    void wrote() {
        Condition changed = null;
        synchronized (this) {
            if (!condition.healthy()) {
                long now = nanoClock.getAsLong();
                log.info("Database writes again after {} s of: {}", Duration.ofNanos(now - condition.sinceNanos()).toSeconds(),
                        condition.describe());
                condition = new Condition(Optional.empty(), "", now);
                changed = condition;
            }
        }
        notifyListeners(changed);
    }

    private void notifyListeners(Condition changed) {
        if (changed != null) {
            listeners.forEach(l -> l.accept(changed));
        }
    }
}
