package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.Conversation;

/** PROTOCOL.md §7.21, clause by clause: where a mention starts and ends, and whom it names. */
class MentionsTest {
    private static List<String> names(String text) {
        return Mentions.in(text).stream().map(Mentions.Mention::name).toList();
    }

    @Test
    void anAtSignAndALoginNameMentionThatUser() {
        assertThat(names("@alice can you look?")).containsExactly("alice");
        assertThat(Mentions.names("ask @bob.smith about it", "bob.smith")).isTrue();
        assertThat(Mentions.names("ask @bob about it", "alice")).isFalse();
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(Mentions.names("@Alice hi", "alice")).isTrue();
        assertThat(Mentions.names("@alice hi", "ALICE")).isTrue();
        assertThat(Mentions.mentionsHere("@HERE standup")).isTrue();
    }

    @Test
    void punctuationAfterTheNameIsNotPartOfIt() {
        assertThat(names("thanks @alice.")).containsExactly("alice");
        assertThat(names("@alice, @bob: @carol! (@dave) @erin? @frank...")).containsExactly("alice", "bob", "carol", "dave", "erin", "frank");
        assertThat(names("@alice-")).containsExactly("alice");
        assertThat(names("@alice's turn")).containsExactly("alice");
    }

    @Test
    void aLoginThatEndsInPunctuationIsStillNamedWhenWrittenWhole() {
        assertThat(Mentions.names("hi @dot.", "dot.")).isTrue();
        assertThat(Mentions.names("hi @dot.", "dot")).isTrue();
    }

    @Test
    void theMentionSpansTheAtSignAndTheNameOnly() {
        Mentions.Mention mention = Mentions.in("hi @alice.").getFirst();
        assertThat(mention.start()).isEqualTo(3);
        assertThat(mention.end()).isEqualTo(9);
        assertThat("hi @alice.".substring(mention.start(), mention.end())).isEqualTo("@alice");
    }

    @Test
    void eMailAddressesAreNotMentions() {
        assertThat(Mentions.in("mail bob@example.com or a.b+c@example.com")).isEmpty();
        assertThat(Mentions.in("@alice@example.com")).isEmpty();
        assertThat(Mentions.in("x_y@host and x-y@host")).isEmpty();
    }

    @Test
    void tooShortOrEmptyNamesAreNotMentions() {
        assertThat(Mentions.in("@ alone, @a, @ab, @@, an @ sign")).isEmpty();
    }

    @Test
    void chineseTextAroundAMentionNeedsNoSpaces() {
        assertThat(names("你好@alice请看一下")).containsExactly("alice");
        assertThat(names("@张伟 is not a login")).isEmpty();
        assertThat(names("（@alice）。")).containsExactly("alice");
        assertThat(Mentions.names("请@Bob看看", "bob")).isTrue();
    }

    @Test
    void atHereIsEveryoneOnlineAndNamesNobodyInParticular() {
        Mentions.Mention here = Mentions.in("@here lunch?").getFirst();
        assertThat(here.here()).isTrue();
        assertThat(here.names("here")).isFalse();
        assertThat(Mentions.mentionsHere("lunch @here.")).isTrue();
        assertThat(Mentions.mentionsHere("nobody@here.example")).isFalse();
        assertThat(Mentions.mentionsHere("@hereafter")).isFalse();
    }

    @Test
    void atHereCallsMeOnlyInTheGroupAndOnlyWhenTheMessageArrivesLive() {
        assertThat(Mentions.mentionsMe("@here standup", "alice", true, true)).isTrue();
        assertThat(Mentions.mentionsMe("@here standup", "alice", false, true)).isFalse();
        assertThat(Mentions.mentionsMe("@here anyone?", "alice", true, false)).as("private: names nobody").isFalse();
        assertThat(Mentions.mentionsMe("@alice standup", "alice", false, false)).isTrue();
        assertThat(Mentions.mentionsMe("@bob standup", "alice", true, true)).isFalse();
    }

    /** §7.21: in a room, @here calls the members who are online (they get it live), not those who catch up later. */
    @Test
    void atHereInARoomCallsItsMembersWhoGetItLive() {
        ChatEntry inRoom = new ChatEntry(4, Conversation.room(12), 1, "bob", "c4", "@here retro in 5", null, 1L, false,
                Delivery.DELIVERED, Optional.empty());
        assertThat(Mentions.callsMe(inRoom, "alice", true)).as("live in room #12").isTrue();
        assertThat(Mentions.callsMe(inRoom, "alice", false)).as("read later in room #12").isFalse();
        ChatEntry inPrivate = new ChatEntry(5, Conversation.with("bob"), 1, "bob", "c5", "@here retro in 5", null, 1L,
                false, Delivery.DELIVERED, Optional.empty());
        assertThat(Mentions.callsMe(inPrivate, "alice", true)).as("private: names nobody").isFalse();
    }

    @Test
    void onlySomeoneElsesTextMessageCallsTheUser() {
        ChatEntry fromBob = new ChatEntry(1, Conversation.GROUP, 1, "bob", "c1", "@alice look", null, 1L, false,
                Delivery.DELIVERED, Optional.empty());
        ChatEntry own = new ChatEntry(2, Conversation.GROUP, 2, "alice", "c2", "@alice note to self", null, 1L, true,
                Delivery.DELIVERED, Optional.empty());
        ChatEntry sticker = new ChatEntry(3, Conversation.GROUP, 3, "bob", "c3", null, "party", 1L, false,
                Delivery.DELIVERED, Optional.empty());
        assertThat(Mentions.callsMe(fromBob, "alice", false)).isTrue();
        assertThat(Mentions.callsMe(own, "alice", true)).isFalse();
        assertThat(Mentions.callsMe(sticker, "alice", true)).isFalse();
    }

    @Test
    void noTextMentionsNobody() {
        assertThat(Mentions.in(null)).isEmpty();
        assertThat(Mentions.in("")).isEmpty();
        assertThat(Mentions.mentionsMe(null, "alice", true, true)).isFalse();
    }
}
