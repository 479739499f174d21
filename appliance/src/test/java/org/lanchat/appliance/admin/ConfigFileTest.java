package org.lanchat.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.SettingSources;

/** db-setup edits the admin's config file and keeps everything else as it was. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void activeLinesAreReplacedCommentedExamplesTakenAndMissingKeysAppended() throws Exception {
        Path file = dir.resolve("appliance.conf");
        Files.writeString(file, """
                # LAN Chat appliance
                port = 7447
                # database = jdbc:mysql://127.0.0.1:3306/lanchat
                database-user=old
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("database", "jdbc:mysql://127.0.0.1:3306/chat");
        values.put("database-user", "lanchat");
        values.put("name", "Front office");
        ConfigFile.set(file, values);

        assertThat(Files.readString(file)).isEqualTo("""
                # LAN Chat appliance
                port = 7447
                database = jdbc:mysql://127.0.0.1:3306/chat
                database-user = lanchat
                name = Front office
                """);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SettingSources.readConfigFile(file).getProperty("database")).isEqualTo("jdbc:mysql://127.0.0.1:3306/chat");
    }
}
