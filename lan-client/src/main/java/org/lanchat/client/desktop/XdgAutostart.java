package org.lanchat.client.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An XDG autostart entry: {@value #FILE_NAME} in {@code ~/.config/autostart}, which GNOME, KDE, Xfce and the
 * others start at login (freedesktop.org Desktop Application Autostart Specification).
 */
public record XdgAutostart(Path autostartDir, List<String> command) implements Autostart {
    public static final String FILE_NAME = "lanchat.desktop";

    public XdgAutostart {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to start");
        }
    }

    public Path file() {
        return autostartDir.resolve(FILE_NAME);
    }

    @Override
    public boolean enabled() {
        return Files.isRegularFile(file());
    }

    @Override
    public void enable() throws IOException {
        Files.createDirectories(autostartDir);
        Files.writeString(file(), entry(), StandardCharsets.UTF_8);
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file());
    }

    /** The desktop entry; {@code Exec} quoted as the Desktop Entry Specification says. */
    String entry() {
        return """
                [Desktop Entry]
                Type=Application
                Name=LAN Chat
                Comment=Office chat on the LAN, started in the tray
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(command.stream().map(XdgAutostart::quote).collect(Collectors.joining(" ")));
    }

    private static String quote(String argument) {
        String escapedPercent = argument.replace("%", "%%");
        if (escapedPercent.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`=".indexOf(c) >= 0)) {
            return escapedPercent;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : escapedPercent.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
