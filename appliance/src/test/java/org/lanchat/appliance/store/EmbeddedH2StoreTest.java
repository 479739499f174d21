package org.lanchat.appliance.store;

import java.nio.file.Path;
import org.lanchat.appliance.testing.TestDatabase;

/** The store contract on the zero-configuration default: H2 in MySQL mode, in a file. */
class EmbeddedH2StoreTest extends StoreContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
