package org.lanchat.appliance.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.discovery.ServiceDescription;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;

/**
 * Everything the appliance needs to start, validated once by {@link Builder#build()} and immutable after.
 *
 * @param bindAddress         address to listen on; {@code null} for every address
 * @param port                TCP port; 0 picks a free one (tests)
 * @param dataDir             where the embedded database, the certificate and the appliance id live
 * @param databaseUrl         JDBC URL; {@code null} for the embedded H2 database in {@code dataDir}
 * @param databasePassword    never logged; from a file, the environment or a root-only config file
 * @param insecurePlaintext   serve plain TCP instead of TLS: only for load tests on loopback
 * @param maxOutboundBytes    bytes queued for one slow client before it is disconnected
 * @param maxConcurrentHashes argon2 computations at once (each takes 19 MiB)
 * @param advertise           announce the appliance on the LAN over mDNS/DNS-SD
 * @param interfaces          network interfaces to advertise on; empty for every suitable one
 * @param rateLimits          registrations and connections per address, sends per connection and per user
 * @param clusterServers      NATS server URLs of the cluster this appliance is a member of; empty when it serves alone
 * @param clusterCredentials  file with the NATS credentials, or {@code null} when the servers need none
 * @param editWindow          how long after sending a message its sender may edit or delete it (PROTOCOL.md §7.19);
 *                            zero turns editing and deleting off
 * @param attachments         where files sent in conversations are kept, the largest file, the quota and the retention
 * @param partialFrameBytes   what partly received frames may hold together beyond their first 16 KiB each
 * @param maxConnections      connections open at once in all; 0 for as many as the open-file limit allows
 *                            ({@link org.lanchat.appliance.limits.OpenFiles})
 */
