package org.lanchat.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.ApplianceConfig;

/** Starting the appliance: problems with the data directory stop it before anything is opened. */
class ApplianceStartTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedApplianceIdStopsTheStartWithAClearMessageBeforeTheDatabaseIsOpened() throws IOException {
        // Input: an appliance-id file holding something that is not 32 hex digits.
        Files.writeString(dir.resolve("appliance-id"), "not-an-id\n");
        ApplianceConfig config = ApplianceConfig.builder()
                .bindAddress("127.0.0.1").port(0).dataDir(dir).name("LAN Chat test")
                .advertise(true) // it never gets as far as advertising: the id is read first
                .build();

        assertThatThrownBy(() -> Appliance.start(config))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("appliance-id")
                .hasMessageContaining("does not hold an appliance id");
        assertThat(dir.resolve("db")).as("no embedded database was created").doesNotExist();
    }
}
