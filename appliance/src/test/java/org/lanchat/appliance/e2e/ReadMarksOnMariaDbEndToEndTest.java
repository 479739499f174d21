package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every read-mark and typing scenario again, with MariaDB (a real MySQL-compatible server) holding the marks. */
@Tag("slow")
class ReadMarksOnMariaDbEndToEndTest extends ReadMarksEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
