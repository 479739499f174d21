package org.lanchat.client.core;

import java.util.List;
import java.util.Objects;
import org.lanchat.protocol.message.SessionMessage.Limits;
import org.lanchat.protocol.message.SessionMessage.Sticker;

/**
 * The logged-in user and what the appliance announced.
 *
 * @param username the canonical spelling, as registered
 * @param token    to log in again later without the password (a command line keeps it between runs)
 */
public record Session(String username, String applianceName, String applianceVersion, Limits limits,
        List<Sticker> stickers, ResumeToken token) {
    public Session {
        stickers = List.copyOf(stickers);
        Objects.requireNonNull(token, "token");
    }
}