public record ApplianceConfig(
        String bindAddress,
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String name,
        int maxFrameBytes,
        Duration idleTimeout,
        Duration loginTimeout,
        Duration handshakeTimeout,
        boolean insecurePlaintext,
        int maxOutboundBytes,
        int ioThreads,
        int maxConcurrentHashes,
        boolean advertise,
        List<String> interfaces,
        RateLimits rateLimits,
        List<String> clusterServers,
        Path clusterCredentials,
        Duration editWindow,
        AttachmentSettings attachments,
        long partialFrameBytes,
        int maxConnections) {

    public static final int DEFAULT_PORT = Protocol.DEFAULT_PORT;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofHours(24);
    /** A year: longer would let an old conversation be rewritten long after everyone has read it. */
    public static final Duration MAX_EDIT_WINDOW = Duration.ofDays(366);
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 4 << 20;
    /** 64 GiB: a sanity bound on {@code --max-file-bytes}, not a recommendation. */
    public static final long MAX_FILE_BYTES = 64L << 30;
    /** Network threads and password hashes at once: one per core. */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** A DNS-SD instance name is one DNS label, with room left for a conflict's " (2)". */
    public static final int MAX_NAME_BYTES = ServiceDescription.MAX_INSTANCE_NAME_BYTES;

    public ApplianceConfig {
        interfaces = List.copyOf(interfaces);
        clusterServers = List.copyOf(clusterServers);
    }

    /** Whether this appliance is a member of a cluster ({@code --cluster}). */
    public boolean clustered() {
        return !clusterServers.isEmpty();
    }

    /** The JDBC URL actually used: the configured one, or the embedded database in the data directory. */
    public String effectiveDatabaseUrl() {
        if (databaseUrl != null) {
            return databaseUrl;
        }
        // WRITE_DELAY=0: H2 writes each commit to its file at once. Messages are durable in the journal first, which
        // deletes a segment once H2 has committed its messages and synced its file; so that commit must be in the file.
        // CACHE_SIZE=8192 (KB): half of H2's default page cache. A cached page lives a few seconds, long enough for the
        // collector to copy it at every young pause in between: with 8 MB, full-size W3 had shorter pauses and a lower
        // private tail; with 4 MB it fell behind at 20,000 msgs/s, reading evicted pages back (docs/PERFORMANCE.md).
        return "jdbc:h2:file:" + embeddedDatabaseDirectory().resolve("lanchat").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=8192";
    }

    /** Where the embedded database keeps its files. */
    public Path embeddedDatabaseDirectory() {
        return dataDir.resolve("db");
    }

    /** The journal in front of the embedded database: messages committed and not yet written into it. */
    public Path journalDirectory() {
        return dataDir.resolve("journal");
    }

    /** The embedded database's one file, which H2 locks while the database is open. */
    public Path embeddedDatabaseFile() {
        return embeddedDatabaseDirectory().resolve("lanchat.mv.db");
    }

    public boolean usesEmbeddedDatabase() {
        return databaseUrl == null || databaseUrl.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "ApplianceConfig[bind=" + (bindAddress == null ? "*" : bindAddress) + ", port=" + port
                + ", dataDir=" + dataDir + ", database=" + redact(effectiveDatabaseUrl()) + ", name=" + name
                + ", insecurePlaintext=" + insecurePlaintext + ", " + rateLimits
                + ", advertise=" + (advertise ? (interfaces.isEmpty() ? "all suitable interfaces" : interfaces) : "off")
                + (clustered() ? ", cluster=" + clusterServers : "") + "]";
    }

    /** JDBC URLs may carry a password parameter; never print it. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/@:?;]*:)[^/@]*@", "$1***@"); // user:password@host, which Connector/J also takes
    }

    public static Builder builder() {
        return new Builder();
    }

    /** "LAN Chat on <host>", from the kernel's host name without a DNS lookup. */
    public static String defaultName() {
        return ServiceDescription.defaultInstanceName();
    }

    /**
     * Collects settings, then {@link #build()} checks them all at once and reports every problem, each
     * naming the setting (as its command-line option) and the allowed range.
     */
    public static final class Builder {
        private String bindAddress;
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private String databaseUrl;
        private String databaseUser;
        private String databasePassword;
        private String name;
        private int maxFrameBytes = FrameLimits.DEFAULT_MAX_FRAME_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private boolean insecurePlaintext;
        private int maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BYTES;
        private long partialFrameBytes;
        private int maxConnections;
        private int ioThreads = DEFAULT_THREADS;
        private int maxConcurrentHashes = DEFAULT_THREADS;
        private boolean advertise = true;
        private List<String> interfaces = List.of();
        private RateLimits rateLimits = RateLimits.DEFAULTS;
        private List<String> clusterServers = List.of();
        private Path clusterCredentials;
        private Duration editWindow = DEFAULT_EDIT_WINDOW;
        private Path attachmentsDir;
        private long maxFileBytes = AttachmentSettings.DEFAULT_MAX_FILE_BYTES;
        private long attachmentQuotaBytes = AttachmentSettings.DEFAULT_QUOTA_BYTES;
        private Duration attachmentRetention = AttachmentSettings.DEFAULT_RETENTION;

        private Builder() {
        }

        public Builder bindAddress(String value) {
            bindAddress = blankToNull(value);
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder databaseUrl(String value) {
            databaseUrl = blankToNull(value);
            return this;
        }

        public Builder databaseUser(String value) {
            databaseUser = blankToNull(value);
            return this;
        }

        public Builder databasePassword(String value) {
            databasePassword = value;
            return this;
        }

        public Builder name(String value) {
            name = blankToNull(value);
            return this;
        }

        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder loginTimeout(Duration value) {
            loginTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder insecurePlaintext(boolean value) {
            insecurePlaintext = value;
            return this;
        }

        /**
         * What partly received frames of all connections may hold together beyond their first 16 KiB each (PROTOCOL.md
         * §2); by default a quarter of the heap. Not an option of the command line: the heap is what an administrator
         * sizes, and tests set it small.
         */
        public Builder partialFrameBytes(long value) {
            partialFrameBytes = value;
            return this;
        }

        public Builder maxOutboundBytes(int value) {
            maxOutboundBytes = value;
            return this;
        }

        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        public Builder maxConcurrentHashes(int value) {
            maxConcurrentHashes = value;
            return this;
        }

        public Builder advertise(boolean value) {
            advertise = value;
            return this;
        }

        public Builder interfaces(List<String> value) {
            interfaces = value == null ? List.of() : value.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return this;
        }

        public Builder rateLimits(RateLimits value) {
            rateLimits = value;
            return this;
        }

        public Builder clusterServers(List<String> value) {
            clusterServers = value == null ? List.of() : value.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return this;
        }

        public Builder clusterCredentials(Path value) {
            clusterCredentials = value;
            return this;
        }

        public Builder editWindow(Duration value) {
            editWindow = value;
            return this;
        }

        /** The directory for files; {@code null} (the default) for {@code <data-dir>/attachments}. */
        public Builder attachmentsDir(Path value) {
            attachmentsDir = value;
            return this;
        }

        public Builder maxFileBytes(long value) {
            maxFileBytes = value;
            return this;
        }

        public Builder attachmentQuotaBytes(long value) {
            attachmentQuotaBytes = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder attachmentRetention(Duration value) {
            attachmentRetention = value;
            return this;
        }

        /** A duration as the options take it: whole seconds (a fraction, if any, kept so a refusal is never "0"). */
        private static String seconds(Duration value) {
            if (value == null) {
                return "none";
            }
            return (value.toMillis() % 1000 == 0 ? String.valueOf(value.toSeconds()) : String.valueOf(value.toMillis() / 1000.0))
                    + " seconds";
        }

        public ApplianceConfig build() {
            List<String> problems = new ArrayList<>();
            check(problems, port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
            check(problems, dataDir != null, "--data-dir is required");
            if (databaseUrl != null) {
                String lower = databaseUrl.toLowerCase(Locale.ROOT);
                check(problems, lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:h2:"),
                        "--database must be a jdbc:mysql:, jdbc:mariadb: or jdbc:h2: URL, got " + redact(databaseUrl));
                check(problems, !lower.startsWith("jdbc:mariadb:"),
                        "--database: use jdbc:mysql://host/db for MariaDB too (the appliance ships MySQL Connector/J)");
            }
            check(problems, maxFrameBytes >= FrameLimits.MIN_MAX_FRAME_BYTES && maxFrameBytes <= 64 << 20,
                    "--max-frame-bytes must be between " + FrameLimits.MIN_MAX_FRAME_BYTES + " and " + (64 << 20) + ", got " + maxFrameBytes);
            check(problems, positive(idleTimeout) && idleTimeout.compareTo(Duration.ofHours(1)) <= 0,
                    "--idle-timeout must be between 1 and 3600 seconds, got " + seconds(idleTimeout));
            check(problems, positive(loginTimeout) && loginTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
                    "--login-timeout must be between 1 and 600 seconds, got " + seconds(loginTimeout));
            check(problems, positive(handshakeTimeout) && handshakeTimeout.compareTo(Duration.ofMinutes(1)) <= 0,
                    "--handshake-timeout must be between 1 and 60 seconds, got " + seconds(handshakeTimeout));
            check(problems, maxOutboundBytes >= 64 << 10 && maxOutboundBytes <= 256 << 20,
                    "--max-outbound-bytes must be between 65536 and " + (256 << 20) + ", got " + maxOutboundBytes);
            check(problems, ioThreads >= 1 && ioThreads <= 64, "--io-threads must be between 1 and 64, got " + ioThreads);
            check(problems, maxConcurrentHashes >= 1 && maxConcurrentHashes <= 64,
                    "--max-concurrent-hashes must be between 1 and 64, got " + maxConcurrentHashes);
            check(problems, name == null || (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES
                            && name.chars().noneMatch(Character::isISOControl)),
                    "--name must be at most " + MAX_NAME_BYTES + " bytes of UTF-8 without control characters (it is a DNS-SD instance"
                            + " name: one DNS label of 63 bytes, with room for the \" (2)\" a name conflict adds)");
            check(problems, interfaces.stream().allMatch(i -> i.matches("[A-Za-z0-9_.:@-]{1,15}")),
                    "--interfaces must be a comma-separated list of interface names such as eth0, got " + interfaces);
            check(problems, rateLimits.registrationsPerHour() >= 1 && rateLimits.registrationsPerHour() <= 1_000_000,
                    "--max-registrations-per-hour must be between 1 and 1000000, got " + rateLimits.registrationsPerHour());
            check(problems, rateLimits.connectionsPerAddress() >= 1 && rateLimits.connectionsPerAddress() <= 1_000_000,
                    "--max-connections-per-address must be between 1 and 1000000, got " + rateLimits.connectionsPerAddress());
            check(problems, maxConnections >= 0 && maxConnections <= 10_000_000,
                    "--max-connections must be 0 (as many as the open-file limit allows) or a number of connections up"
                            + " to 10000000, got " + maxConnections);
            check(problems, rateLimits.messagesPerSecondPerConnection() >= 1 && rateLimits.messagesPerSecondPerConnection() <= 1_000_000,
                    "--max-messages-per-second must be between 1 and 1000000, got " + rateLimits.messagesPerSecondPerConnection());
            check(problems, rateLimits.messagesPerSecondPerUser() >= 1 && rateLimits.messagesPerSecondPerUser() <= 1_000_000,
                    "--max-messages-per-second-per-user must be between 1 and 1000000, got " + rateLimits.messagesPerSecondPerUser());
            check(problems, clusterServers.stream().allMatch(url -> url.matches("(?i)(nats|tls)://[^\\s,/]+(:\\d{1,5})?/?")),
                    "--cluster must be a comma-separated list of NATS server URLs such as nats://10.0.0.5:4222, got "
                            + clusterServers);
            check(problems, clusterServers.isEmpty() || (databaseUrl != null && !databaseUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")),
                    "--cluster needs a MySQL or MariaDB database shared by every member (--database jdbc:mysql://HOST/DB):"
                            + " the embedded database belongs to one appliance");
            check(problems, clusterCredentials == null || !clusterServers.isEmpty(),
                    "--cluster-credentials is only used with --cluster");
            check(problems, editWindow != null && !editWindow.isNegative() && editWindow.compareTo(MAX_EDIT_WINDOW) <= 0,
                    "--edit-window must be between 0 (no editing or deleting) and " + MAX_EDIT_WINDOW.toSeconds()
                            + " seconds (366 days), got " + seconds(editWindow));
            check(problems, maxFileBytes >= 1 && maxFileBytes <= MAX_FILE_BYTES,
                    "--max-file-bytes must be between 1 and " + MAX_FILE_BYTES + " (64 GiB), got " + maxFileBytes);
            check(problems, attachmentQuotaBytes >= maxFileBytes,
                    "--attachment-quota-bytes must be at least --max-file-bytes (" + maxFileBytes + "), got "
                            + attachmentQuotaBytes);
            check(problems, attachmentRetention != null && !attachmentRetention.isNegative(),
                    "--attachment-retention-days must be 0 (keep for ever) or more, got "
                            + (attachmentRetention == null ? "none" : attachmentRetention.toDays()));
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
            Path data = dataDir.toAbsolutePath().normalize();
            AttachmentSettings attachments = new AttachmentSettings(
                    attachmentsDir == null ? data.resolve("attachments") : attachmentsDir.toAbsolutePath().normalize(),
                    maxFileBytes, attachmentQuotaBytes, attachmentRetention);
            return new ApplianceConfig(bindAddress, port, dataDir.toAbsolutePath().normalize(), databaseUrl, databaseUser,
                    databasePassword, name == null ? defaultName() : name, maxFrameBytes, idleTimeout, loginTimeout,
                    handshakeTimeout, insecurePlaintext, maxOutboundBytes, ioThreads, maxConcurrentHashes, advertise, interfaces,
                    rateLimits, clusterServers, clusterCredentials, editWindow, attachments,
                    partialFrameBytes > 0 ? partialFrameBytes : Runtime.getRuntime().maxMemory() / 4, maxConnections);
        }

        private static boolean positive(Duration d) {
            return d != null && d.compareTo(Duration.ofSeconds(1)) >= 0;
        }

        private static void check(List<String> problems, boolean ok, String problem) {
            if (!ok) {
                problems.add(problem);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
