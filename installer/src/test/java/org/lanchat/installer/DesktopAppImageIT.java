package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop client's app image for Linux office PCs, as jpackage made it in this build: a launcher, its
 * own Java runtime with JavaFX in it, and the client's jars; and the launcher really opens the client's
 * window, on a virtual display (Xvfb), in a network namespace of its own with nothing but loopback, and
 * with discovery off, so that nothing reaches this machine's network.
 */
@Tag("slow")
class DesktopAppImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("lanchat.desktop.image", "target/desktop/image/lanchat"));
    private static final Duration LAUNCH = Duration.ofMinutes(2);

    @TempDir
    static Path work;

    @BeforeAll
    static void linux() {
        Requirements.linux();
        assertThat(IMAGE.resolve("bin/lanchat")).as("the build made the app image").isExecutable();
    }

    @Test
    void theImageCarriesItsOwnRuntimeWithJavaFxAndTheClientsJars() throws IOException {
        String config = Files.readString(IMAGE.resolve("lib/app/lanchat.cfg"));
        assertThat(config).contains("app.mainclass=org.lanchat.client.view.LanChatApp",
                "java-options=-Djpackage.app-version=" + System.getProperty("lanchat.desktop.version"),
                "java-options=--enable-native-access=javafx.graphics");
        assertThat(config.lines().filter(line -> line.startsWith("app.classpath=")))
                .as("JavaFX is in the runtime, not on the class path")
                .anyMatch(line -> line.contains("lanchat-client-")).noneMatch(line -> line.contains("javafx"));
        String modules = Shell.run(Duration.ofMinutes(1), IMAGE.resolve("lib/runtime/bin/java").toString(), "--list-modules")
                .ok().output();
        assertThat(modules).contains("javafx.controls@", "javafx.graphics@", "java.desktop@");
        assertThat(IMAGE.resolve("lib/runtime/lib/libglassgtk3.so")).as("JavaFX's native code beside the JDK's").exists();
    }

    @Test
    void theLauncherOpensTheClientsWindow() {
        Requirements.tools("xvfb-run", "xwininfo", "unshare");
        Requirements.root(); // for a network namespace of its own
        // Waits for the top-level window "LAN Chat: ..." on the virtual display, then closes the app as a desktop would.
        String script = """
                "$1" --no-discovery --data-dir="$2" > "$2/client.log" 2>&1 &
                app=$!
                for i in $(seq 1 200); do
                  title=$(xwininfo -root -tree | grep -o '"LAN Chat[^"]*"' | head -n 1)
                  if [ -n "$title" ]; then echo "window $title"; kill $app; wait $app; echo "exit $?"; exit 0; fi
                  kill -0 $app 2>/dev/null || { echo "the client exited"; cat "$2/client.log"; exit 1; }
                  sleep 0.3
                done
                echo "no window"; kill $app; cat "$2/client.log"; exit 1
                """;
        Shell.Result launch = Shell.run(LAUNCH, "unshare", "--net", "xvfb-run", "--auto-servernum",
                "--server-args=-screen 0 1280x800x24", "sh", "-c", script, "sh", IMAGE.resolve("bin/lanchat").toString(),
                work.toString());
        assertThat(launch.exit()).as(launch.output()).isZero();
        assertThat(launch.output()).as("the client's first window").contains("window \"LAN Chat");
    }
}
