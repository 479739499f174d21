package org.lanchat.appliance.net;

import org.lanchat.appliance.relay.PresenceHub;
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

    private final PresenceHub presence;
    private final MessageCodec codec;
    private volatile Encoded last;

    public RosterFrame(PresenceHub presence, MessageCodec codec) {
        this.presence = presence;
        this.codec = codec;
    }

    /** The encoded frame for the roster as last announced; callers must not modify it. */
    public byte[] current() {
        RosterSnapshot now = presence.roster();
        Encoded cached = last;
        if (cached == null || cached.snapshot() != now) {
            // Two sessions racing here both encode the same snapshot; either result is correct.
            cached = new Encoded(now, codec.encodeFrame(new Roster(null, now.users(), now.count())));
            last = cached;
        }
        return cached.frame();
    }
}
