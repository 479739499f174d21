package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Linux's count of link changes, from a stand-in for /sys/class/net. */
class LinkChangesTest {
    @TempDir
    Path sys;

    @Test
    void theCounterIsReadAsANumber() throws IOException {
        Files.createDirectories(sys.resolve("eth0"));
        Files.writeString(sys.resolve("eth0/carrier_changes"), "7\n");
        assertThat(new LinkChanges(sys).count("eth0")).hasValue(7);
    }

    @Test
    void noCounterAnUnreadableOneOrAnUnsafeNameGivesNothing() throws IOException {
        Files.createDirectories(sys.resolve("odd"));
        Files.writeString(sys.resolve("odd/carrier_changes"), "not a number");
        LinkChanges changes = new LinkChanges(sys);
        assertThat(changes.count("gone")).isEmpty();
        assertThat(changes.count("odd")).isEmpty();
        assertThat(changes.count("../odd")).isEmpty();
    }
}
