package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every file scenario again, with MariaDB (a real MySQL-compatible server) holding the history and the file records. */
@Tag("slow")
class FilesOnMariaDbEndToEndTest extends FilesEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
