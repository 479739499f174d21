package org.lanchat.client.core;

import java.util.List;
import org.lanchat.protocol.message.ServerMessage.Limits;
import org.lanchat.protocol.message.ServerMessage.Sticker;

/**
 * The logged-in user and what the appliance announced.
 *
 * @param username the canonical spelling, as registered
 */
public record Session(String username, String applianceName, String applianceVersion, Limits limits,
        List<Sticker> stickers) {
    public Session {
        stickers = List.copyOf(stickers);
    }
}
