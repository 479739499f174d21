package org.lanchat.appliance.net;

import org.lanchat.appliance.account.StatusTexts;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.appliance.store.PresenceStore;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ProfileRequest.SetPresence;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * {@code set_presence} (PROTOCOL §7.20), blocking: the state is stored first, so it survives a restart, then
 * announced in the next {@code presence} event to every connection, this one's included; so changes are
 * rate-limited per account. Shared by every connection.
 */
public final class PresenceRequests {
    private final PresenceStore store;
    private final MessageRouter router;
    private final ProfileLimits limits;

    public PresenceRequests(PresenceStore store, MessageRouter router, ProfileLimits limits) {
        this.store = store;
        this.router = router;
        this.limits = limits;
    }

    void set(SetPresence request, Identity me, Connection connection, RequestRunner runner) {
        if (!connection.passes(request.id(), () -> limits.admitPresence(me.userId(), connection.address()))) {
            return;
        }
        runner.reply(request.id(), () -> {
            UserState state = UserState.of(request.presenceState(), StatusTexts.check(request.statusText()));
            store.set(me.userId(), state);
            router.announceState(me.username(), state);
            return new Ok(request.id());
        });
    }
}
