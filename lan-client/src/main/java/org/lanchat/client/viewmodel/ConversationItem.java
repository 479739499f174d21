package org.lanchat.client.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;

/** An entry of the conversation list: "Group", a named room or a private conversation, with its unread badge. */
public final class ConversationItem {
    private final Conversation conversation;
    /** When this conversation was met among the others: private conversations keep that order in the list. */
    private final long met;
    private final StringProperty title = new SimpleStringProperty();
    private final StringProperty topic = new SimpleStringProperty("");
    private final ObjectProperty<RoomInfo> room = new SimpleObjectProperty<>();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final StringProperty preview = new SimpleStringProperty("");

    ConversationItem(Conversation conversation, long met) {
        this.conversation = conversation;
        this.met = met;
        // A room is shown by its id only until its name arrives (PROTOCOL.md §7.23: rooms are listed after login).
        this.title.set(conversation.isGroup() ? Texts.text("conversation.group")
                : conversation.isRoom() ? conversation.value() : conversation.peer());
    }

    public Conversation conversation() {
        return conversation;
    }

    long met() {
        return met;
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** A room's topic, empty for other conversations and rooms without one. */
    public StringProperty topicProperty() {
        return topic;
    }

    /** The room as last heard of (name, creator, archived), or null for the group, private conversations and a room not yet listed. */
    public ReadOnlyObjectProperty<RoomInfo> roomProperty() {
        return room;
    }

    /** A room's name, topic and state as the appliance last told them: an archived room says so beside its name. */
    void named(RoomInfo info) {
        room.set(info);
        title.set(info.archived() ? Texts.text("rooms.archivedTitle", info.name()) : info.name());
        topic.set(info.topic() == null ? "" : info.topic());
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
