package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connections the appliance holds at once: its open-file limit less a reserve for its own files. */
class OpenFilesTest {
    @TempDir
    Path dir;

    @Test
    void theSoftLimitIsReadFromProcLimits() throws Exception {
        Path limits = Files.writeString(dir.resolve("limits"), """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             95000                95000                processes
                Max open files            20000                524288               files
                Max locked memory         8388608              8388608              bytes
                """);
        assertThat(OpenFiles.softLimit(limits)).hasValue(20_000);
        assertThat(OpenFiles.connectionCap(20_000)).isEqualTo(19_488);
    }

    @Test
    void unlimitedOrUnreadableMeansNoCapAndALowLimitStillLetsAnOfficeIn() throws Exception {
        Path unlimited = Files.writeString(dir.resolve("unlimited"), "Max open files            unlimited            unlimited            files\n");
        assertThat(OpenFiles.softLimit(unlimited)).isEmpty();
        assertThat(OpenFiles.softLimit(dir.resolve("missing"))).isEmpty();
        assertThat(OpenFiles.connectionCap(256)).isEqualTo(OpenFiles.MIN_CONNECTIONS);
    }

    @Test
    void thisProcessHasACapBelowItsOwnLimit() throws Exception {
        if (Files.isReadable(Path.of("/proc/self/limits"))) {
            long limit = OpenFiles.softLimit(Path.of("/proc/self/limits")).orElse(Long.MAX_VALUE);
            assertThat((long) OpenFiles.connectionCap()).isLessThan(limit);
        }
    }
}
