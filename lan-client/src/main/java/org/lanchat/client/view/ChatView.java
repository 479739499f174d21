package org.lanchat.client.view;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.ConversationItem;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.ServerMessage.Sticker;

/**
 * The chat window: conversations with unread badges and the online roster on the left, the selected
 * conversation on the right, the input at the bottom (Enter sends, Shift+Enter starts a new line), and a
 * banner across the top while the connection is down.
 */
final class ChatView {
    static final String GROUP_ENTRY = "Group";

    private final BorderPane root = new BorderPane();
    private final TextArea draft = new TextArea();

    ChatView(ChatViewModel model, EmojiImages emoji, Runnable openHistory, Runnable logout) {
        // Banner
        Label banner = new Label();
        banner.setId("banner");
        banner.getStyleClass().add("banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());

        // Header
        Label brand = new Label();
        brand.getStyleClass().add("brand");
        brand.textProperty().bind(Bindings.concat("LAN Chat · ", model.applianceNameProperty()));
        Label me = new Label();
        me.setId("me");
        me.getStyleClass().add("subtle");
        me.textProperty().bind(Bindings.concat("Logged in as ", model.meProperty()));
        Region headerSpace = new Region();
        HBox.setHgrow(headerSpace, Priority.ALWAYS);
        Button history = new Button("History");
        history.setId("history");
        history.setTooltip(new Tooltip("Browse and search the whole history of this conversation"));
        history.setOnAction(e -> openHistory.run());
        Button out = new Button("Log out");
        out.setId("logout");
        out.setOnAction(e -> logout.run());
        HBox header = new HBox(12, brand, headerSpace, me, history, out);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        root.setTop(new VBox(banner, header));

        // Left: conversations and roster
        ListView<ConversationItem> conversations = new ListView<>(model.conversations());
        conversations.setId("conversations");
        conversations.setCellFactory(v -> new ConversationCell());
        conversations.getSelectionModel().select(model.selectedProperty().get());
        model.selectedProperty().addListener((o, was, now) -> conversations.getSelectionModel().select(now));
        conversations.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
        conversations.setPrefHeight(200);

        Label onlineCount = new Label();
        onlineCount.setId("online-count");
        onlineCount.getStyleClass().add("section");
        onlineCount.textProperty().bind(Bindings.concat("Online (", model.onlineCountProperty(), ")"));
        ObservableList<String> rosterEntries = FXCollections.observableArrayList(GROUP_ENTRY);
        model.online().addListener((ListChangeListener<String>) c -> {
            rosterEntries.setAll(GROUP_ENTRY);
            rosterEntries.addAll(model.online());
        });
        ListView<String> roster = new ListView<>(rosterEntries);
        roster.setId("roster");
        roster.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                getStyleClass().removeAll("group-entry", "me-entry");
                if (empty || name == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                if (name.equals(GROUP_ENTRY) && getIndex() == 0) {
                    setText("Group (everyone)");
                    getStyleClass().add("group-entry");
                    setGraphic(null);
                    return;
                }
                boolean self = name.equalsIgnoreCase(model.meProperty().get());
                setText(self ? name + " (you)" : name);
                if (self) {
                    getStyleClass().add("me-entry");
                }
                AvatarView avatar = new AvatarView(22);
                avatar.showName(name);
                setGraphic(avatar);
            }
        });
        roster.setOnMouseClicked(e -> {
            String picked = roster.getSelectionModel().getSelectedItem();
            int index = roster.getSelectionModel().getSelectedIndex();
            if (picked == null) {
                return;
            }
            if (index == 0) {
                model.openGroup();
            } else {
                model.openPrivate(picked);
            }
            draft.requestFocus();
        });
        VBox.setVgrow(roster, Priority.ALWAYS);
        Label conversationsTitle = new Label("Conversations");
        conversationsTitle.getStyleClass().add("section");
        VBox left = new VBox(6, conversationsTitle, conversations, onlineCount, roster);
        left.setPadding(new Insets(8));
        left.setMinWidth(180);
        left.setPrefWidth(240);

