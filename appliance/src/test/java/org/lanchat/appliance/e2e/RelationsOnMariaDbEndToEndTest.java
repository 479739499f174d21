package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.lanchat.appliance.testing.TestDatabase;

/** Every reply, edit, delete and reaction scenario again, with MariaDB (a real MySQL-compatible server) holding the history. */
@Tag("slow")
class RelationsOnMariaDbEndToEndTest extends RelationsEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.mysql();
    }
}
