package org.lanchat.bench.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database on a MySQL or MariaDB server, made for one measurement and dropped after it, so no
 * run sees another's messages. One appliance uses it alone, or every member of a cluster shares it.
 */
public final class BenchDatabase implements AutoCloseable {
    private final String serverUrl;
    private final String user;
    private final String name;

    private BenchDatabase(String serverUrl, String user, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.name = name;
    }

    /** Creates a database with a fresh name on {@code serverUrl} (e.g. {@code jdbc:mysql://127.0.0.1:3306/}). */
    public static BenchDatabase create(String serverUrl, String user) throws SQLException {
        String server = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        String name = "lanchat_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server, user, ""); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return new BenchDatabase(server, user, name);
    }

    public String url() {
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement s = c.createStatement()) {
            s.executeUpdate("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop benchmark database " + name, e);
        }
    }
}
