package org.lanchat.client.core.net;

import org.lanchat.protocol.message.ServerMessage;

/** Which request a server message answers. */
public final class Replies {
    private Replies() {
    }

    /** The id a reply echoes, or null for events (and for errors about a request whose id was unreadable). */
    public static String replyId(ServerMessage m) {
        return switch (m) {
            case ServerMessage.Welcome w -> w.id();
            case ServerMessage.SessionStarted s -> s.id();
            case ServerMessage.Ok o -> o.id();
            case ServerMessage.Ack a -> a.id();
            case ServerMessage.Roster r -> r.id();
            case ServerMessage.HistoryPage h -> h.id();
            case ServerMessage.ConversationList c -> c.id();
            case ServerMessage.Avatar a -> a.id();
            case ServerMessage.Pong p -> p.id();
            case ServerMessage.Error e -> e.id();
            case ServerMessage.ChatMessage c -> null;
            case ServerMessage.Presence p -> null;
            case ServerMessage.Bye b -> null;
        };
    }
}
