package org.lanchat.client.desktop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Start when I log in", off unless the user turns it on. The started app runs with {@code --background}: in the
 * tray, without opening its window.
 */
public sealed interface Autostart permits XdgAutostart, WindowsRunKey {
    /** What the started app is told, beyond the command that starts it. */
    String BACKGROUND = "--background";

    boolean enabled();

    void enable() throws IOException;

    void disable() throws IOException;

    /** For this computer: XDG autostart on Linux and other Unix desktops, the Run key on Windows; none on macOS. */
    static Optional<Autostart> forThisComputer() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = launchCommand();
        if (os.startsWith("windows")) {
            return Optional.of(new WindowsRunKey(command, WindowsRunKey.REG));
        }
        if (os.contains("mac")) {
            return Optional.empty();
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return Optional.of(new XdgAutostart(base.resolve("autostart"), command));
    }

    /**
     * How this app was started, to start it the same way: the installed launcher when there is one (jpackage
     * says where), else this JVM's command line.
     */
    static List<String> launchCommand() {
        List<String> command = new ArrayList<>();
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            command.add(launcher);
        } else {
            ProcessHandle.Info info = ProcessHandle.current().info();
            info.command().ifPresent(command::add);
            info.arguments().ifPresent(args -> command.addAll(List.of(args)));
        }
        command.remove(BACKGROUND);
        command.add(BACKGROUND);
        return List.copyOf(command);
    }
}
