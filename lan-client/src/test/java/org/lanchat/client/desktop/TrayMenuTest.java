package org.lanchat.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayMenuTest {
    @TempDir
    Path dir;
    final List<String> done = new ArrayList<>();

    @Test
    void startWhenILogInIsOffUntilTickedAndWritesTheAutostartEntry() {
        XdgAutostart autostart = new XdgAutostart(dir, List.of("lanchat", Autostart.BACKGROUND));
        TrayMenu menu = new TrayMenu(() -> done.add("open"), () -> done.add("quit"), Optional.of(autostart), done::add);

        assertThat(menu.offersAutostart()).isTrue();
        assertThat(menu.startsAtLogin()).isFalse();
        assertThat(menu.startAtLogin(true)).isTrue();
        assertThat(autostart.file()).exists();
        assertThat(menu.startAtLogin(false)).isFalse();
        assertThat(autostart.file()).doesNotExist();

        menu.open();
        menu.quit();
        assertThat(done).containsExactly("open", "quit");
    }

    @Test
    void aFailureToChangeItIsToldAndTheTickShowsWhatIsTrue() throws IOException {
        Path blocked = Files.writeString(dir.resolve("a-file"), "not a directory");
        XdgAutostart autostart = new XdgAutostart(blocked.resolve("autostart"), List.of("lanchat"));
        TrayMenu menu = new TrayMenu(() -> { }, () -> { }, Optional.of(autostart), done::add);

        assertThat(menu.startAtLogin(true)).isFalse();
        assertThat(done).singleElement().asString().startsWith("LAN Chat could not change \"Start when I log in\"");
    }

    @Test
    void withoutAutostartOnThisSystemTheItemIsNotOffered() {
        TrayMenu menu = new TrayMenu(() -> { }, () -> { }, Optional.empty(), done::add);

        assertThat(menu.offersAutostart()).isFalse();
        assertThat(menu.startAtLogin(true)).isFalse();
    }
}
