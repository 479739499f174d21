package org.lanchat.appliance.net;

import java.util.function.Supplier;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage.Roster;

/**
 * The {@code roster} event every new session gets, encoded once per announced roster instead of once per
 * login. In a reconnect storm the n-th client's roster lists about n names, so encoding it per login made
 * the storm quadratic in JSON work; the announced roster changes only at presence flushes, and every
 * session that logs in between two flushes gets the same bytes.
 */
public final class RosterFrame {
    private record Encoded(RosterSnapshot snapshot, byte[] frame) {
    }

    private final Supplier<RosterSnapshot> announced;
    private final MessageCodec codec;
    private volatile Encoded last;

    /** @param announced the roster as last announced ({@link org.lanchat.appliance.relay.MessageRouter#roster()}) */
    public RosterFrame(Supplier<RosterSnapshot> announced, MessageCodec codec) {
        this.announced = announced;
        this.codec = codec;
    }

    /** The reply to a {@code roster} request: the roster as last announced. */
    Roster reply(String requestId) {
        RosterSnapshot now = announced.get();
        return new Roster(requestId, now.users(), now.count());
    }

    /** The encoded frame for the roster as last announced; callers must not modify it. */
    public byte[] current() {
        RosterSnapshot now = announced.get();
        Encoded cached = last;
        if (cached == null || cached.snapshot() != now) {
            // Two sessions racing here both encode the same snapshot; either result is correct.
            cached = new Encoded(now, codec.encodeFrame(new Roster(null, now.users(), now.count())));
            last = cached;
        }
        return cached.frame();
    }
}
