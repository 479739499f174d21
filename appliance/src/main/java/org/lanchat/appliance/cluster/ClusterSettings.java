package org.lanchat.appliance.cluster;

import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * How this member reaches the bus: the NATS servers ({@code --cluster}) and, when the servers require it, the
 * credentials read from a file ({@code --cluster-credentials}), never from the command line where any local user
 * could read them.
 */
public record ClusterSettings(List<String> servers, Credentials credentials) {
    public ClusterSettings {
        servers = List.copyOf(servers);
    }

    /** How this member proves itself to the NATS servers. */
    public sealed interface Credentials {
        void applyTo(Options.Builder options);

        /** Reads a credentials file: a NATS {@code .creds} file, or {@code user=}/{@code password=} or {@code token=} lines. */
        static Credentials read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.contains("-----BEGIN NATS USER JWT-----")) {
                return new CredsFile(file);
            }
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            String user = properties.getProperty("user");
            String password = properties.getProperty("password");
            String token = properties.getProperty("token");
            if (token != null && user == null && password == null) {
                return new Token(token.strip());
            }
            if (user != null && password != null && token == null) {
                return new UserPassword(user.strip(), password.strip());
            }
            throw new IOException(file + " holds no NATS credentials: expected a .creds file from nsc, the two lines"
                    + " user=NAME and password=SECRET, or the one line token=SECRET");
        }
    }

    /** No credentials: the servers accept anyone who reaches them. */
    public record None() implements Credentials {
        @Override
        public void applyTo(Options.Builder options) {
        }
    }

    public record UserPassword(String user, String password) implements Credentials {
        @Override
        public void applyTo(Options.Builder options) {
            options.userInfo(user.toCharArray(), password.toCharArray());
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password=***]";
        }
    }

    public record Token(String token) implements Credentials {
        @Override
        public void applyTo(Options.Builder options) {
            options.token(token.toCharArray());
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** A decentralized-auth {@code .creds} file (JWT and NKey seed), read by jnats itself. */
    public record CredsFile(Path file) implements Credentials {
        @Override
        public void applyTo(Options.Builder options) {
            options.authHandler(Nats.credentials(file.toString()));
        }
    }
}
