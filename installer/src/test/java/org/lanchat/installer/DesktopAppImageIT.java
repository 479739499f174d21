package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
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
    /** The start-up archive of this build, under the user's home (docs/PERFORMANCE.md, "Start-up"). */
    private static final String ARCHIVE = ".cache/lanchat/lanchat-client-" + System.getProperty("lanchat.desktop.build") + ".jsa";

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
                .anyMatch(line -> line.contains("lanchat-client-")).noneMatch(line -> line.contains("javafx"))
                // A library the client declares and the installer's own test scope once shadowed.
                .as("JNA, for the desktop's input idle time").anyMatch(line -> line.contains("jna-"));
        String modules = Shell.run(Duration.ofMinutes(1), IMAGE.resolve("lib/runtime/bin/java").toString(), "--list-modules")
                .ok().output();
        assertThat(modules).contains("javafx.controls@", "javafx.graphics@", "java.desktop@");
        assertThat(IMAGE.resolve("lib/runtime/lib/libglassgtk3.so")).as("JavaFX's native code beside the JDK's").exists();
    }

    @Test
    void theLauncherOpensTheClientsWindow() throws IOException {
        Shell.Result launch = launch(home("plain"));
        assertThat(launch.exit()).as(launch.output()).isZero();
        assertThat(launch.output()).as("the client's first window").contains("window \"LAN Chat");
    }

    @Test
    void theLauncherStartsTheJvmWithTheStartUpArchiveInTheUsersCacheOnTheRuntimesOwnArchive() throws IOException {
        String config = Files.readString(IMAGE.resolve("lib/app/lanchat.cfg"));
        assertThat(config).contains("java-options=-XX:+AutoCreateSharedArchive",
                "java-options=-XX:SharedArchiveFile=$HOME/" + ARCHIVE,
                "java-options=-Dlanchat.client.startupArchive=$HOME/" + ARCHIVE, "java-options=-Xlog:cds*=off");
        assertThat(IMAGE.resolve("lib/runtime/lib/server/classes.jsa"))
                .as("the base archive, without which the JVM ignores -XX:+AutoCreateSharedArchive").isNotEmptyFile();
    }

    @Test
    void theFirstLaunchWritesTheStartUpArchiveTheNextMapsItAndADamagedOneIsWrittenAnew() throws IOException {
        Requirements.tools("xvfb-run", "xwininfo", "unshare");
        Requirements.root();
        Path home = home("archive");
        Path archive = home.resolve(ARCHIVE);

        // Tried: a first launch in a home with no ~/.cache at all.
        assertWindow(launch(home));
        assertThat(archive).as("written by the JVM as the app exited, in the folder the app made").isNotEmptyFile();
        byte[] recorded = Files.readAllBytes(archive);

        // Tried: the next launch, which maps the archive and so leaves it as it was.
        assertWindow(launch(home));
        assertThat(Files.readAllBytes(archive)).as("mapped, not written again").isEqualTo(recorded);

        // Tried: the archive cut short, as a crash while writing it would leave it: the JVM writes it anew at exit.
        Files.write(archive, Arrays.copyOf(recorded, recorded.length / 2));
        assertWindow(launch(home));
        assertWholeArchive(archive, recorded);

        // Tried: random bytes, which the JVM never replaces: the app removes them, and the next exit writes an archive.
        Files.write(archive, new SecureRandom().generateSeed(64 * 1024));
        assertWindow(launch(home));
        assertThat(archive).doesNotExist();
        assertWindow(launch(home));
        assertWholeArchive(archive, recorded);
    }

    private static void assertWholeArchive(Path archive, byte[] recorded) throws IOException {
        byte[] written = Files.readAllBytes(archive);
        assertThat(written.length).as("a whole archive").isGreaterThan(recorded.length / 2);
        assertThat(Arrays.copyOf(written, 4)).as("an archive's magic number").isEqualTo(Arrays.copyOf(recorded, 4));
    }

    @Test
    void anEarlierBuildsArchiveMakesWayForThisBuildsOwn() throws IOException {
        Requirements.tools("xvfb-run", "xwininfo", "unshare");
        Requirements.root();
        Path home = home("upgraded");
        // Tried: the archive an earlier build's launcher wrote, which this build's JVM would find stale but never replace.
        Path earlier = Files.writeString(Files.createDirectories(home.resolve(".cache/lanchat"))
                .resolve("lanchat-client-20261101000000.jsa"), "an earlier build's archive");

        assertWindow(launch(home));

        assertThat(earlier).doesNotExist();
        assertThat(home.resolve(ARCHIVE)).isNotEmptyFile();
    }

    @Test
    void aCacheFolderThatCannotBeWrittenCostsTheArchiveButNotTheWindow() throws IOException {
        Requirements.tools("xvfb-run", "xwininfo", "unshare");
        Requirements.root();
        Path home = home("unwritable");
        // Tried: a file where ~/.cache should be, so neither the app nor the JVM can make the archive's folder.
        Files.writeString(home.resolve(".cache"), "not a folder");

        Shell.Result launch = launch(home);

        assertThat(launch.output()).as("the client's first window").contains("window \"LAN Chat");
        assertThat(home.resolve(".cache")).isRegularFile();
    }

    private static void assertWindow(Shell.Result launch) {
        assertThat(launch.exit()).as(launch.output()).isZero();
        assertThat(launch.output()).as("the client's first window").contains("window \"LAN Chat");
    }

    private static Path home(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /**
     * Starts the image's launcher with {@code home} as the user's home, waits for the top-level window "LAN Chat: ..."
     * on a virtual display and for its start page (the client's log says when it is shown: the "Starting…" window
     * alone would not show that the image can run the client's services), then closes the app as a desktop would
     * (SIGTERM) and waits for the JVM to end.
     */
    private static Shell.Result launch(Path home) {
        Requirements.tools("xvfb-run", "xwininfo", "unshare");
        Requirements.root(); // for a network namespace of its own
        String script = """
                HOME="$2" "$1" --no-discovery --data-dir="$2/data" > "$2/client.log" 2>&1 &
                app=$!
                for i in $(seq 1 200); do
                  title=$(xwininfo -root -tree | grep -o '"LAN Chat[^"]*"' | head -n 1)
                  [ -n "$title" ] && grep -q "Start page shown" "$2/client.log" && {
                    echo "window $title"; kill $app; wait $app; echo "exit $?"; exit 0; }
                  kill -0 $app 2>/dev/null || { echo "the client exited"; cat "$2/client.log"; exit 1; }
                  sleep 0.3
                done
                echo "no window with its start page"; kill $app; cat "$2/client.log"; exit 1
                """;
        return Shell.run(LAUNCH, "unshare", "--net", "xvfb-run", "--auto-servernum",
                "--server-args=-screen 0 1280x800x24", "sh", "-c", script, "sh", IMAGE.resolve("bin/lanchat").toString(),
                home.toString());
    }
}
