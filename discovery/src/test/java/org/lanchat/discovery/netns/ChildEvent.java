package org.lanchat.discovery.netns;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the child processes' event protocol: {@code LCT <type> key=value ...}, values URL-encoded
 * so that names with spaces survive. Children print these on stdout; logs go to stderr.
 */
public record ChildEvent(String type, Map<String, String> fields) {
    public static final String PREFIX = "LCT ";

    public static Optional<ChildEvent> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = line.substring(PREFIX.length()).strip().split(" ");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                fields.put(parts[i].substring(0, equals),
                        URLDecoder.decode(parts[i].substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(new ChildEvent(parts[0], fields));
    }

    /** Prints an event on stdout, for child mains. Pairs of key and value follow the type. */
    public static void emit(String type, Object... keyValues) {
        StringBuilder line = new StringBuilder(PREFIX).append(type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=')
                    .append(URLEncoder.encode(String.valueOf(keyValues[i + 1]), StandardCharsets.UTF_8));
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    public String get(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new AssertionError("event " + this + " has no " + key);
        }
        return value;
    }
}
