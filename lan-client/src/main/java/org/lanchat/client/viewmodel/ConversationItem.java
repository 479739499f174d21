package org.lanchat.client.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;

/** An entry of the conversation list: "Group" or a private conversation, with its unread badge. */
public final class ConversationItem {
    private final Conversation conversation;
    private final StringProperty title = new SimpleStringProperty();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final StringProperty preview = new SimpleStringProperty("");

    ConversationItem(Conversation conversation) {
        this.conversation = conversation;
        this.title.set(conversation.isGroup() ? Texts.text("conversation.group")
                : conversation.isRoom() ? conversation.value() : conversation.peer()); // rooms get their names with the rooms section
    }

    public Conversation conversation() {
        return conversation;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public IntegerProperty unreadProperty() {
        return unread;
    }

    /** The newest message, shortened. */
    public StringProperty previewProperty() {
        return preview;
    }

    @Override
    public String toString() {
        return title.get() + (unread.get() > 0 ? " (" + unread.get() + ")" : "");
    }
}
