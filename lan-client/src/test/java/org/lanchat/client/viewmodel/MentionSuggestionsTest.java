package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.message.Conversation;

/** Completing {@code @…} in the draft: whom it offers, how typing filters, what choosing puts in. */
class MentionSuggestionsTest {
    private final FakeChatService client = new FakeChatService();
    private final ChatViewModel chat = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC);
    private final MentionSuggestions mentions = MentionSuggestions.forChat(chat);

    @BeforeEach
    void roster() {
        client.displayNames.put("zhang", "张伟");
        client.displayNames.put("Alice", "Alice");
        client.loggedInAs("me1");
        client.fire(new ClientEvent.RosterChanged(List.of("me1", "Alice", "bob", "zhang"), 4, List.of(), List.of()));
    }

    private List<String> offered(String draft) {
        mentions.update(draft, draft.length());
        return mentions.suggestions().stream().map(MentionSuggestions.Suggestion::label).toList();
    }

    @Test
    void anAtSignInTheGroupOffersEveryoneKnownButTheUserAndThenAtHere() {
        assertThat(offered("hi @")).containsExactly("Alice (Alice)", "bob", "张伟 (zhang)", Texts.text("mentions.suggest.here"));
        assertThat(mentions.openProperty().get()).isTrue();
    }

    @Test
    void typingFiltersByTheStartOfTheLoginOrOfTheDisplayName() {
        assertThat(offered("@al")).containsExactly("Alice (Alice)");
        assertThat(offered("@AL")).containsExactly("Alice (Alice)");
        assertThat(offered("@张")).containsExactly("张伟 (zhang)");
        assertThat(offered("@zh")).containsExactly("张伟 (zhang)");
        assertThat(offered("@he")).containsExactly(Texts.text("mentions.suggest.here"));
        assertThat(offered("@xyz")).isEmpty();
        assertThat(mentions.openProperty().get()).isFalse();
    }

    @Test
    void aPrivateConversationOffersThePeerAndNoAtHere() {
        chat.openPrivate("bob");
        assertThat(offered("@")).containsExactly("bob");
    }

    /** §7.21: in a room @here calls its members who are online, so it is offered there too. */
    @Test
    void aRoomOffersAtHere() {
        org.lanchat.protocol.message.Conversation room = org.lanchat.protocol.message.Conversation.room(12);
        var info = new org.lanchat.protocol.message.RoomMessage.RoomInfo(room, "design", null, "public", "bob", 2, false);
        client.fire(new ClientEvent.RoomChanged(new org.lanchat.protocol.message.RoomMessage.RoomEvent(room,
                org.lanchat.protocol.message.RoomMessage.RoomEvent.INVITED, "me1", "bob", info)));
        chat.select(chat.conversations().stream().filter(item -> item.conversation().equals(room)).findFirst().orElseThrow());
        assertThat(offered("ping @he")).containsExactly(Texts.text("mentions.suggest.here"));
    }

    /** Only a room's members can read it, so only they are offered there: Alice is online but not a member. */
    @Test
    void aRoomOffersItsMembersButTheUserAndNotTheRestOfTheRoster() {
        Conversation room = Conversation.room(12);
        var info = new org.lanchat.protocol.message.RoomMessage.RoomInfo(room, "design", null, "public", "bob", 3, false);
        client.fire(new ClientEvent.RoomChanged(new org.lanchat.protocol.message.RoomMessage.RoomEvent(room,
                org.lanchat.protocol.message.RoomMessage.RoomEvent.INVITED, "me1", "bob", info)));
        chat.select(chat.conversations().stream().filter(item -> item.conversation().equals(room)).findFirst().orElseThrow());
        chat.rooms().members().setAll("bob", "me1", "zhang"); // as the appliance's room_members answer fills it

        assertThat(offered("@")).containsExactly("bob", "张伟 (zhang)", Texts.text("mentions.suggest.here"));
        assertThat(offered("@al")).isEmpty();
    }

    @Test
    void nothingIsOfferedOutsideAMention() {
        assertThat(offered("mail bob@ex")).isEmpty();
        assertThat(offered("@al and more")).isEmpty();
        assertThat(offered("")).isEmpty();
    }

    @Test
    void choosingPutsInTheLoginAndASpaceAndClosesTheList() {
        offered("hi @zh");
        MentionSuggestions.Completion done = mentions.accept("hi @zh", mentions.suggestions().getFirst());
        assertThat(done.text()).isEqualTo("hi @zhang ");
        assertThat(done.caret()).isEqualTo("hi @zhang ".length());
        assertThat(mentions.suggestions()).isEmpty();
    }

    @Test
    void choosingInTheMiddleOfTheDraftKeepsWhatFollows() {
        String draft = "ask @b about it";
        mentions.update(draft, "ask @b".length());
        MentionSuggestions.Completion done = mentions.accept(draft, mentions.suggestions().getFirst());
        assertThat(done.text()).isEqualTo("ask @bob about it");
        assertThat(done.caret()).isEqualTo("ask @bob ".length());
    }
}
