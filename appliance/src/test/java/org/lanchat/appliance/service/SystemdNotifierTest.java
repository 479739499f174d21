package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify through the real libsystemd, to a socket standing in for systemd. */
class SystemdNotifierTest {
    @TempDir
    Path dir;

    @Test
    void withoutANotifySocketNothingIsSent() {
        assertThat(ServiceManager.fromEnvironment(Map.of())).isSameAs(ServiceManager.NONE);
        assertThat(ServiceManager.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000")).watchdogTimeout()).isEmpty();
    }

    @Test
    void aNotifySocketInTheEnvironmentSelectsLibsystemdAndItsWatchdog() {
        // libsystemd itself reads NOTIFY_SOCKET from the process environment; ServiceNotifyProcessTest
        // runs the appliance as a process with it set, against a real socket.
        ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("notify").toString(),
                "WATCHDOG_USEC", "30000000"));
        assertThat(manager).isInstanceOf(SystemdNotifier.class);
        assertThat(manager.watchdogTimeout()).contains(Duration.ofSeconds(30));
    }

    @Test
    void messagesFollowTheSdNotifyFormat() {
        List<String> sent = new ArrayList<>();
        SystemdNotifier manager = new SystemdNotifier(state -> {
            sent.add(state);
            return 1;
        }, Optional.empty());
        manager.status("Not ready: database\nunreachable");
        manager.extendStartTimeout(Duration.ofSeconds(31));
        manager.ready("Serving on port 7447");
        manager.watchdogAlive();
        manager.stopping("Shutting down");
        assertThat(sent).containsExactly(
                "STATUS=Not ready: database unreachable",
                "EXTEND_TIMEOUT_USEC=31000000",
                "READY=1\nSTATUS=Serving on port 7447",
                "WATCHDOG=1",
                "STOPPING=1\nSTATUS=Shutting down");
    }

    @Test
    void theWatchdogBelongsToThePidSystemdNamed() {
        assertThat(WatchdogSetting.parse(Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "42"), 42)).contains(Duration.ofSeconds(60));
        assertThat(WatchdogSetting.parse(Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "41"), 42)).isEmpty();
        assertThat(WatchdogSetting.parse(Map.of("WATCHDOG_USEC", "0"), 42)).isEmpty();
        assertThat(WatchdogSetting.parse(Map.of("WATCHDOG_USEC", "soon"), 42)).isEmpty();
    }

    @Test
    void aFailedSendIsReportedOnceAndDoesNotThrow() {
        List<String> sent = new ArrayList<>();
        SystemdNotifier notifier = new SystemdNotifier(state -> {
            sent.add(state);
            return -111;
        }, Optional.empty());
        notifier.watchdogAlive();
        notifier.watchdogAlive();
        assertThat(sent).hasSize(2);
    }
}
