package org.lanchat.appliance.admin;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Creates the appliance's MySQL/MariaDB database and its own user, allowed exactly what the appliance
 * does with its schema: read and write rows, and create or change its tables when an upgrade migrates
 * the schema. No server-wide privilege, no access to other databases, no right to grant.
 *
 * <p>Names are checked against a strict pattern and the password is generated from letters and digits,
 * so every statement can be written out in full (MySQL takes no parameters in account statements, and
 * {@link #statements} is also what {@code --print-sql} shows).
 */
final class MySqlProvisioner {
    static final String PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.%:_-]{1,255}");
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    /** What to create. {@code userHosts} are the hosts the appliance connects from, as MySQL sees them. */
    record Plan(String database, String user, List<String> userHosts, String password) {
        Plan {
            userHosts = List.copyOf(userHosts);
            List<String> problems = new ArrayList<>();
            if (!DATABASE_NAME.matcher(database).matches()) {
                problems.add("--database-name must be 1 to 64 letters, digits or underscores, got '" + database + "'");
            }
            if (!USER_NAME.matcher(user).matches()) {
                problems.add("--user must be 1 to 32 letters, digits or underscores, got '" + user + "'");
            }
            if (userHosts.isEmpty()) {
                problems.add("--user-host needs at least one host");
            }
            for (String host : userHosts) {
                if (!HOST.matcher(host).matches()) {
                    problems.add("--user-host must be a host name, an address or %, got '" + host + "'");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        @Override
        public String toString() {
            return "Plan[database=" + database + ", user=" + user + ", hosts=" + userHosts + "]";
        }
    }

    private MySqlProvisioner() {
    }

    static String newPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[32];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }

    /**
     * The hosts the appliance's account must be created for: for a server on this machine, every way a
     * local connection can be seen (MariaDB calls a TCP connection from 127.0.0.1 "localhost" unless it
     * skips name resolution); for a remote server, any host.
     */
    static List<String> defaultUserHosts(String serverHost) {
        String host = serverHost.toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
        return local ? List.of("localhost", "127.0.0.1", "::1") : List.of("%");
    }

    /** Idempotent: running it again keeps the data and gives the account the new password. */
    static List<String> statements(Plan plan) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE DATABASE IF NOT EXISTS `" + plan.database() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        for (String host : plan.userHosts()) {
            String account = "'" + plan.user() + "'@'" + host + "'";
            sql.add("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + plan.password() + "'");
            sql.add("ALTER USER " + account + " IDENTIFIED BY '" + plan.password() + "'");
            sql.add("GRANT " + PRIVILEGES + " ON `" + plan.database() + "`.* TO " + account);
        }
        return sql;
    }

    /** Runs {@link #statements} as the server's administrator. */
    static void apply(String serverUrl, String adminUser, String adminPassword, Plan plan) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, adminUser, adminPassword); Statement s = c.createStatement()) {
            for (String statement : statements(plan)) {
                s.execute(statement);
            }
        }
    }

    /** The JDBC URL the appliance uses: the admin's server URL with the database name as its path. */
    static String applianceUrl(String serverUrl, String database) {
        MySqlCommands.Location at = MySqlCommands.parse(serverUrl);
        String host = at.host().contains(":") && !at.host().startsWith("[") ? "[" + at.host() + "]" : at.host();
        return "jdbc:mysql://" + host + ":" + at.port() + "/" + database;
    }
}