        // Right: the conversation
        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add("conversation-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            ConversationItem item = model.selectedProperty().get();
            if (item == null) {
                return "";
            }
            return item.conversation().isGroup() ? "Group: everyone online" : "Private with " + item.conversation().peer();
        }, model.selectedProperty()));

        ListView<MessageItem> messages = new ListView<>();
        messages.setId("messages");
        messages.getStyleClass().add("messages");
        messages.itemsProperty().bind(model.messagesProperty());
        messages.setCellFactory(new MessageCells(emoji, code -> stickerEmoji(model, code), model::avatar, model::retry));
        messages.setFocusTraversable(false);
        ListChangeListener<MessageItem> follow = c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    messages.scrollTo(messages.getItems().size() - 1);
                }
            }
        };
        model.messagesProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(follow);
            }
            now.addListener(follow);
            messages.scrollTo(Math.max(0, now.size() - 1));
        });
        model.messagesProperty().get().addListener(follow);
        VBox.setVgrow(messages, Priority.ALWAYS);

        Label error = new Label();
        error.setId("chat-error");
        error.getStyleClass().add("error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        draft.setId("draft");
        draft.setPromptText("Write a message. Enter sends, Shift+Enter starts a new line.");
        draft.setWrapText(true);
        draft.setPrefRowCount(2);
        draft.textProperty().bindBidirectional(model.draftProperty());
        draft.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER) {
                return;
            }
            e.consume();
            if (e.isShiftDown()) {
                draft.replaceSelection("\n");
            } else {
                model.send();
            }
        });
        HBox.setHgrow(draft, Priority.ALWAYS);

        EmojiPicker emojiPicker = new EmojiPicker(emoji, text -> {
            draft.replaceSelection(text);
            draft.requestFocus();
        });
        Button emojiButton = new Button();
        emojiButton.setId("emoji-button");
        emojiButton.setTooltip(new Tooltip("Insert an emoji"));
        emoji.catalog().find("\uD83D\uDE00").ifPresentOrElse(e -> emojiButton.setGraphic(emoji.view(e, 22)),
                () -> emojiButton.setText(":)"));
        emojiButton.setOnAction(e -> emojiPicker.toggle(emojiButton));
        StickerPicker stickerPicker = new StickerPicker(emoji, model.stickers(), model::sendSticker);
        Button stickerButton = new Button();
        stickerButton.setId("sticker-button");
        stickerButton.setTooltip(new Tooltip("Send a sticker"));
        emoji.catalog().find("\uD83C\uDF89").ifPresentOrElse(e -> stickerButton.setGraphic(emoji.view(e, 22)),
                () -> stickerButton.setText("Sticker"));
        stickerButton.setOnAction(e -> stickerPicker.toggle(stickerButton));
        Button send = new Button("Send");
        send.setId("send");
        send.setDefaultButton(false);
        send.disableProperty().bind(Bindings.createBooleanBinding(() -> model.draftProperty().get() == null
                || model.draftProperty().get().isBlank(), model.draftProperty()));
        send.setOnAction(e -> {
            model.send();
            draft.requestFocus();
        });
        HBox input = new HBox(6, emojiButton, stickerButton, draft, send);
        input.setAlignment(Pos.BOTTOM_LEFT);
        input.getStyleClass().add("input");

        VBox conversation = new VBox(6, title, messages, error, input);
        conversation.setPadding(new Insets(8));

        SplitPane split = new SplitPane(left, conversation);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(left, false);
        root.setCenter(split);
        root.getStyleClass().add("chat");
    }

    private static Optional<String> stickerEmoji(ChatViewModel model, String code) {
        return model.stickers().stream().filter(s -> s.code().equals(code)).map(Sticker::emoji).findFirst();
    }

    Parent root() {
        return root;
    }

    void focus() {
        draft.requestFocus();
    }

    /** A conversation with its unread badge. */
    private static final class ConversationCell extends ListCell<ConversationItem> {
        @Override
        protected void updateItem(ConversationItem item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label();
            name.textProperty().bind(item.titleProperty());
            name.getStyleClass().add("conversation-name");
            Label preview = new Label();
            preview.textProperty().bind(item.previewProperty());
            preview.getStyleClass().add("preview");
            VBox text = new VBox(1, name, preview);
            Region space = new Region();
            HBox.setHgrow(space, Priority.ALWAYS);
            Label badge = new Label();
            badge.getStyleClass().add("badge");
            badge.textProperty().bind(item.unreadProperty().asString());
            badge.visibleProperty().bind(item.unreadProperty().greaterThan(0));
            HBox row = new HBox(6, text, space, badge);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
