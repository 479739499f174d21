package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every room scenario again, with MariaDB (a real MySQL-compatible server) holding the history. */
@Tag("slow")
class RoomsOnMariaDbEndToEndTest extends RoomsEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
