package org.lanchat.appliance.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The {@code mysqldump} and {@code mysql} command lines an admin runs for a MySQL/MariaDB appliance. */
final class MySqlCommands {
    /** Host, port and database name of a {@code jdbc:mysql://host[:port]/database[?options]} URL. */
    record Location(String host, int port, String database) {
    }

    private MySqlCommands() {
    }

    static Location parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:mysql://", 0, "jdbc:mysql://".length())) {
            throw new IllegalArgumentException("not a jdbc:mysql:// URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Location(uri.getHost() == null ? "localhost" : uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), path);
    }

    /** A consistent dump without locking the tables (InnoDB), to a dated file. Asks for the password. */
    static String dump(String jdbcUrl, String user) {
        Location at = parse(jdbcUrl);
        List<String> words = new ArrayList<>(List.of("mysqldump", "--single-transaction", "--quick", "--no-tablespaces",
                "--default-character-set=utf8mb4", "--host=" + at.host(), "--port=" + at.port()));
        if (user != null) {
            words.add("--user=" + user);
        }
        words.add("--password");
        words.add(at.database());
        return String.join(" ", words) + " > lanchat-$(date +%Y%m%d).sql";
    }
}
