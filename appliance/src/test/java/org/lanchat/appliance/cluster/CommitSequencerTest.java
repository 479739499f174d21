package org.lanchat.appliance.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;

/** The order and completeness rules of one member's delivery, against a database kept in a map. */
class CommitSequencerTest {
    private static final long HOLD = CommitSequencer.HOLD_NANOS;

    private final TreeMap<Long, StoredMessage> database = new TreeMap<>();
    private final List<String> delivered = new ArrayList<>();
    private int reads;
    private final CommitSequencer sequencer = new CommitSequencer(new CommitSequencer.Source() {
        @Override
        public long lastCommittedId() {
            return database.isEmpty() ? 0 : database.lastKey();
        }

        @Override
        public List<StoredMessage> committedBetween(long after, long before, int limit) {
            reads++;
            return database.subMap(after, false, before, false).values().stream().limit(limit).toList();
        }
    }, (message, origin) -> delivered.add(message.id() + (origin == 0 ? "" : "@" + origin)), 0);

    private StoredMessage commit(long id) {
        StoredMessage m = new StoredMessage(id, ConversationKey.GROUP, id, 1, null, "c" + id, "text " + id, null, 0);
        database.put(id, m);
        return m;
    }

    @Test
    void messagesArrivingInOrderAreDeliveredAtOnceWithoutReadingTheDatabase() {
        sequencer.offer(commit(1), 0, 0);
        sequencer.offer(commit(2), 7, 0);
        assertThat(delivered).containsExactly("1", "2@7");
        assertThat(reads).isZero();
    }

    @Test
    void oneArrivingAheadOfItsTurnWaitsForTheBusToBringTheOneBefore() {
        StoredMessage first = commit(1);
        sequencer.offer(commit(2), 0, 0);
        assertThat(delivered).isEmpty();
        sequencer.offer(first, 0, HOLD / 2);
        assertThat(delivered).containsExactly("1", "2");
        assertThat(reads).isZero();
    }

    @Test
    void aGapTheBusDoesNotCloseInTimeIsReadFromTheDatabase() {
        commit(1);
        commit(2);
        sequencer.offer(commit(3), 0, 0);
        sequencer.fillOverdueGaps(HOLD - 1);
        assertThat(delivered).as("still waiting for the bus").isEmpty();

        sequencer.fillOverdueGaps(HOLD);
        assertThat(delivered).containsExactly("1", "2", "3");
        assertThat(sequencer.filledFromDatabase()).isEqualTo(2);

        sequencer.offer(database.get(2L), 0, HOLD + 1);
        assertThat(delivered).as("the late bus copy is dropped").hasSize(3);
    }

    @Test
    void ownCommitsAreNeverReadFromTheDatabaseSoTheSenderConnectionStillGetsItsAckInstead() {
        sequencer.committing(1, 2);
        commit(1);
        commit(2);
        sequencer.offer(commit(3), 0, 0); // another member's, overtaking our relay
        sequencer.fillOverdueGaps(HOLD * 10);
        assertThat(delivered).as("waits for our own relay").isEmpty();

        sequencer.offer(database.get(1L), 11, HOLD * 10);
        sequencer.offer(database.get(2L), 12, HOLD * 10);
        assertThat(delivered).containsExactly("1@11", "2@12", "3");
    }

    @Test
    void idsOfAFailedCommitAreNotWaitedFor() {
        sequencer.committing(1, 1);
        sequencer.abandoned(1, 1);
        commit(1); // allocated again, by another member this time
        sequencer.offer(commit(2), 0, 0);
        sequencer.fillOverdueGaps(HOLD);
        assertThat(delivered).containsExactly("1", "2");
    }

    @Test
    void messagesTheBusNeverBroughtArriveFromTheDatabaseOneCatchUpLater() {
        commit(1);
        commit(2);
        sequencer.catchUp(false);
        assertThat(delivered).as("the first round only notes what is committed").isEmpty();
        commit(3);
        sequencer.catchUp(false);
        assertThat(delivered).as("what was committed a round ago").containsExactly("1", "2");
        sequencer.catchUp(true);
        assertThat(delivered).as("after a bus reconnect: everything").containsExactly("1", "2", "3");
    }

    @Test
    void aLongGapIsReadInPages() {
        for (long id = 1; id <= CommitSequencer.FILL_PAGE * 2 + 10; id++) {
            commit(id);
        }
        sequencer.catchUp(true);
        assertThat(delivered).hasSize(CommitSequencer.FILL_PAGE * 2 + 10);
        assertThat(reads).isEqualTo(3);
    }
}
