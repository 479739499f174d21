package org.lanchat.appliance.service;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code sd_notify(3)} messages through libsystemd, loaded with JNA. The JDK cannot do this
 * itself: the notify socket is a Unix <em>datagram</em> socket (possibly in the abstract namespace),
 * which {@code java.nio} does not support, so we call the reference implementation instead of
 * re-implementing the protocol.
 */
final class SystemdNotifier implements ServiceManager {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
    /** The soname, not the development symlink {@code libsystemd.so}, which only libsystemd-dev installs. */
    static final String LIBRARY = "libsystemd.so.0";

    /** The one function we need from libsystemd. */
    interface LibSystemd extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    /** Where messages go; libsystemd in production, a recorder in tests. */
    @FunctionalInterface
    interface Sender {
        /** Returns what {@code sd_notify} returns: positive when sent, zero when not under systemd, negative errno. */
        int send(String state);
    }

    private final Sender sender;
    private final Optional<Duration> watchdogTimeout;
    private final AtomicBoolean warned = new AtomicBoolean();

    SystemdNotifier(Sender sender, Optional<Duration> watchdogTimeout) {
        this.sender = sender;
        this.watchdogTimeout = watchdogTimeout;
    }

    static ServiceManager create(String socket, Optional<Duration> watchdogTimeout) {
        LibSystemd library;
        try {
            library = Native.load(LIBRARY, LibSystemd.class);
        } catch (UnsatisfiedLinkError e) {
            // systemd will time the start out; say why instead of failing silently.
            log.error("Started by systemd (NOTIFY_SOCKET={}) but cannot load {} to report readiness: {}. "
                    + "Install the libsystemd0 package.", socket, LIBRARY, e.getMessage());
            return ServiceManager.NONE;
        }
        log.debug("Reporting to systemd through {} (watchdog {})", socket, watchdogTimeout.map(Duration::toString).orElse("off"));
        return new SystemdNotifier(state -> library.sd_notify(0, state), watchdogTimeout);
    }

    @Override
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    @Override
    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    @Override
    public void extendStartTimeout(Duration extension) {
        send("EXTEND_TIMEOUT_USEC=" + Math.max(1, extension.toNanos() / 1000));
    }

    @Override
    public void watchdogAlive() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    @Override
    public Optional<Duration> watchdogTimeout() {
        return watchdogTimeout;
    }

    private void send(String state) {
        int result = sender.send(state);
        if (result < 0 && warned.compareAndSet(false, true)) {
            log.warn("Could not notify systemd (sd_notify returned {}); it may consider the service failed", result);
        }
    }

    /** Each message is newline-separated assignments: a status must stay on one line. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
