package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every presence-state scenario again, with MariaDB (a real MySQL-compatible server) holding the states. */
@Tag("slow")
class PresenceStatesOnMariaDbEndToEndTest extends PresenceStatesEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
