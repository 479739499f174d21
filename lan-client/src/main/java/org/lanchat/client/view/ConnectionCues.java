package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;

/**
 * What the chat window shows about the connection, beside the chat itself: the banner with "Reconnect now"
 * while a reconnect waits, and a roster marked unknown while disconnected (the names are who was online
 * when the connection was lost, not who is online now), or, while chatting directly, titled as who can be reached.
 */
final class ConnectionCues {
    private ConnectionCues() {
    }

    /** The banner label with a "Reconnect now" button beside it, shown while reconnecting. */
    static Node around(Label banner, ChatViewModel model) {
        Button now = new Button(Texts.text("connection.reconnectNow"));
        now.setId("reconnect-now");
        now.setMinWidth(Region.USE_PREF_SIZE); // the banner's text wraps; the button's never shrinks to "..."
        now.setMinHeight(Region.USE_PREF_SIZE);
        now.visibleProperty().bind(model.reconnectingProperty().and(banner.visibleProperty()));
        now.managedProperty().bind(now.visibleProperty());
        now.setOnAction(e -> model.reconnectNow());
        HBox.setHgrow(banner, Priority.ALWAYS);
        HBox row = new HBox(8, banner, now);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("banner-row");
        row.setMaxHeight(Region.USE_PREF_SIZE); // laid over the conversation: as tall as its text, not the whole area
        row.visibleProperty().bind(banner.visibleProperty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /**
     * "Online (3)"; while the appliance is away, "Reachable directly (2)", the colleagues besides this user; or
     * "Online: unknown while disconnected".
     */
    static void rosterTitle(Label title, ChatViewModel model) {
        title.textProperty().bind(Bindings.when(model.rosterStaleProperty())
                .then(Texts.text("connection.onlineUnknown"))
                .otherwise(Bindings.createStringBinding(() -> model.directProperty().get()
                        ? Texts.text("connection.reachableDirectly", model.onlineCountProperty().get() - 1)
                        : Texts.text("connection.online", model.onlineCountProperty().get()),
                        model.directProperty(), model.onlineCountProperty())));
    }

    /** Dims the roster while it is stale; it still opens private chats (their messages wait in the outbox). */
    static void dimWhileStale(Node roster, ChatViewModel model) {
        roster.opacityProperty().bind(Bindings.when(model.rosterStaleProperty()).then(0.5).otherwise(1.0));
    }
}
