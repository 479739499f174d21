package org.lanchat.discovery.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.discovery.InterfaceSelection;

/** {@code --key value} and {@code --flag} arguments of the child mains. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            values.put(key, flag ? "true" : args[++i]);
        }
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * A value passed URL-encoded: names with non-ASCII characters reach the child intact whatever the
     * platform's encoding for command lines is.
     */
    String text(String key) {
        return java.net.URLDecoder.decode(get(key), java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean flag(String key) {
        return values.containsKey(key);
    }

    /** {@code --interfaces lan1,lan2 [--ipv6] [--rescan-ms 500]}. */
    InterfaceSelection interfaces() {
        List<String> names = new ArrayList<>(List.of(get("interfaces").split(",")));
        return InterfaceSelection.only(names).withIpv6(flag("ipv6"))
                .withRescanInterval(Duration.ofMillis(Long.parseLong(get("rescan-ms", "1000"))));
    }
}
