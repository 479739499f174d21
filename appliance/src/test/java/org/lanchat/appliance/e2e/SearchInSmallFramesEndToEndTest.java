package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;

/**
 * Fifty hits fit the default frame, not the smallest one (1024 bytes): there a search was answered frame_too_large,
 * which a client must not retry. The reply is now cut short with hasMore (§6.19), and paging on finds every hit.
 */
class SearchInSmallFramesEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void hitsThatDoNotFitTheFrameAreLeftForTheNextPageNotRefused() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxFrameBytes(FrameLimits.MIN_MAX_FRAME_BYTES));
        TestClient alice = appliance.newUser("alice");
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 14; i++) { // 19 characters at most in frames this small
            sent.add(alice.send(Conversation.GROUP, "needle %02d".formatted(i))
                    .messageId());
        }

        List<Long> found = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Long before = null;
        boolean more = true;
        while (more) {
            SearchResults page = alice.request(new Search(alice.nextId(), "needle", null, before, 50), SearchResults.class);
            assertThat(page.hits()).as("every page shows something").isNotEmpty();
            page.hits().stream().map(SearchHit::messageId).forEach(found::add);
            pageSizes.add(page.hits().size());
            before = page.hits().getLast().messageId();
            more = page.hasMore();
        }

        assertThat(pageSizes).as("cut short, not all 14 at once").hasSizeGreaterThan(1);
        assertThat(found).as("newest first, each once").containsExactlyElementsOf(sent.reversed());
    }
}
