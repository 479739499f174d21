package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientMessageIdsTest {
    /** Thousands are made per millisecond here, so this also covers ids that share their time part. */
    @Test
    void eachIdSortsAfterTheOneBeforeItAsText() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ClientMessageIds.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d", i).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void idsAreDistinctVersionSevenUuidsThatTheProtocolAccepts() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            String id = ClientMessageIds.next();
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            assertThat(id).hasSize(36).matches("[0-9a-f-]+"); // 1–64 characters, no control characters (§7.3)
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
