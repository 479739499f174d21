package org.lanchat.client.desktop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Windows way: a value named {@value #VALUE} under {@code HKCU\...\CurrentVersion\Run}, set and removed
 * with {@code reg.exe} (no native code, and no console window at login, which a script in the Startup folder
 * would flash).
 *
 * @param reg runs a {@code reg.exe} command and answers its exit code
 */
public record WindowsRunKey(List<String> command, Reg reg) implements Autostart {
    public static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    public static final String VALUE = "LAN Chat";

    /** Runs {@code reg.exe}. */
    public interface Reg {
        int run(List<String> arguments) throws IOException;
    }

    static final Reg REG = arguments -> {
        List<String> line = new ArrayList<>();
        line.add("reg");
        line.addAll(arguments);
        try {
            return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running reg", e);
        }
    };

    public WindowsRunKey {
        command = List.copyOf(command);
    }

    @Override
    public boolean enabled() {
        try {
            return reg.run(List.of("query", KEY, "/v", VALUE)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void enable() throws IOException {
        check(reg.run(List.of("add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d", commandLine(), "/f")), "add");
    }

    @Override
    public void disable() throws IOException {
        if (enabled()) {
            check(reg.run(List.of("delete", KEY, "/v", VALUE, "/f")), "delete");
        }
    }

    /** The command as Windows reads it: each argument with a space in double quotes. */
    String commandLine() {
        return command.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).collect(Collectors.joining(" "));
    }

    private static void check(int exit, String what) throws IOException {
        if (exit != 0) {
            throw new IOException("reg " + what + " failed with exit code " + exit);
        }
    }
}
