package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {
    @TempDir
    Path dataDir;

    @Test
    void aFlagIsItsDefaultUntilSetAndThenKeptForTheNextStart() {
        ClientSettings settings = ClientSettings.open(dataDir, Runnable::run);
        assertThat(settings.flag("chat.sendReadMarks", true)).isTrue();
        settings.put("chat.sendReadMarks", "false");
        assertThat(ClientSettings.open(dataDir, Runnable::run).flag("chat.sendReadMarks", true)).isFalse();
    }
}
