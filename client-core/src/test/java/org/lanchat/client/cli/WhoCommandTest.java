package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.OnlineUsers;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** {@code who}'s table ends with how many are online, as the chat room's "N online" did. */
class WhoCommandTest {
    @AfterEach
    void speakEnglishAgain() {
        Texts.use(Locale.ENGLISH);
    }

    private static TreeSet<String> users(String... names) {
        TreeSet<String> users = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        users.addAll(List.of(names));
        return users;
    }

    @Test
    void theTableEndsWithTheNumberOnline() {
        OnlineUsers online = new OnlineUsers(List.of("dora", "eddy", "fay"), 3,
                Map.of("eddy", UserState.of(PresenceState.BUSY, null)));
        List<String> lines = WhoCommand.table(users("dora", "eddy", "fay"), Map.of("fay", Optional.of("Fay Li")), online);
        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst()).startsWith("USER");
        assertThat(lines.get(2)).startsWith("eddy").contains("busy");
        assertThat(lines.getLast()).isEqualTo("3 online");

        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(WhoCommand.table(users("dora", "eddy", "fay"), Map.of(), online).getLast()).isEqualTo("3 人在线");
    }

    @Test
    void theCountIsTheAppliancesButNeverFewerThanTheUsersListed() {
        // The roster pushed at login may predate it: whoever asks is listed, and counted, all the same.
        assertThat(WhoCommand.table(users("dora"), Map.of(), new OnlineUsers(List.of(), 0)).getLast())
                .isEqualTo("1 online");
        // A roster still coming in parts lists fewer than the appliance counts.
        assertThat(WhoCommand.table(users("dora", "eddy"), Map.of(), new OnlineUsers(List.of("dora", "eddy"), 40))
                .getLast()).isEqualTo("40 online");
    }
}
