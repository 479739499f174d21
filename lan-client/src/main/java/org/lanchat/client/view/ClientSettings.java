package org.lanchat.client.view;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's preferences (text zoom, sending read marks, …) in {@value #FILE} in the client's data directory: read once
 * at start, written in the background after each change (to a temporary file, then moved over the old one, so
 * a crash never leaves half a file). A missing or unreadable file means the defaults.
 */
final class ClientSettings {
    static final String FILE = "desktop-settings.properties";
    private static final Logger log = LoggerFactory.getLogger(ClientSettings.class);

    private final Path file;
    private final Executor background;
    private final Properties values = new Properties();

    private ClientSettings(Path file, Executor background) {
        this.file = file;
        this.background = background;
    }

    static ClientSettings open(Path dataDir, Executor background) {
        ClientSettings settings = new ClientSettings(dataDir.resolve(FILE), background);
        if (Files.isRegularFile(settings.file)) {
            try (Reader in = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Could not read {}, using the defaults: {}", settings.file, e.toString());
            }
        }
        return settings;
    }

    synchronized double number(String key, double fallback) {
        try {
            return Double.parseDouble(values.getProperty(key, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    synchronized boolean flag(String key, boolean fallback) {
        String value = values.getProperty(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    synchronized String text(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    synchronized void put(String key, String value) {
        values.setProperty(key, value);
        Properties copy = new Properties();
        copy.putAll(values);
        background.execute(() -> save(copy));
    }

    private synchronized void save(Properties copy) {
        try {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                copy.store(out, "LAN Chat desktop settings");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not save {}: {}", file, e.toString());
        }
    }
}
