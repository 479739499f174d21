package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every display-name scenario again, with MariaDB (a real MySQL-compatible server) holding the accounts. */
@Tag("slow")
class DisplayNamesOnMariaDbEndToEndTest extends DisplayNamesEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
