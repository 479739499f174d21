package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.message.Conversation;

/** Who is called for which message: mute, mentions (PROTOCOL.md §7.21), the screen in front, do-not-disturb. */
class NotificationPolicyTest {
    private final List<NotificationPolicy.Notification> shown = new ArrayList<>();
    private final NotificationPolicy policy = new NotificationPolicy(user -> user.equals("zhang") ? "张伟" : user,
            code -> code.equals("party") ? "Party time" : code);
    private final Conversation withBob = Conversation.with("bob");

    NotificationPolicyTest() {
        policy.setOnNotify(shown::add);
    }

    private static ChatEntry from(String sender, Conversation conversation, String text) {
        return FakeChatService.from(sender, conversation, 1, text);
    }

    private boolean live(ChatEntry entry) {
        return policy.arrived(entry, true, false, "alice");
    }

    @Test
    void anOrdinaryMessageNotInFrontOfTheUserCallsThem() {
        assertThat(live(from("bob", withBob, "hi"))).isTrue();
        assertThat(shown).singleElement().satisfies(n -> {
            assertThat(n.summary()).isEqualTo("bob");
            assertThat(n.body()).isEqualTo("hi");
            assertThat(n.mention()).isFalse();
        });
    }

    @Test
    void theUsersOwnMessagesNeverCallThem() {
        ChatEntry own = new ChatEntry(1, withBob, 1, "alice", "c1", "@alice note to self", null, 1L, true,
                Delivery.DELIVERED, Optional.empty());
        assertThat(live(own)).isFalse();
        assertThat(shown).isEmpty();
    }

    @Test
    void theConversationOnScreenInAFocusedWindowIsBeingRead() {
        assertThat(policy.arrived(from("bob", withBob, "@alice hi"), true, true, "alice")).isFalse();
        assertThat(shown).isEmpty();
    }

    @Test
    void aMutedConversationIsQuietForOrdinaryMessages() {
        policy.setMuted(Conversation.GROUP, true);
        assertThat(policy.isMuted(Conversation.GROUP)).isTrue();
        assertThat(live(from("bob", Conversation.GROUP, "lunch?"))).isFalse();
        assertThat(live(from("bob", withBob, "in private"))).as("only the group is muted").isTrue();

        policy.setMuted(Conversation.GROUP, false);
        assertThat(live(from("bob", Conversation.GROUP, "lunch?"))).isTrue();
    }

    @Test
    void aMentionOfTheUserCallsThemEvenInAMutedConversation() {
        policy.setMuted(Conversation.GROUP, true);
        assertThat(live(from("bob", Conversation.GROUP, "@Alice can you look?"))).isTrue();
        assertThat(shown).singleElement().satisfies(n -> assertThat(n.mention()).isTrue());
    }

    @Test
    void atHereCallsOnlyWhenItArrivesLiveNotWhenCaughtUpOn() {
        policy.setMuted(Conversation.GROUP, true);
        assertThat(live(from("bob", Conversation.GROUP, "@here standup"))).isTrue();
        assertThat(policy.arrived(from("bob", Conversation.GROUP, "@here standup"), false, false, "alice")).isFalse();
    }

    @Test
    void nothingCaughtUpOnCallsTheUser() {
        assertThat(policy.arrived(from("bob", withBob, "@alice while you were away"), false, false, "alice")).isFalse();
    }

    @Test
    void doNotDisturbSilencesEverythingMentionsIncluded() {
        policy.doNotDisturbProperty().set(true);
        assertThat(live(from("bob", withBob, "@alice urgent"))).isFalse();
        assertThat(live(from("bob", Conversation.GROUP, "@here fire drill"))).isFalse();
        assertThat(shown).isEmpty();
        policy.doNotDisturbProperty().set(false);
        assertThat(live(from("bob", withBob, "@alice urgent"))).isTrue();
    }

    @Test
    void aGroupNotificationNamesTheSenderAndTheGroupAndShowsTheFirstLineOnly() {
        live(from("zhang", Conversation.GROUP, "第一行\nsecond line"));
        assertThat(shown.getFirst().summary()).isEqualTo(Texts.text("mentions.notification.inGroup", "张伟"));
        assertThat(shown.getFirst().body()).isEqualTo("第一行");
    }

    @Test
    void aLongLineIsCutAndAStickerGoesByItsName() {
        assertThat(NotificationPolicy.firstLine("x".repeat(500))).hasSize(NotificationPolicy.BODY_CHARS).endsWith("…");
        String emoji = NotificationPolicy.firstLine("\uD83D\uDE00".repeat(200));
        assertThat(emoji.codePointCount(0, emoji.length())).as("never half an emoji").isEqualTo(NotificationPolicy.BODY_CHARS);
        ChatEntry sticker = new ChatEntry(1, withBob, 1, "bob", "c1", null, "party", 1L, false, Delivery.DELIVERED,
                Optional.empty());
        live(sticker);
        assertThat(shown.getFirst().body()).isEqualTo(Texts.text("mentions.notification.sticker", "Party time"));
    }

    @Test
    void theChatWindowAsksThePolicyBeforeCallingForAttention() {
        FakeChatService client = new FakeChatService();
        ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC);
        client.loggedInAs("alice");
        List<ChatEntry> attention = new ArrayList<>();
        model.setOnAttention(attention::add);
        model.windowFocusedProperty().set(false);
        model.notifications().setMuted(Conversation.GROUP, true);

        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "lunch?"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 2, "@alice?"), true));

        assertThat(attention).extracting(ChatEntry::text).containsExactly("@alice?");
    }
}
