package org.lanchat.discovery.locate;

import java.util.Objects;

/**
 * A host and port as a person types them: {@code appliance.office.lan}, {@code 192.168.1.20:7447},
 * {@code [fe80::1%eth0]:7447}.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port} or {@code [ipv6]:port}; a bare IPv6 address has no port.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static HostPort parse(String text, int defaultPort) {
        String value = text.strip();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
            }
            String host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "': expected ':port' after ']'");
            }
            return new HostPort(host, port(text, rest.substring(1)));
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.indexOf(':') != colon) {
            return new HostPort(value, defaultPort);
        }
        return new HostPort(value.substring(0, colon), port(text, value.substring(colon + 1)));
    }

    private static int port(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + port + "' is not a port number", e);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
