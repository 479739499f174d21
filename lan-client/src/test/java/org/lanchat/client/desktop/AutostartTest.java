package org.lanchat.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Start when I log in" is off until turned on, and writes what the desktop reads at login. */
class AutostartTest {
    @TempDir
    Path dir;

    @Test
    void onLinuxItWritesAnXdgAutostartEntryThatStartsTheAppInTheBackground() throws IOException {
        XdgAutostart autostart = new XdgAutostart(dir.resolve("autostart"),
                List.of("/opt/lanchat client/bin/lanchat", Autostart.BACKGROUND));
        assertThat(autostart.enabled()).as("opt-in").isFalse();

        autostart.enable();

        Path file = dir.resolve("autostart").resolve("lanchat.desktop");
        assertThat(autostart.enabled()).isTrue();
        assertThat(Files.readAllLines(file)).contains("[Desktop Entry]", "Type=Application", "Name=LAN Chat",
                "Exec=\"/opt/lanchat client/bin/lanchat\" --background", "Terminal=false");

        autostart.disable();
        assertThat(file).doesNotExist();
        assertThat(autostart.enabled()).isFalse();
    }

    @Test
    void specialCharactersInTheCommandAreQuotedAsTheDesktopEntrySpecificationSays() {
        XdgAutostart autostart = new XdgAutostart(dir, List.of("/home/a$b/100%/lanchat", "--background"));

        assertThat(autostart.entry()).contains("Exec=\"/home/a\\$b/100%%/lanchat\" --background");
    }

    @Test
    void onWindowsItSetsTheRunKeyValueForTheUser() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        boolean[] present = {false};
        WindowsRunKey autostart = new WindowsRunKey(List.of("C:\\Program Files\\LAN Chat\\LAN Chat.exe", "--background"),
                arguments -> {
                    calls.add(arguments);
                    switch (arguments.getFirst()) {
                        case "add" -> present[0] = true;
                        case "delete" -> present[0] = false;
                        default -> {
                        }
                    }
                    return arguments.getFirst().equals("query") && !present[0] ? 1 : 0;
                });

        assertThat(autostart.enabled()).isFalse();
        autostart.enable();

        assertThat(calls).contains(List.of("add", WindowsRunKey.KEY, "/v", "LAN Chat", "/t", "REG_SZ", "/d",
                "\"C:\\Program Files\\LAN Chat\\LAN Chat.exe\" --background", "/f"));
        assertThat(autostart.enabled()).isTrue();
        autostart.disable();
        assertThat(calls.getLast()).isEqualTo(List.of("delete", WindowsRunKey.KEY, "/v", "LAN Chat", "/f"));
    }

    @Test
    void theStartedAppIsToldToStayInTheBackgroundOnce() {
        List<String> command = Autostart.launchCommand();

        assertThat(command).endsWith(Autostart.BACKGROUND);
        assertThat(command.stream().filter(Autostart.BACKGROUND::equals)).hasSize(1);
    }
}
