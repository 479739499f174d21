package org.lanchat.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.BiConsumer;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientListener;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.Mentions;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;

/**
 * What {@code lanchat listen} prints of the client's events: messages new since it started (live, or fetched
 * after a reconnect), each once, who comes and goes (as {@link PresenceNews} decides), who reads and who types
 * (other users only). Of the history the client loads at login it prints what the user has not read: others'
 * messages above the user's read mark, or, in a private conversation the user never read on any computer, all of
 * the other's; the rest is not news. Without that, private messages handed over at a login of another command
 * ({@code lanchat who}) were never printed. What it prints counts as read, when a {@link #markReadWith marker} is
 * set. Called on one thread, in order.
 */
final class Listening implements ClientListener {
    private final Lines lines;
    private final Function<String, Optional<String>> displayNames;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CompletableFuture<Integer> ended;
    private final InstantSource clock;
    private final Instant started;
    /** Who comes and goes, and their states: what of it is news. */
    private final PresenceNews presence;
    /** Every message seen, printed or not: conversation and sequence number. */
    private final Set<String> seen = new HashSet<>();
    /** Of those, the ones printed as they came directly from a colleague, not yet stored by the appliance. */
    private final Set<String> printedDirectly = new HashSet<>();
    /** The newest sequence number seen per conversation. */
    private final Map<String, Long> newest = new HashMap<>();
    /** {@link #newest} when the first catch-up finished: what is older is history, not news. Null before. */
    private Map<String, Long> before;
    /** Whether the connection was lost and is not back yet: said once each way. */
    private boolean away;
    /** The listening user, as a name key. */
    private String me = "";
    /** The newest read mark known per conversation and reader: a catch-up repeats the marks it knows. */
    private final Map<String, Long> reads = new HashMap<>();
    /** Marks a printed message read; none when read marks are off. */
    private volatile BiConsumer<Conversation, Long> markRead = (conversation, seq) -> { };

    Listening(Lines lines, Delays delays, InstantSource clock, PrintWriter out, PrintWriter err,
              CompletableFuture<Integer> ended) {
        this(lines, user -> Optional.empty(), delays, clock, out, err, ended);
    }

    /**
     * @param displayNames a user's display name (PROTOCOL.md §7.17), empty for none or when it cannot be learned;
     *                     may wait for the appliance's answer (this runs on the printing thread, not the client's)
     * @param delays       runs a task later on the printing thread: the release of a held presence line
     * @param clock        the time of what is printed, and what counts as new since the start
     */
    Listening(Lines lines, Function<String, Optional<String>> displayNames, Delays delays, InstantSource clock,
              PrintWriter out, PrintWriter err, CompletableFuture<Integer> ended) {
        this.lines = lines;
        this.displayNames = displayNames;
        this.out = out;
        this.err = err;
        this.ended = ended;
        this.clock = clock;
        this.started = clock.instant();
        PresenceNews.Printer printer = new PresenceNews.Printer() {
            @Override
            public void online(String user, Instant at) {
                print(lines.presence(user, displayNames.apply(user), true, at));
            }

            @Override
            public void offline(String user, Instant at) {
                print(lines.presence(user, displayNames.apply(user), false, at));
            }

            @Override
            public void state(String user, UserState state, Instant at) {
                print(lines.state(user, displayNames.apply(user), state, at));
            }
        };
        this.presence = lines.forPrograms() ? PresenceNews.forPrograms(printer, clock)
                : PresenceNews.forPeople(printer, delays, clock);
    }

    /** From now on, every message printed is marked read with {@code marker}. */
    void markReadWith(BiConsumer<Conversation, Long> marker) {
        markRead = marker;
    }

