package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every raw-transfer scenario again, with MariaDB holding the history and the file records. */
@Tag("slow")
class RawTransfersOnMariaDbEndToEndTest extends RawTransfersEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
