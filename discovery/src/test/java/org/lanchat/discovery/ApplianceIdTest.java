package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplianceIdTest {
    @TempDir
    Path dataDir;

    @Test
    void theIdIsCreatedOnceAndThenAlwaysTheSame() throws IOException {
        ApplianceId first = ApplianceId.loadOrCreate(dataDir);
        ApplianceId again = ApplianceId.loadOrCreate(dataDir);

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(dataDir.resolve(ApplianceId.FILE_NAME)).strip()).isEqualTo(first.value());
        assertThat(first.value()).matches("[0-9a-f]{32}");
    }

    @Test
    void aMissingDataDirectoryIsCreated() throws IOException {
        Path nested = dataDir.resolve("var/lib/lanchat");

        ApplianceId id = ApplianceId.loadOrCreate(nested);

        assertThat(ApplianceId.loadOrCreate(nested)).isEqualTo(id);
    }

    @Test
    void differentAppliancesGetDifferentIds() throws IOException {
        assertThat(ApplianceId.loadOrCreate(dataDir.resolve("a"))).isNotEqualTo(ApplianceId.loadOrCreate(dataDir.resolve("b")));
    }

    @Test
    void aDamagedIdFileIsAnErrorNotASilentNewIdentity() throws IOException {
        Files.writeString(dataDir.resolve(ApplianceId.FILE_NAME), "not an id\n");

        assertThatThrownBy(() -> ApplianceId.loadOrCreate(dataDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not hold an appliance id").hasMessageContaining("trust again");
        assertThat(Files.readString(dataDir.resolve(ApplianceId.FILE_NAME))).isEqualTo("not an id\n");
    }
}
