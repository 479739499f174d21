package org.lanchat.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;

/**
 * Which of the colleagues' comings and goings {@code lanchat listen} tells a person about. A colleague's script that
 * signs in for a moment ({@code lanchat send}, {@code lanchat who}) is not news: a visit shorter than {@link #SETTLE}
 * is not printed at all. The "online" line is held that long, and dropped together with the "offline" one if the
 * colleague leaves before (the desktop app hides visits under 30 s; at a terminal a few seconds do). And a presence
 * state is printed only when it differs from the one last printed for that user: the appliance restates it each time
 * they come back. A program ({@code --json}) gets every event as it comes instead, as it always has.
 *
 * <p>Called on the printing thread, in order, as {@link Listening} is; {@link Delays} releases a held line there too.
 */
final class PresenceNews {
    /** How long a colleague stays before their coming online is printed. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    /** What is printed: a line each. */
    interface Printer {
        void online(String user, Instant at);

        void offline(String user, Instant at);

        void state(String user, UserState state, Instant at);
    }

    /** A colleague online for less than {@link #SETTLE} so far: when they came, and the state they came with. */
    private static final class Visit {
        final String user;
        final Instant since;
        UserState state = UserState.DEFAULT;

        Visit(String user, Instant since) {
            this.user = user;
            this.since = since;
        }
    }

    private final Printer printer;
    private final Delays delays;
    private final InstantSource clock;
    private final boolean everyEvent;
    /** By name key: visits not yet printed. */
    private final Map<String, Visit> settling = new HashMap<>();
    /** By name key: the state last printed (none printed: the default). */
    private final Map<String, UserState> shown = new HashMap<>();

    private PresenceNews(Printer printer, Delays delays, InstantSource clock, boolean everyEvent) {
        this.printer = printer;
        this.delays = delays;
        this.clock = clock;
        this.everyEvent = everyEvent;
    }

    /** For people: short visits and repeated states left out. */
    static PresenceNews forPeople(Printer printer, Delays delays, InstantSource clock) {
        return new PresenceNews(printer, delays, clock, false);
    }

    /** For programs ({@code --json}): every event, at once. */
    static PresenceNews forPrograms(Printer printer, InstantSource clock) {
        return new PresenceNews(printer, (delay, task) -> task.run(), clock, true);
    }

    void joined(String user) {
        if (everyEvent) {
            printer.online(user, clock.instant());
            return;
        }
        String key = Usernames.key(user);
        Visit visit = new Visit(user, clock.instant());
        settling.put(key, visit);
        delays.after(SETTLE, () -> settled(key, visit));
    }

    void left(String user) {
        if (settling.remove(Usernames.key(user)) == null) {
            printer.offline(user, clock.instant());
        }
        // Otherwise they came and went within SETTLE: neither line is printed.
    }

    void state(String user, UserState state) {
        if (everyEvent) {
            printer.state(user, state, clock.instant());
            return;
        }
        Visit visit = settling.get(Usernames.key(user));
        if (visit != null) {
            visit.state = state; // printed after the "online" line, if the visit lasts
        } else {
            printIfChanged(user, state);
        }
    }

    private void settled(String key, Visit visit) {
        // Not when they left meanwhile; and a visit begun since settles by itself.
        if (settling.get(key) != visit) {
            return;
        }
        settling.remove(key);
        printer.online(visit.user, visit.since);
        // The appliance states a state other than the default as the user comes: none came, so they have the default.
        printIfChanged(visit.user, visit.state);
    }

    private void printIfChanged(String user, UserState state) {
        String key = Usernames.key(user);
        UserState before = shown.getOrDefault(key, UserState.DEFAULT);
        if (before.presenceState() != state.presenceState() || !Objects.equals(before.statusText(), state.statusText())) {
            shown.put(key, state);
            printer.state(user, state, clock.instant());
        }
    }
}
