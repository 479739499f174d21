package org.lanchat.client.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.i18n.Texts;

/**
 * The strip above the chat that says what is wrong with the connection: reconnecting, offline, or chatting
 * directly with colleagues while the appliance does not answer (which the next reconnect attempt does not
 * overwrite). Hidden whenever the client is online. On the UI thread.
 */
final class ConnectionBanner {
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty visible = new SimpleBooleanProperty();
    private boolean wasOnline;
    private boolean peerMode;

    StringProperty text() {
        return text;
    }

    BooleanProperty visible() {
        return visible;
    }

    void status(ClientEvent.StatusChanged changed) {
        switch (changed.status()) {
            case ONLINE -> {
                wasOnline = true;
                visible.set(false);
                text.set("");
            }
            case RECONNECTING -> {
                if (!peerMode) {
                    text.set(reconnecting(changed));
                }
                visible.set(true);
            }
            case OFFLINE -> {
                if (wasOnline) {
                    text.set(changed.problem().map(p -> Texts.text("banner.offline", Failures.sentence(p)))
                            .orElseGet(() -> Texts.text("coreTexts.banner.offline")));
                    visible.set(true);
                }
            }
            case CONNECTING -> {
            }
        }
    }

    /** Why, in the bundle's words (the event's English detail is for the log), then when the next try is. */
    private static String reconnecting(ClientEvent.StatusChanged changed) {
        if (changed.retryIn().isEmpty()) {
            return Texts.text("coreTexts.banner.reconnectingNow");
        }
        String why = changed.problem().map(Failures::sentence)
                .orElseGet(() -> Texts.text("coreTexts.problem.CONNECTION_LOST"));
        long seconds = Math.max(1, (changed.retryIn().get().toMillis() + 999) / 1000);
        return Texts.text("coreTexts.banner.reconnecting", why, seconds);
    }

    void peerMode(ClientEvent.PeerModeChanged changed) {
        peerMode = changed.active();
        if (changed.active()) {
            text.set(peerText(changed.reachable().size()));
            visible.set(true);
        }
    }

    /** The text while chatting directly (PROTOCOL.md §7.14). */
    static String peerText(int reachable) {
        String who = switch (reachable) {
            case 0 -> Texts.text("banner.peer.nobody");
            default -> Texts.text("banner.peer.some", reachable);
        };
        return Texts.text("banner.peer", who);
    }
}
