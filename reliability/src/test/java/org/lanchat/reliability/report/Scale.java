package org.lanchat.reliability.report;

import java.time.Duration;

/**
 * Sizes of the fault and hostile scenarios. {@code mvn verify} runs them small enough for CI (well under
 * the suite's time budget on two cores); {@code reliability/run.sh} sets {@code -Dlanchat.reliability.full=true}
 * and runs them at the sizes the reliability report quotes (10,000 reconnecting clients, 2,000 slowloris
 * connections, 60 s network cuts, 30 s database outages).
 */
public final class Scale {
    public static final boolean FULL = Boolean.getBoolean("lanchat.reliability.full");

    private Scale() {
    }

    public static int pick(int ci, int full) {
        return FULL ? full : ci;
    }

    public static Duration pick(Duration ci, Duration full) {
        return FULL ? full : ci;
    }

    public static String pick(String ci, String full) {
        return FULL ? full : ci;
    }

    public static String name() {
        return FULL ? "full" : "ci";
    }
}
