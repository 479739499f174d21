package org.lanchat.appliance.relay;

/**
 * How often presence is announced. Every announcement goes to every logged-in connection, so at a fixed interval
 * a login storm costs the appliance (online × announcements per second) frames: quadratic in the storm, and with
 * TLS each one is a record to encrypt and a system call. The interval therefore grows with the number online, one
 * tick for each started thousand, up to {@link #MAX_TICKS}: about 5,000 presence frames a second at most however
 * many are online, and an office of a few hundred still sees colleagues come and go within one tick.
 *
 * <p>Asked once per tick by the one housekeeping thread; not thread-safe.
 */
public final class PresenceCadence {
    /** At most this many ticks between announcements (2 s at the appliance's 200 ms tick). */
    public static final int MAX_TICKS = 10;
    static final int USERS_PER_TICK = 1_000;

    private int ticksSinceAnnounced;

    /** Whether this tick announces, with {@code online} users announced last time. */
    public boolean due(int online) {
        ticksSinceAnnounced++;
        if (ticksSinceAnnounced < ticks(online)) {
            return false;
        }
        ticksSinceAnnounced = 0;
        return true;
    }

    /** Ticks between announcements with {@code online} users online. */
    static int ticks(int online) {
        int thousands = (Math.max(online, 1) + USERS_PER_TICK - 1) / USERS_PER_TICK;
        return Math.min(MAX_TICKS, thousands);
    }
}
