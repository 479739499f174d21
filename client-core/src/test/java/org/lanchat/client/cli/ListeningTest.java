package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.core.ResumeToken;
import org.lanchat.client.core.Session;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.SessionMessage.Limits;

/** What {@code lanchat listen} makes of the client's events: news once each, never the history loaded at login. */
class ListeningTest {
    private final StringWriter out = new StringWriter();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final ManualTime time = new ManualTime(Instant.parse("2026-12-05T09:00:00Z"));
    private final Listening listening = new Listening(new Lines(false, ZoneOffset.UTC), time, time,
            new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), ended);
    private final long now = time.instant().toEpochMilli();

    /** The sentences checked here are the English ones, whatever the machine's locale. */
    @BeforeEach
    void speakEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    private ChatEntry message(Conversation conversation, long seq, String text, long sentAt) {
        return new ChatEntry(seq, conversation, seq, "dora", "id-" + seq, text, null, sentAt, false, Delivery.DELIVERED,
                Optional.empty());
    }

    private List<String> printed() {
        return out.toString().lines().toList();
    }

    private void loggedIn() {
        listening.onEvent(new ClientEvent.SessionStarted(new Session("Eddy", "Office", "1", new Limits(1, 1, 1, 1, 1, 1),
                List.of(), new ResumeToken("t", Instant.now().plusSeconds(60))), false));
    }

    @Test
    void theHistoryLoadedAtLoginIsNotNewsButWhatCameSinceIsOnceEach() {
        loggedIn();
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 7, "old", now - 60_000), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 8, "live", now), true));
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 8, "live", now), true));
        // After a reconnect the catch-up brings what was sent meanwhile, and maybe again what was seen.
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 9, "while away", now), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 7, "old", now - 60_000), false));
        listening.onEvent(new ClientEvent.CaughtUp());

        assertThat(printed()).hasSize(2);
        assertThat(printed().get(0)).contains("group #8 <dora> live");
        assertThat(printed().get(1)).contains("group #9 <dora> while away");
    }

    /**
     * Private messages handed over at another command's login ({@code lanchat who}) never reached a listener: of the
     * history loaded at login, what the user read nowhere is printed (and marked read), the rest is not.
     */
    @Test
    void whatTheListenerHasNotReadAnywhereIsPrintedFromTheHistoryLoadedAtLogin() {
        List<String> marked = new java.util.ArrayList<>();
        listening.markReadWith((conversation, seq) -> marked.add(conversation + ":" + seq));
        loggedIn();
        Conversation dora = Conversation.with("dora");
        Conversation fay = Conversation.with("fay");
        listening.onEvent(new ClientEvent.ReadMarkChanged(dora, "eddy", 4)); // the catch-up gives the marks first
        listening.onEvent(new ClientEvent.ReadMarkChanged(Conversation.GROUP, "eddy", 20));
        listening.onEvent(new ClientEvent.MessageAdded(message(dora, 4, "read on the desktop", now - 60_000), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(dora, 5, "while you were out", now - 30_000), false));
        listening.onEvent(new ClientEvent.MessageAdded(new ChatEntry(6, dora, 6, "eddy", "id-6", "my own", null,
                now - 20_000, true, Delivery.DELIVERED, Optional.empty()), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 20, "read", now - 60_000), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 21, "unread", now - 10_000), false));
        listening.onEvent(new ClientEvent.MessageAdded(new ChatEntry(1, fay, 1, "fay", "id-f1", "never read anywhere", null,
                now - 90_000, false, Delivery.DELIVERED, Optional.empty()), false));
        listening.onEvent(new ClientEvent.CaughtUp());

        assertThat(printed()).hasSize(3);
        assertThat(printed().get(0)).contains("@dora #5 <dora> while you were out");
        assertThat(printed().get(1)).contains("group #21 <dora> unread");
        assertThat(printed().get(2)).contains("@fay #1 <fay> never read anywhere");
        assertThat(marked).containsExactly("@dora:5", "group:21", "@fay:1");
    }

    /** The newcomer's next listen printed again, as unread, a message the first had printed as it came directly. */
    @Test
    void aMessagePrintedAsItCameDirectlyIsMarkedReadOnceTheApplianceHasStoredIt() {
        List<String> marked = new java.util.ArrayList<>();
        listening.markReadWith((conversation, seq) -> marked.add(conversation + ":" + seq));
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 0, "while the appliance is away", now),
                true));
        assertThat(marked).as("nothing to mark: it has no number yet").isEmpty();

        listening.onEvent(new ClientEvent.MessageAdded(
                new ChatEntry(14, Conversation.GROUP, 14, "dora", "id-0", "while the appliance is away", null, now, false,
                        Delivery.DELIVERED, Optional.empty()), false));

        assertThat(printed()).as("printed once").singleElement().asString().contains("while the appliance is away");
        assertThat(marked).containsExactly("group:14");
    }

    /** An outage of an hour left a line every 30 seconds: the loss and the return are said once each. */
    @Test
    void aLostConnectionIsSaidOnceAndItsReturnOnceWhateverTheAttemptsBetween() {
        StringWriter said = new StringWriter();
        Listening quiet = new Listening(new Lines(false, ZoneOffset.UTC), time, time, new PrintWriter(out, true),
                new PrintWriter(said, true), ended);
        quiet.onEvent(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "", Optional.empty()));
        for (int attempt = 0; attempt < 3; attempt++) {
            quiet.onEvent(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING, "",
                    Optional.of(Duration.ofSeconds(1L << attempt))));
            quiet.onEvent(new ClientEvent.StatusChanged(ConnectionStatus.CONNECTING, "", Optional.empty()));
        }
        quiet.onEvent(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "", Optional.empty()));

        assertThat(said.toString().lines()).containsExactly(
                "Connection lost; trying again in 1 s, and on until it is back.", "Connected again.");
    }

    @Test
    void aConversationNewSinceTheStartShowsOnlyWhatWasSentSince() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        Conversation dora = Conversation.with("dora");
        // The newest page of a conversation opened by a live message comes whole, older messages included.
        listening.onEvent(new ClientEvent.MessageAdded(message(dora, 1, "last week", now - 7 * 86_400_000L), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(dora, 2, "just now", now + 1), false));
        assertThat(printed()).singleElement().asString().contains("@dora #2 <dora> just now");
    }

    @Test
    void othersComingAndGoingIsNewsTheListenersOwnLoginIsNot() {
        loggedIn();
        listening.onEvent(new ClientEvent.RosterChanged(List.of("dora", "Eddy"), 2, List.of("eddy", "dora"), List.of()));
        time.advance(Duration.ofMinutes(1));
        listening.onEvent(new ClientEvent.RosterChanged(List.of("Eddy"), 1, List.of(), List.of("dora")));
        assertThat(printed()).containsExactly("2026-12-05 09:00:00 * dora is online",
                "2026-12-05 09:01:00 * dora went offline");
    }

    @Test
    void aVisitShorterThanAFewSecondsIsNotPrintedAtAll() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.RosterChanged(List.of("dora", "Eddy"), 2, List.of("dora"), List.of()));
        time.advance(PresenceNews.SETTLE.minusMillis(1));
        assertThat(printed()).as("held while dora may be a script signing in for a moment").isEmpty();
        listening.onEvent(new ClientEvent.RosterChanged(List.of("Eddy"), 1, List.of(), List.of("dora")));
        time.advance(Duration.ofMinutes(1));
        assertThat(printed()).as("came and went: neither line").isEmpty();

        listening.onEvent(new ClientEvent.RosterChanged(List.of("dora", "Eddy"), 2, List.of("dora"), List.of()));
        time.advance(PresenceNews.SETTLE);
        assertThat(printed()).as("stayed: printed when she came").containsExactly("2026-12-05 09:01:04 * dora is online");
    }

    @Test
    void aStateIsPrintedWhenItChangesNotAgainEachTimeItsUserComesBack() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        UserState busy = UserState.of(PresenceState.BUSY, "in a meeting");
        listening.onEvent(new ClientEvent.PresenceStateChanged("dora", busy)); // dora online since before the start
        listening.onEvent(new ClientEvent.PresenceStateChanged("dora", busy)); // restated after a reconnect
        listening.onEvent(new ClientEvent.RosterChanged(List.of("Eddy"), 1, List.of(), List.of("dora")));
        time.advance(Duration.ofMinutes(1));
        // She comes back, still busy: the appliance restates her state with her coming.
        listening.onEvent(new ClientEvent.RosterChanged(List.of("dora", "Eddy"), 2, List.of("dora"), List.of()));
        listening.onEvent(new ClientEvent.PresenceStateChanged("dora", busy));
        time.advance(Duration.ofMinutes(1));
        listening.onEvent(new ClientEvent.PresenceStateChanged("dora", UserState.of(PresenceState.AWAY, null)));

        assertThat(printed()).containsExactly(
                "2026-12-05 09:00:00 * dora is now busy (do not disturb): in a meeting",
                "2026-12-05 09:00:00 * dora went offline",
                "2026-12-05 09:01:00 * dora is online",
                "2026-12-05 09:02:00 * dora is now away");
    }

    @Test
    void programsGetEveryComingGoingAndStateAtOnce() {
        Listening forPrograms = new Listening(new Lines(true, ZoneOffset.UTC), time, time, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), ended);
        UserState busy = UserState.of(PresenceState.BUSY, null);
        forPrograms.onEvent(new ClientEvent.RosterChanged(List.of("dora"), 1, List.of("dora"), List.of()));
        forPrograms.onEvent(new ClientEvent.PresenceStateChanged("dora", busy));
        forPrograms.onEvent(new ClientEvent.RosterChanged(List.of(), 0, List.of(), List.of("dora")));
        forPrograms.onEvent(new ClientEvent.RosterChanged(List.of("dora"), 1, List.of("dora"), List.of()));
        forPrograms.onEvent(new ClientEvent.PresenceStateChanged("dora", busy));
        assertThat(printed()).extracting(line -> line.replaceAll(".*\"kind\":\"([a-z]+)\".*", "$1"))
                .containsExactly("online", "state", "offline", "online", "state");
    }

    @Test
    void aSessionThatEndsForGoodEndsListeningWithTheReasonsCode() {
        listening.onEvent(new ClientEvent.SessionEnded(EndReason.ACCOUNT_DISABLED, "Disabled."));
        assertThat(ended).isCompletedWithValue(Exit.REFUSED);
    }

    @Test
    void readMarksAndTypingOfOthersArePrintedOnceAndPrintedMessagesAreMarkedRead() {
        List<String> marked = new java.util.ArrayList<>();
        listening.markReadWith((conversation, seq) -> marked.add(conversation + ":" + seq));
        loggedIn();
        Conversation withDora = Conversation.with("dora");
        listening.onEvent(new ClientEvent.ReadMarkChanged(withDora, "dora", 3)); // known at login: not news
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.ReadMarkChanged(withDora, "dora", 5));
        listening.onEvent(new ClientEvent.ReadMarkChanged(withDora, "dora", 5)); // repeated by a catch-up
        listening.onEvent(new ClientEvent.ReadMarkChanged(withDora, "eddy", 6)); // the listener, on another device
        listening.onEvent(new ClientEvent.Typing(withDora, "dora", java.time.Duration.ofSeconds(6)));
        listening.onEvent(new ClientEvent.MessageAdded(message(withDora, 7, "hello", now), true));

        assertThat(printed()).hasSize(3);
        assertThat(printed().get(0)).endsWith("@dora #5 * read by dora");
        assertThat(printed().get(1)).endsWith("@dora * dora is typing");
        assertThat(printed().get(2)).contains("@dora #7 <dora> hello");
        assertThat(marked).containsExactly("@dora:7");
    }

    /** A newcomer's two-line message printed its second line flush left, as if it were a line of its own. */
    @Test
    void theLaterLinesOfAMessageAreIndentedUnderIt() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 1, "agenda:\n1. budget\r\n2. lunch", now), true));

        assertThat(printed()).hasSize(3);
        assertThat(printed().get(0)).endsWith("<dora> agenda:");
        assertThat(printed().subList(1, 3)).containsExactly("    1. budget", "    2. lunch");
    }

    @Test
    void inJsonReadMarksAndTypingAreLinesOfTheirOwnKind() {
        Lines json = new Lines(true, ZoneOffset.UTC);
        Instant at = Instant.parse("2026-12-05T00:00:00Z");
        assertThat(json.read(Conversation.GROUP, "dora", Optional.of("Дора"), 12, at)).isEqualTo(
                "{\"conversation\":\"group\",\"seq\":12,\"sender\":\"dora\",\"displayName\":\"Дора\",\"time\":\"2026-12-05T00:00:00Z\",\"text\":null,\"kind\":\"read\"}");
        assertThat(json.typing(Conversation.with("dora"), "dora", Optional.empty(), at)).isEqualTo(
                "{\"conversation\":\"@dora\",\"seq\":null,\"sender\":\"dora\",\"displayName\":null,\"time\":\"2026-12-05T00:00:00Z\",\"text\":null,\"kind\":\"typing\"}");
    }

    @Test
    void aLineThatMentionsTheListenerIsMarkedAndAtHereOnlyWhenItArrivesLive() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 1, "@eddy look", now), true));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 2, "@here standup", now), true));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 3, "@here while you were away", now + 1), false));
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.GROUP, 4, "mail eddy@example.com", now), true));

        String mark = Texts.text("mentions.mark") + " ";
        assertThat(printed()).hasSize(4);
        assertThat(printed().get(0)).startsWith(mark).contains("<dora> @eddy look");
        assertThat(printed().get(1)).startsWith(mark);
        assertThat(printed().get(2)).doesNotStartWith(mark);
        assertThat(printed().get(3)).doesNotStartWith(mark);
    }

    @Test
    void inJsonEveryMessageSaysWhetherItMentionsTheListener() {
        Lines json = new Lines(true, ZoneOffset.UTC);
        ChatEntry entry = new ChatEntry(3, Conversation.GROUP, 3, "dora", "id-3", "@eddy hi", null,
                Instant.parse("2026-12-05T00:00:00Z").toEpochMilli(), false, Delivery.DELIVERED, Optional.empty());
        assertThat(json.message(entry, Optional.empty(), true)).isEqualTo(
                "{\"conversation\":\"group\",\"seq\":3,\"sender\":\"dora\",\"displayName\":null,\"time\":\"2026-12-05T00:00:00Z\",\"text\":\"@eddy hi\",\"kind\":\"text\",\"mentionsMe\":true}");
        assertThat(json.message(entry, Optional.empty(), false)).endsWith("\"mentionsMe\":false}");
    }

    @Test
    void whatHappensToARoomIsALineWithTheRoomsIdAndInJsonOfItsOwnKind() {
        RoomInfo design = new RoomInfo(Conversation.room(12), "Design", null, "public", "dora", 2, false);
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.RoomChanged(new RoomEvent(Conversation.room(12), RoomEvent.JOINED, "eddy", "eddy",
                design)));
        listening.onEvent(new ClientEvent.RoomChanged(new RoomEvent(Conversation.room(12), RoomEvent.REMOVED, "fred", null,
                design)));
        listening.onEvent(new ClientEvent.RoomChanged(new RoomEvent(Conversation.room(12), "frozen", null, "dora", design)));
        RoomInfo sketches = new RoomInfo(Conversation.room(12), "Design", "weekly sketches", "public", "dora", 2, false);
        listening.onEvent(new ClientEvent.RoomChanged(new RoomEvent(Conversation.room(12), RoomEvent.UPDATED, "dora", "dora",
                sketches)));
        listening.onEvent(new ClientEvent.RoomChanged(new RoomEvent(Conversation.room(12), RoomEvent.UPDATED, "dora", "dora",
                design)));

        assertThat(printed()).hasSize(4);
        assertThat(printed().get(0)).endsWith(" room 12 * eddy joined Design.");
        assertThat(printed().get(1)).as("the administrator did it").endsWith(" room 12 * The administrator removed fred from Design.");
        assertThat(printed().get(2)).as("what the room is called and about now")
                .endsWith(" room 12 * dora changed the room's name or topic; it is now Design, on \u201cweekly sketches\u201d.");
        assertThat(printed().get(3)).endsWith(" room 12 * dora changed the room's name or topic; it is now Design, with no topic.");
        Lines json = new Lines(true, ZoneOffset.UTC);
        assertThat(json.room(new RoomEvent(Conversation.room(12), RoomEvent.INVITED, "fred", "dora", design),
                Instant.parse("2026-12-05T00:00:00Z"))).contains(
                "{\"conversation\":\"#12\",\"seq\":null,\"sender\":\"fred\",\"displayName\":null,\"time\":\"2026-12-05T00:00:00Z\",\"text\":null,\"kind\":\"room\",\"change\":\"invited\",\"by\":\"dora\",\"name\":\"Design\",\"topic\":null}");
    }

    @Test
    void aRoomIsNamedInWordsSoItsNumberIsNotTakenForTheMessagesNumber() {
        loggedIn();
        listening.onEvent(new ClientEvent.CaughtUp());
        listening.onEvent(new ClientEvent.MessageAdded(message(Conversation.room(1), 1, "Draft attached", now), true));
        assertThat(printed()).containsExactly("2026-12-05 09:00:00 room 1 #1 <dora> Draft attached");
        Lines json = new Lines(true, ZoneOffset.UTC);
        assertThat(json.message(message(Conversation.room(1), 1, "Draft attached", now), Optional.empty()))
                .as("for programs, as before").startsWith("{\"conversation\":\"#1\",\"seq\":1,");
    }
}
