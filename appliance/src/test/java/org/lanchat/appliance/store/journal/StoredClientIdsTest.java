package org.lanchat.appliance.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.store.MessageJournal.SenderClientId;

/** The filter that lets most sends skip the database lookup for a resend: it may say "maybe" wrongly, never "no". */
class StoredClientIdsTest {

    @Test
    void untilEveryStoredKeyIsLoadedEveryKeyMayBeStored() {
        StoredClientIds ids = new StoredClientIds(1_000);
        ids.add(key(1, "a"));
        assertThat(ids.mayBeStored(key(1, "never-added"))).isTrue();
        assertThat(ids.mayBeStored(key(2, "a"))).isTrue();
    }

    @Test
    void anAddedKeyIsAlwaysMaybeAndMostOthersAreNot() {
        StoredClientIds ids = new StoredClientIds(20_000);
        IntStream.range(0, 10_000).forEach(i -> ids.add(key(i % 37, "m" + i)));
        ids.loaded();
        assertThat(IntStream.range(0, 10_000).filter(i -> !ids.mayBeStored(key(i % 37, "m" + i))))
                .as("added keys answered 'certainly not stored'").isEmpty();
        // The same client message ids from other senders, and other ids from the same senders.
        long falseMaybes = IntStream.range(0, 10_000)
                .filter(i -> ids.mayBeStored(key(i % 37 + 1, "m" + i)) || ids.mayBeStored(key(i % 37, "n" + i)))
                .count();
        assertThat(falseMaybes).as("of 20,000 keys never added (%.0f%% expected)", 100 * StoredClientIds.FALSE_MAYBE)
                .isLessThan(600);
    }

    @Test
    void keysBeyondTheCapacityGoIntoLargerFiltersAndStayKnown() {
        StoredClientIds ids = new StoredClientIds(1_000);
        IntStream.range(0, 30_000).forEach(i -> ids.add(key(7, "k" + i)));
        ids.loaded();
        assertThat(IntStream.range(0, 30_000).filter(i -> !ids.mayBeStored(key(7, "k" + i)))).isEmpty();
        long falseMaybes = IntStream.range(0, 30_000).filter(i -> ids.mayBeStored(key(8, "k" + i))).count();
        assertThat(falseMaybes).as("one filter of 1,000 keys overfilled would answer nearly all 'maybe'")
                .isLessThan(3_000);
    }

    private static SenderClientId key(long sender, String clientMsgId) {
        return new SenderClientId(sender, clientMsgId);
    }
}
