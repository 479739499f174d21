package org.lanchat.appliance.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.store.ReadMarkStore.ReadMark;
import org.lanchat.appliance.store.StoreUnavailableException;

class ReadMarkBufferTest {
    private final List<List<ReadMark>> written = new ArrayList<>();
    private boolean databaseDown;
    private final ReadMarkBuffer buffer = new ReadMarkBuffer(batch -> {
        if (databaseDown) {
            throw new StoreUnavailableException("down", null);
        }
        written.add(batch);
    });

    @Test
    void manyMarksOfOneUserAndConversationAreWrittenAsTheNewestOne() {
        buffer.raise(1, ConversationKey.GROUP, 3);
        buffer.raise(1, ConversationKey.GROUP, 7);
        buffer.raise(1, ConversationKey.GROUP, 5);
        buffer.raise(2, ConversationKey.GROUP, 1);

        buffer.flush();

        assertThat(written).hasSize(1);
        assertThat(written.getFirst()).containsExactlyInAnyOrder(new ReadMark(1, ConversationKey.GROUP, 7),
                new ReadMark(2, ConversationKey.GROUP, 1));
        assertThat(buffer.pending(1, ConversationKey.GROUP)).as("written, so no longer waiting").isZero();
        buffer.flush();
        assertThat(written).as("nothing waits, nothing is written").hasSize(1);
    }

    @Test
    void whenTheDatabaseCannotWriteTheMarksWaitForTheNextFlush() {
        buffer.raise(1, ConversationKey.GROUP, 4);
        databaseDown = true;
        assertThatThrownBy(buffer::flush).isInstanceOf(StoreUnavailableException.class);
        assertThat(buffer.pending(1, ConversationKey.GROUP)).isEqualTo(4);
        assertThat(buffer.pendingOf(ConversationKey.GROUP)).containsEntry(1L, 4L);

        databaseDown = false;
        buffer.flush();
        assertThat(written.getFirst()).containsExactly(new ReadMark(1, ConversationKey.GROUP, 4));
    }

    @Test
    void eachUserSeesOnlyTheirOwnWaitingMarks() {
        ConversationKey dm = ConversationKey.direct(1, 2);
        buffer.raise(1, dm, 2);
        buffer.raise(2, dm, 9);
        assertThat(buffer.pendingOfUser(1)).containsOnlyKeys(dm).containsEntry(dm, 2L);
    }
}
