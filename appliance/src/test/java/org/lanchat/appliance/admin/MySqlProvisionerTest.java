package org.lanchat.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements db-setup runs, and the names it refuses to put into them. */
class MySqlProvisionerTest {
    @Test
    void createsTheDatabaseAndOneAccountPerHostWithSchemaPrivilegesOnly() {
        var plan = new MySqlProvisioner.Plan("lanchat", "lanchat", List.of("localhost", "%"), "Secret123");
        assertThat(MySqlProvisioner.statements(plan)).containsExactly(
                "CREATE DATABASE IF NOT EXISTS `lanchat` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE USER IF NOT EXISTS 'lanchat'@'localhost' IDENTIFIED BY 'Secret123'",
                "ALTER USER 'lanchat'@'localhost' IDENTIFIED BY 'Secret123'",
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON `lanchat`.* TO 'lanchat'@'localhost'",
                "CREATE USER IF NOT EXISTS 'lanchat'@'%' IDENTIFIED BY 'Secret123'",
                "ALTER USER 'lanchat'@'%' IDENTIFIED BY 'Secret123'",
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON `lanchat`.* TO 'lanchat'@'%'");
    }

    @Test
    void namesThatCouldEscapeTheirQuotesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new MySqlProvisioner.Plan("lan`chat", "x';--", List.of("h'"), "p"))
                .hasMessageContaining("--database-name must be 1 to 64 letters")
                .hasMessageContaining("--user must be 1 to 32 letters")
                .hasMessageContaining("--user-host must be a host name");
    }

    @Test
    void generatedPasswordsAreLongAndNeedNoQuoting() {
        String password = MySqlProvisioner.newPassword();
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(MySqlProvisioner.newPassword()).isNotEqualTo(password);
    }

    @Test
    void aLocalServerGetsAccountsForEveryLocalAddressARemoteOneForAnyHost() {
        assertThat(MySqlProvisioner.defaultUserHosts("127.0.0.1")).containsExactly("localhost", "127.0.0.1", "::1");
        assertThat(MySqlProvisioner.defaultUserHosts("db.office.lan")).containsExactly("%");
        assertThat(MySqlProvisioner.applianceUrl("jdbc:mysql://127.0.0.1:3306/", "chat")).isEqualTo("jdbc:mysql://127.0.0.1:3306/chat");
        assertThat(MySqlProvisioner.applianceUrl("jdbc:mysql://db/", "chat")).isEqualTo("jdbc:mysql://db:3306/chat");
    }
}
