package org.lanchat.reliability.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the local MariaDB server (127.0.0.1:3306), for the one scenario that restarts it on
 * purpose. {@link #start()} is idempotent and waits until the server answers, so a {@code finally} can
 * always bring it back.
 *
 * <p>The server stops answering well before its process has exited (it still flushes InnoDB), and
 * {@code start-stop-daemon --oknodo} does nothing while that process lives; so shutdown waits for the
 * process to be gone, and start issues the start again whenever no server process exists.
 */
final class MariaDb {
    private MariaDb() {
    }

    static void shutdown() {
        run(List.of("mariadb-admin", "--host=127.0.0.1", "--user=root", "shutdown"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> !answers() && !processRuns());
    }

    static void start() {
        if (answers()) {
            return;
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (answers()) {
                return true;
            }
            if (!processRuns()) {
                run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
            }
            return false;
        });
    }

    private static boolean processRuns() {
        return run(List.of("pgrep", "-x", "mariadbd")) == 0;
    }

    static boolean answers() {
        return run(List.of("mariadb-admin", "--host=127.0.0.1", "--user=root", "--connect-timeout=2", "ping")) == 0;
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
