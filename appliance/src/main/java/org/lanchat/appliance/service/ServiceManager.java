package org.lanchat.appliance.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the appliance tells the service manager that started it (systemd's {@code sd_notify} protocol).
 * Obtained with {@link #fromEnvironment}: without {@code NOTIFY_SOCKET} every call does nothing.
 */
public interface ServiceManager {
    /** For a process not started by a service manager (a terminal, a test). */
    ServiceManager NONE = new ServiceManager() {
        @Override
        public void ready(String status) {
        }

        @Override
        public void status(String status) {
        }

        @Override
        public void extendStartTimeout(Duration extension) {
        }

        @Override
        public void watchdogAlive() {
        }

        @Override
        public void stopping(String status) {
        }

        @Override
        public Optional<Duration> watchdogTimeout() {
            return Optional.empty();
        }
    };

    /** Start-up finished: clients are served. {@code status} is what {@code systemctl status} shows. */
    void ready(String status);

    /** A one-line state for {@code systemctl status}, e.g. why the appliance is not ready yet. */
    void status(String status);

    /** Still starting and making progress (waiting for the database): push the start timeout out. */
    void extendStartTimeout(Duration extension);

    /** The liveness check passed: reset the watchdog timer. */
    void watchdogAlive();

    /** An orderly shutdown has begun. */
    void stopping(String status);

    /** The watchdog timeout systemd expects us to beat ({@code WatchdogSec=}), if it armed one for this process. */
    Optional<Duration> watchdogTimeout();

    /**
     * The service manager named by the environment: systemd's notify socket when {@code NOTIFY_SOCKET}
     * is set, otherwise {@link #NONE}.
     */
    static ServiceManager fromEnvironment(Map<String, String> environment) {
        String socket = environment.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return NONE;
        }
        return SystemdNotifier.create(socket, WatchdogSetting.parse(environment, ProcessHandle.current().pid()));
    }
}
