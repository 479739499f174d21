package org.lanchat.appliance.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the watchdog that systemd armed, as {@code sd_watchdog_enabled(3)} does: {@code WATCHDOG_USEC}
 * is the timeout, and {@code WATCHDOG_PID}, when present, must name this process (a child that inherited
 * the environment must not feed its parent's watchdog).
 */
final class WatchdogSetting {
    private WatchdogSetting() {
    }

    static Optional<Duration> parse(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String forPid = environment.get("WATCHDOG_PID");
        if (forPid != null && !forPid.isBlank() && !forPid.strip().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
