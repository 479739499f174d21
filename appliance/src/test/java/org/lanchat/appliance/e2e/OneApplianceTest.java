package org.lanchat.appliance.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * One appliance over real TLS per test, on the embedded database; a subclass overriding {@link #database(Path)}
 * runs every scenario of its parent again on MariaDB.
 */
abstract class OneApplianceTest {
    @TempDir
    Path dir;
    TestDatabase database;
    RunningAppliance appliance;

    TestDatabase database(Path dir) {
        return TestDatabase.h2(dir);
    }

    @BeforeEach
    void start() {
        database = database(dir);
        appliance = startAppliance();
    }

    RunningAppliance startAppliance() {
        return RunningAppliance.start(dir, database);
    }

    @AfterEach
    void stop() {
        appliance.close();
        database.close();
    }
}
