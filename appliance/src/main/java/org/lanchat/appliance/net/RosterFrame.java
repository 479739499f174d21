package org.lanchat.appliance.net;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.lanchat.appliance.relay.FramedParts;
import org.lanchat.appliance.relay.FramedParts.Detail;
import org.lanchat.appliance.relay.FramedParts.Run;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.appliance.relay.PresenceStates;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * The {@code roster} event every new session gets, encoded once per announced roster instead of once per
 * login. In a reconnect storm the n-th client's roster lists about n names, so encoding it per login made
 * the storm quadratic in JSON work; the announced roster changes only at presence flushes, and every
 * session that logs in between two flushes gets the same bytes.
 */
public final class RosterFrame {
    private record Encoded(RosterSnapshot snapshot, long namesVersion, long statesVersion, byte[] frame) {
    }

    /** The display names the roster shows (§7.17), and a number that changes whenever one of them does. */
    public interface DisplayNames {
        Optional<String> of(String username);

        long version();

        DisplayNames NONE = of(username -> Optional.empty(), () -> 0);

        static DisplayNames of(Function<String, Optional<String>> byUsername, LongSupplier version) {
            return new DisplayNames() {
                @Override
                public Optional<String> of(String username) {
                    return byUsername.apply(username);
                }

                @Override
                public long version() {
                    return version.getAsLong();
                }
            };
        }
    }

    private final Supplier<RosterSnapshot> announced;
    private final MessageCodec codec;
    private final DisplayNames names;
    private final PresenceStates states;
    private volatile Encoded last;

    /** @param announced the roster as last announced ({@link org.lanchat.appliance.relay.MessageRouter#roster()}) */
    public RosterFrame(Supplier<RosterSnapshot> announced, MessageCodec codec) {
        this(announced, codec, DisplayNames.NONE);
    }

    public RosterFrame(Supplier<RosterSnapshot> announced, MessageCodec codec, DisplayNames names) {
        this(announced, codec, names, new PresenceStates());
    }

    /** @param states everyone's presence state (§7.20), shown for the users listed */
    public RosterFrame(Supplier<RosterSnapshot> announced, MessageCodec codec, DisplayNames names, PresenceStates states) {
        this.announced = announced;
        this.codec = codec;
        this.names = names;
        this.states = states;
    }

    /** The reply to a {@code roster} request, the roster as last announced: its frames, one after the other. */
    byte[] reply(String requestId) {
        return encode(requestId, announced.get());
    }

    /**
     * The roster's frames as one array, to be written at once so that nothing comes between its parts: one frame,
     * or consecutive parts when everyone online does not fit one (§6.7).
     */
    private byte[] encode(String requestId, RosterSnapshot now) {
        List<byte[]> parts = FramedParts.encode(now.users(), (run, detail) -> part(requestId, now, run, detail), codec);
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private Roster part(String requestId, RosterSnapshot now, Run<String> run, Detail detail) {
        Map<String, String> shown = new HashMap<>();
        Map<String, UserState> chosen = new HashMap<>();
        for (String user : run.items()) {
            if (detail == Detail.FULL) {
                names.of(user).ifPresent(name -> shown.put(user, name));
            }
            states.chosen(user).ifPresent(state -> chosen.put(user,
                    detail == Detail.FULL ? state : new UserState(state.state(), null)));
        }
        return new Roster(requestId, run.items(), now.count(), shown, chosen, !run.last());
    }

    /** The encoded frames for the roster as last announced, as {@link #reply} but pushed; callers must not modify it. */
    public byte[] current() {
        RosterSnapshot now = announced.get();
        long version = names.version(); // read before the names, so a change meanwhile makes the next call encode again
        long statesVersion = states.version();
        Encoded cached = last;
        if (cached == null || cached.snapshot() != now || cached.namesVersion() != version
                || cached.statesVersion() != statesVersion) {
            // Two sessions racing here both encode the same snapshot; either result is correct.
            cached = new Encoded(now, version, statesVersion, encode(null, now));
            last = cached;
        }
        return cached.frame();
    }
}