    @Override
    public void onEvent(ClientEvent event) {
        switch (event) {
            case ClientEvent.MessageAdded added -> message(added.entry(), added.live());
            case ClientEvent.MessageChanged changed -> message(changed.change(), changed.live());
            case ClientEvent.CaughtUp caughtUp -> {
                if (before == null) {
                    before = Map.copyOf(newest);
                    // On stderr, so that the output stays messages only; it tells a script listening has begun.
                    err.println(Texts.text("listen.started"));
                    err.flush();
                }
            }
            case ClientEvent.SessionStarted started -> me = Usernames.key(started.session().username());
            case ClientEvent.RosterChanged roster -> {
                // Coming online is the listener's own doing: not news to it.
                roster.joined().stream().filter(user -> !Usernames.key(user).equals(me)).forEach(presence::joined);
                roster.left().forEach(presence::left);
            }
            case ClientEvent.PresenceStateChanged changed -> presence.state(changed.username(), changed.state());
            case ClientEvent.StatusChanged changed -> {
                // Said as the connection is lost and as it is back, not at every attempt between: an outage of an hour
                // left a line every 30 seconds in a log meant for messages.
                if (changed.status() == ConnectionStatus.RECONNECTING && !away) {
                    away = true;
                    err.println(Texts.text("listen.reconnecting", changed.retryIn().map(Duration::toSeconds).orElse(0L)));
                    err.flush();
                } else if (changed.status() == ConnectionStatus.ONLINE && away) {
                    away = false;
                    err.println(Texts.text("listen.reconnected"));
                    err.flush();
                }
            }
            case ClientEvent.ReadMarkChanged read -> read(read);
            case ClientEvent.RoomChanged room -> lines.room(room.event(), clock.instant()).ifPresent(this::print);
            case ClientEvent.Typing typing when !Usernames.key(typing.user()).equals(me) ->
                    print(lines.typing(typing.conversation(), typing.user(), displayNames.apply(typing.user()),
                            clock.instant()));
            case ClientEvent.SessionEnded end -> {
                // The failure that ended it says more than the reason; the appliance's English stays out.
                err.println(end.problem().map(Failure::sentence)
                        .orElseGet(() -> Texts.text("listen.ended." + end.reason().name(), "")));
                err.flush();
                ended.complete(switch (end.reason()) {
                    case LOGGED_OUT -> Exit.OK;
                    case TOKEN_INVALID, ACCOUNT_DISABLED -> Exit.REFUSED;
                    case CERTIFICATE_CHANGED, UNSUPPORTED_VERSION -> Exit.UNREACHABLE;
                });
            }
            default -> {
            }
        }
    }

    private void message(ChatEntry entry, boolean live) {
        String conversation = entry.conversation().value().toLowerCase(Locale.ROOT);
        String key = conversation + "#" + entry.key();
        // By key, not sequence number: a message received directly has none until the appliance stores it.
        if (!seen.add(key)) {
            // Printed as it came directly; stored now, it is read on the appliance too, or the next listen (or the
            // desktop app) would show it again as unread.
            if (entry.seq() > 0 && printedDirectly.remove(key)) {
                markRead.accept(entry.conversation(), entry.seq());
            }
            return;
        }
        Long newestBefore = before == null ? null : before.get(conversation);
        boolean news = live || (before == null && unread(conversation, entry))
                || (before != null && (newestBefore != null ? entry.seq() > newestBefore
                // A conversation new since the start: its newest page is loaded whole, so go by time.
                : !Instant.ofEpochMilli(entry.sentAt()).isBefore(started)));
        newest.merge(conversation, entry.seq(), Math::max);
        if (news) {
            print(lines.message(entry, displayNames.apply(entry.from()), Mentions.callsMe(entry, me, live)));
            if (entry.seq() > 0 && !entry.own()) {
                markRead.accept(entry.conversation(), entry.seq());
            } else if (entry.seq() <= 0 && !entry.own()) {
                printedDirectly.add(key);
            }
        }
    }

    /** Of the history loaded at login: whether the user has read it nowhere (the marks come before the messages). */
    private boolean unread(String conversation, ChatEntry entry) {
        if (entry.own() || entry.seq() <= 0) {
            return false;
        }
        Long mark = reads.get(conversation + " " + me);
        return mark != null ? entry.seq() > mark : entry.conversation().isPrivate();
    }

    private void read(ClientEvent.ReadMarkChanged read) {
        String key = read.conversation().value().toLowerCase(Locale.ROOT) + " " + Usernames.key(read.reader());
        boolean newer = reads.getOrDefault(key, 0L) < read.seq();
        reads.merge(key, read.seq(), Math::max);
        // The listener's own marks are its own doing; the marks known at the first login are not news.
        if (newer && before != null && !Usernames.key(read.reader()).equals(me)) {
            print(lines.read(read.conversation(), read.reader(), displayNames.apply(read.reader()), read.seq(),
                    clock.instant()));
        }
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
