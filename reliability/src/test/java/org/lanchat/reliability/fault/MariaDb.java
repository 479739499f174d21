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
 */
final class MariaDb {
    private MariaDb() {
    }

    static void shutdown() {
        run(List.of("mariadb-admin", "--host=127.0.0.1", "--user=root", "shutdown"));
        await().atMost(Duration.ofMinutes(1)).until(() -> !answers());
    }

    static void start() {
        if (answers()) {
            return;
        }
        run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(MariaDb::answers);
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
