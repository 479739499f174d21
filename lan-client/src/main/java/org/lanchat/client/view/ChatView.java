package org.lanchat.client.view;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.ConversationItem;
import org.lanchat.client.viewmodel.DisplayNames;
import org.lanchat.client.viewmodel.FilesViewModel;
import org.lanchat.client.viewmodel.MentionSuggestions;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.client.viewmodel.NotificationPolicy;
import org.lanchat.protocol.message.SessionMessage.Sticker;

/**
 * The chat window: conversations with unread badges and the online roster on the left, the selected
 * conversation on the right, the input at the bottom (Enter sends, Shift+Enter starts a new line), and a
 * banner over the top of the conversation while the connection is down.
 */
final class ChatView {
    static final String GROUP_ENTRY = "Group";

    private final BorderPane root = new BorderPane();
    private final TextArea draft = new TextArea();

    private final ListView<MessageItem> messages = new ListView<>();
    private final NewestFollower follower;
    /** The sidebar's settings, under the roster; the navigator adds the ones kept outside this window. */
    private final VBox settings = new VBox(6);

    ChatView(ChatViewModel model, EmojiImages emoji, Runnable openHistory, Runnable logout, LinkOpener links) {
        this(model, null, null, emoji, openHistory, logout, links);
    }

    /**
     * @param files   sending, showing and saving files; null for a window without them
     * @param dialogs how files to attach and places to save are chosen
     */
    ChatView(ChatViewModel model, FilesViewModel files, FileDialogs dialogs, EmojiImages emoji, Runnable openHistory,
            Runnable logout, LinkOpener links) {
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
        // Appliances are called "LAN Chat on <host>" unless renamed: say "LAN Chat" once.
        brand.textProperty().bind(model.applianceNameProperty()
                .map(name -> name.startsWith("LAN Chat") ? name : Texts.text("chat.brand", name)));
        Label me = new Label();
        me.setId("me");
        me.getStyleClass().add("subtle");
        // Beside the user's own picture the name alone says who is logged in: "Logged in as" took the room, and at the
        // window's first size the header showed "Logged in as …" and no name at all. The whole sentence is a hover away.
        me.textProperty().bind(Bindings.createStringBinding(() -> shownWithLogin(model, model.meProperty().get()),
                model.meProperty(), model.displayNames().versionProperty()));
        Tooltip meSaid = new Tooltip();
        meSaid.textProperty().bind(me.textProperty().map(shown -> Texts.text("chat.loggedInAs", shown)));
        me.setTooltip(meSaid);
        me.accessibleTextProperty().bind(meSaid.textProperty());
        Tooltip brandSaid = new Tooltip();
        brandSaid.textProperty().bind(brand.textProperty());
        brand.setTooltip(brandSaid);
        AvatarImages avatars = new AvatarImages(model::avatar);
        AvatarView myAvatar = new AvatarView(26);
        model.meProperty().addListener((o, was, now) -> avatars.show(now, myAvatar));
        if (!model.meProperty().get().isEmpty()) {
            avatars.show(model.meProperty().get(), myAvatar);
        }
        Region headerSpace = new Region();
        HBox.setHgrow(headerSpace, Priority.ALWAYS);
        Button history = new Button(Texts.text("chat.history"));
        history.setId("history");
        history.getStyleClass().add("header-button");
        history.setTooltip(new Tooltip(Texts.text("chat.history.tooltip")));
        history.setOnAction(e -> openHistory.run());
        Button displayName = new Button(Texts.text("chat.displayName.button"));
        displayName.setId("display-name");
        displayName.getStyleClass().add("header-button");
        displayName.setTooltip(new Tooltip(Texts.text("chat.displayName.tooltip")));
        displayName.setOnAction(e -> DisplayNameDialog.ask(model));
        Button out = new Button(Texts.text("chat.logout"));
        out.setId("logout");
        out.getStyleClass().add("header-button");
        out.setOnAction(e -> logout.run());
        // The buttons keep their words; on a narrow window the appliance's name and "Logged in as" give way first (at
        // 1000 px the buttons read "Na…", "His…", "Log…").
        for (Button button : List.of(displayName, history, out)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        brand.setMinWidth(0);
        me.setMinWidth(0);
        HBox header = new HBox(10, brand, headerSpace, PresenceControls.selector(model.presence()), myAvatar, me, displayName,
                history, out);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        root.setTop(header);
        // Over the top of the conversation rather than above the window: a banner that pushed everything down as it
        // appeared moved the row a user was about to click, and a room's message went to the group.
        Node bannerRow = ConnectionCues.around(banner, model);

        // Left: conversations and roster
        ListView<ConversationItem> conversations = new ListView<>(model.conversations());
        conversations.setId("conversations");
        conversations.setCellFactory(v -> new ConversationCell(emoji, avatars, model.displayNames(), model.notifications()));
        MuteMenu.install(conversations, model.notifications());
        conversations.getStyleClass().add("side-list");
        conversations.getSelectionModel().select(model.selectedProperty().get());
        model.selectedProperty().addListener((o, was, now) -> conversations.getSelectionModel().select(now));
        // A room named or renamed moves in the sorted list: the selection stays with the conversation on screen.
        model.conversations().addListener((ListChangeListener<ConversationItem>) c -> {
            if (conversations.getSelectionModel().getSelectedItem() != model.selectedProperty().get()) {
                conversations.getSelectionModel().select(model.selectedProperty().get());
            }
        });
        conversations.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
        conversations.setPrefHeight(240); // Everyone, a room or two and a private chat without scrolling
        // Picking a conversation with the mouse, or Enter on it, goes on to writing in it; arrow keys only move.
        conversations.setOnMouseClicked(e -> {
            if (conversations.getSelectionModel().getSelectedItem() != null) {
                draft.requestFocus();
            }
        });
        conversations.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                draft.requestFocus();
                e.consume();
            }
        });

        Label onlineCount = new Label();
        onlineCount.setId("online-count");
        onlineCount.getStyleClass().add("section");
        ConnectionCues.rosterTitle(onlineCount, model);
        ObservableList<String> rosterEntries = FXCollections.observableArrayList(GROUP_ENTRY);
        model.online().addListener((ListChangeListener<String>) c -> {
            rosterEntries.setAll(GROUP_ENTRY);
            rosterEntries.addAll(model.online());
        });
        ListView<String> roster = new ListView<>(rosterEntries);
        ConnectionCues.dimWhileStale(roster, model);
        roster.setId("roster");
        roster.getStyleClass().add("side-list");
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
                    setText(Texts.text("chat.groupEveryone"));
                    getStyleClass().add("group-entry");
                    setGraphic(groupIcon(emoji, 24));
                    return;
                }
                boolean self = name.equalsIgnoreCase(model.meProperty().get());
                String shown = model.displayNames().shown(name);
                setText(PresenceControls.line(self ? Texts.text("chat.you", shown) : shown, model.presence(), name));
                // The login name is what people type; shown beside a display name, on hover.
                setTooltip(shown.equals(name) ? null : new Tooltip(name));
                if (self) {
                    getStyleClass().add("me-entry");
                }
                AvatarView avatar = new AvatarView(24);
                avatars.show(name, avatar);
                setGraphic(PresenceControls.withDot(avatar, model.presence(), name));
            }
        });
        model.presence().versionProperty().addListener((o, was, now) -> roster.refresh());
        Runnable openPicked = () -> {
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
        };
        roster.setOnMouseClicked(e -> openPicked.run());
        roster.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openPicked.run();
                e.consume();
            }
        });
        VBox.setVgrow(roster, Priority.ALWAYS);
        Label conversationsTitle = new Label(Texts.text("chat.conversations"));
        conversationsTitle.getStyleClass().add("section");
        HBox roomButtons = RoomDialogs.buttons(model.rooms(), draft::requestFocus);
        CheckBox sendReadMarks = new CheckBox(Texts.text("chat.sendReadMarks"));
        sendReadMarks.setId("send-read-marks");
        sendReadMarks.setTooltip(new Tooltip(Texts.text("chat.sendReadMarks.tooltip")));
        sendReadMarks.selectedProperty().bindBidirectional(model.reading().sendReadMarksProperty());
        settings.getChildren().add(sendReadMarks);
        SearchPane search = new SearchPane(model.search(), emoji, conversations);
        search.replacing(conversationsTitle, conversations, roomButtons, onlineCount, roster);
        search.focusKeys(root);
        VBox left = new VBox(6, search.field(), conversationsTitle, conversations, roomButtons, search.results(), onlineCount, roster,
                settings);
        left.setPadding(new Insets(10, 8, 8, 8));
        left.getStyleClass().add("sidebar");
        left.setMinWidth(180);
        left.setPrefWidth(240);

        // Right: the conversation
        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add("conversation-title");
        title.setMaxWidth(Double.MAX_VALUE);
        // A room's name may change while it is on screen (renamed, archived): the header follows.
        javafx.beans.value.ObservableValue<String> selectedTitle = model.selectedProperty().flatMap(ConversationItem::titleProperty);
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            ConversationItem item = model.selectedProperty().get();
            if (item == null) {
                return "";
            }
            return item.conversation().isGroup() ? Texts.text("chat.header.group")
                    // Read through selectedTitle: a flatMap stops telling of changes until its value is read again.
                    : item.conversation().isRoom() ? selectedTitle.getValue()
                    : Texts.text("chat.header.private", shownWithLogin(model, item.conversation().peer()));
        }, model.selectedProperty(), selectedTitle, model.displayNames().versionProperty()));
        Label topic = new Label();
        topic.setId("conversation-topic");
        topic.getStyleClass().addAll("subtle", "conversation-topic");
        topic.textProperty().bind(model.selectedProperty().flatMap(ConversationItem::topicProperty).orElse(""));
        // Beside the name, inside the title: the title's underline runs under both.
        title.setGraphic(topic);
        title.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        title.setGraphicTextGap(14);
        // A name learned or changed shows at once, on old messages too (PROTOCOL.md §7.17).
        model.displayNames().versionProperty().addListener((o, was, now) -> {
            roster.refresh();
            conversations.refresh();
            messages.refresh();
        });

        messages.setId("messages");
        messages.getStyleClass().add("messages");
        messages.itemsProperty().bind(model.messagesProperty());
        MessageActions actions = new MessageMenu(model, draft);
        MessageCells cells = new MessageCells(emoji, code -> stickerEmoji(model, code), avatars, model::retry, links,
                model.displayNames()::shown, actions).mentioning(model.meProperty()::get);
        if (files != null) {
            cells.showingFiles(new FileBodies(files, dialogs));
        }
        messages.setCellFactory(cells);
        MessageSelection.install(messages, links, actions, emoji);
        follower = new NewestFollower(messages);
        // A search hit opened: its message selected, a little context above it, and no pull back to the newest.
        model.openedAtProperty().addListener((o, was, row) -> {
            int at = row == null ? -1 : messages.getItems().indexOf(row);
            if (at >= 0) {
                follower.stop();
                messages.getSelectionModel().clearAndSelect(at);
                messages.scrollTo(Math.max(0, at - 2));
                messages.requestFocus();
            }
        });
        Button newer = follower.button();
        StackPane.setAlignment(newer, Pos.BOTTOM_CENTER);
        StackPane.setMargin(newer, new Insets(0, 0, 10, 0));
        StackPane.setAlignment(bannerRow, Pos.TOP_CENTER);
        StackPane messageArea = new StackPane(messages, newer, bannerRow);
        VBox.setVgrow(messageArea, Priority.ALWAYS);

        Label activity = new Label();
        activity.setId("conversation-activity");
        activity.getStyleClass().add("activity");
        activity.setMaxWidth(Double.MAX_VALUE);
        activity.textProperty().bind(model.reading().activityProperty());
        activity.visibleProperty().bind(model.reading().activityProperty().isNotEmpty());
        activity.managedProperty().bind(activity.visibleProperty());
        Tooltip readers = new Tooltip();
        readers.textProperty().bind(model.reading().readersProperty());
        activity.tooltipProperty().bind(Bindings.when(model.reading().readersProperty().isEmpty())
                .then((Tooltip) null).otherwise(readers));

        Label error = new Label();
        error.setId("chat-error");
        error.getStyleClass().add("error");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        draft.setId("draft");
        draft.setPromptText(Texts.text("chat.draft.prompt"));
        draft.setWrapText(true);
        draft.setPrefRowCount(2);
        draft.textProperty().bindBidirectional(model.draftProperty());
        AstralKeys.install(draft);
        draft.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                // Tab moves on, as in every other field (a text area would insert a tab): Ctrl+Tab is how a
                // text area is left, so that is what it is given.
                e.consume();
                draft.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true,
                        false, false));
                return;
            }
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
        emojiButton.setTooltip(new Tooltip(Texts.text("chat.emoji")));
        emojiButton.getStyleClass().add("icon-button");
        emoji.catalog().find("\uD83D\uDE00").ifPresentOrElse(e -> emojiButton.setGraphic(emoji.view(e, 22)),
                () -> emojiButton.setText(":)"));
        emojiButton.setOnAction(e -> emojiPicker.toggle(emojiButton));
        StickerPicker stickerPicker = new StickerPicker(emoji, model.stickers(), model::sendSticker);
        Button stickerButton = new Button();
        stickerButton.setId("sticker-button");
        stickerButton.setTooltip(new Tooltip(Texts.text("chat.sticker.tooltip")));
        stickerButton.getStyleClass().add("icon-button");
        emoji.catalog().find("\uD83C\uDF89").ifPresentOrElse(e -> stickerButton.setGraphic(emoji.view(e, 22)),
                () -> stickerButton.setText(Texts.text("chat.sticker")));
        stickerButton.setOnAction(e -> stickerPicker.toggle(stickerButton));
        emojiButton.setMinWidth(Region.USE_PREF_SIZE);
        stickerButton.setMinWidth(Region.USE_PREF_SIZE);
        emojiButton.setAccessibleText(Texts.text("chat.emoji"));
        stickerButton.setAccessibleText(Texts.text("chat.sticker.tooltip"));
        Button send = new Button(Texts.text("chat.send"));
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.setId("send");
        send.setDefaultButton(false);
        send.getStyleClass().add("primary");
        send.disableProperty().bind(Bindings.createBooleanBinding(() -> model.draftProperty().get() == null
                || model.draftProperty().get().isBlank(), model.draftProperty()));
        send.setOnAction(e -> {
            model.send();
            draft.requestFocus();
        });
        HBox input = new HBox(6, emojiButton, stickerButton, draft, send);
        Node transfers = new Region();
        if (files != null) {
            input.getChildren().add(2, FileDrops.attachButton(files, dialogs, emoji));
            FileDrops.install(files, messageArea, draft);
            transfers = TransferRows.of(files);
        }
        input.disableProperty().bind(model.archivedProperty()); // the appliance would refuse with room_archived
        input.setAlignment(Pos.BOTTOM_LEFT);
        input.getStyleClass().add("input");
        MentionPopup.install(draft, input, MentionSuggestions.forChat(model));

        draft.setMinWidth(80);
        HBox titleRow = new HBox(8, title, PresenceControls.header(model));
        titleRow.setAlignment(Pos.BASELINE_LEFT); // the other person's "● Available" on the title's line, not above it
        titleRow.getStyleClass().add("conversation-title-row");
        VBox conversation = new VBox(0, titleRow, RoomPanel.notice(model.rooms()), messageArea, transfers, activity, error,
                replyBar(model), input);
        conversation.getStyleClass().add("conversation");
        // The members panel takes its width and the conversation the rest, whatever the messages would like.
        BorderPane conversationAndMembers = new BorderPane(conversation);
        conversationAndMembers.setRight(new RoomPanel(model.rooms(), model.displayNames(), model.online()).root());
        conversation.setMinWidth(0);
        conversation.setPrefWidth(0);

        SplitPane split = new SplitPane(left, conversationAndMembers);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(left, false);
        root.setCenter(split);
        root.getStyleClass().add("chat");
        // Below this width the sidebar, the picker buttons, a usable composer and Send no longer fit side by
        // side: the chat window does not get narrower (the start and login windows may).
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null && scene.getWindow() instanceof javafx.stage.Stage stage) {
                stage.setMinWidth(Math.max(stage.getMinWidth(), MIN_WIDTH));
            }
        });
    }

    static final double MIN_WIDTH = 600;

    /** "Replying to bob: …" above the input while the draft is a reply, with a button that makes it a plain message. */
    private static HBox replyBar(ChatViewModel model) {
        Label replying = new Label();
        replying.setId("replying-to");
        replying.getStyleClass().add("reply-quote");
        replying.textProperty().bind(Bindings.createStringBinding(() -> model.changes().replyingToProperty().get() == null ? ""
                : Texts.text("chat.replyingTo", model.changes().replyingToProperty().get().from(), model.changes().replyingToProperty().get().quoted()),
                model.changes().replyingToProperty()));
        Button cancel = new Button("\u2715");
        cancel.setId("cancel-reply");
        // The button shows only a cross: say what it does to a screen reader and on hover.
        cancel.setAccessibleText(Texts.text("chat.cancelReply"));
        cancel.setTooltip(new Tooltip(Texts.text("chat.cancelReply")));
        cancel.setOnAction(e -> model.changes().replyingToProperty().set(null));
        HBox bar = new HBox(6, replying, cancel);
        bar.setId("reply-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(model.changes().replyingToProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static Optional<String> stickerEmoji(ChatViewModel model, String code) {
        return model.stickers().stream().filter(s -> s.code().equals(code)).map(Sticker::emoji).findFirst();
    }

    Parent root() {
        return root;
    }

    /** The composer: after login and after switching conversation, the user goes on writing. */
    /** Adds a setting under the others in the sidebar (the language, kept by the navigator). */
    void addSetting(Node setting) {
        settings.getChildren().add(setting);
    }

    void focus() {
        draft.requestFocus();
    }

    ListView<MessageItem> messages() {
        return messages;
    }

    /** The picture for the group: people, from the emoji set. */
    private static Node groupIcon(EmojiImages emoji, double size) {
        return emoji.catalog().find("\uD83D\uDC65").map(e -> emoji.tile(e, size)).orElseGet(() -> {
            AvatarView initial = new AvatarView(size);
            initial.showName(Texts.text("conversation.group"));
            return initial;
        });
    }

    /** The bell struck through, beside a muted conversation. */
    private static Node mutedMark(EmojiImages emoji) {
        Label mark = new Label();
        mark.setId("muted-mark");
        mark.setAccessibleText(Texts.text("mentions.mute.mark"));
        mark.setTooltip(new Tooltip(Texts.text("mentions.mute.mark")));
        emoji.catalog().find("\uD83D\uDD15").ifPresentOrElse(e -> mark.setGraphic(emoji.view(e, 14)),
                () -> mark.setText(Texts.text("mentions.mute.mark")));
        mark.setMinWidth(Region.USE_PREF_SIZE);
        return mark;
    }

        /** "张伟 (alice)" for a user with a display name, else the login name. */
    private static String shownWithLogin(ChatViewModel model, String username) {
        String shown = model.displayNames().shown(username);
        return shown.equals(username) ? username : Texts.text("chat.shownWithLogin", shown, username);
    }

    /** A conversation: who it is with, the newest message (emoji as pictures) and the unread badge. */
    private static final class ConversationCell extends ListCell<ConversationItem> {
        private final EmojiImages emoji;
        private final AvatarImages avatars;
        private final DisplayNames names;
        private final NotificationPolicy notifications;
        private ConversationItem shown;
        private final javafx.beans.value.ChangeListener<String> previewChanged = (o, was, now) -> draw();

        ConversationCell(EmojiImages emoji, AvatarImages avatars, DisplayNames names, NotificationPolicy notifications) {
            this.names = names;
            this.notifications = notifications;
            this.emoji = emoji;
            this.avatars = avatars;
            // The cell takes the list's width and no more: long previews are cut instead of scrolling sideways.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ConversationItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.previewProperty().removeListener(previewChanged);
            }
            shown = empty ? null : item;
            if (shown != null) {
                shown.previewProperty().addListener(previewChanged);
            }
            draw();
        }

        private void draw() {
            setText(null);
            ConversationItem item = shown;
            if (item == null) {
                setGraphic(null);
                return;
            }
            Node picture;
            if (!item.conversation().isPrivate()) {
                picture = groupIcon(emoji, 30);
            } else {
                AvatarView avatar = new AvatarView(30);
                avatars.show(item.conversation().peer(), avatar);
                picture = avatar;
            }
            Label name = new Label();
            if (!item.conversation().isPrivate()) {
                name.textProperty().bind(item.titleProperty());
            } else {
                String peer = item.conversation().peer();
                name.setText(names.shown(peer));
                name.setTooltip(names.displayName(peer).isPresent() ? new Tooltip(peer) : null);
            }
            name.getStyleClass().add("conversation-name");
            Region preview = emoji.line(item.previewProperty().get(), 13, "preview");
            VBox text = new VBox(1, name, preview);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            Label badge = new Label();
            badge.getStyleClass().add("badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badge.textProperty().bind(item.unreadProperty().asString());
            badge.visibleProperty().bind(item.unreadProperty().greaterThan(0));
            badge.managedProperty().bind(badge.visibleProperty());
            HBox row = new HBox(8, picture, text, badge);
            if (notifications.isMuted(item.conversation())) {
                badge.getStyleClass().add("muted"); // still counted, dimmed
                row.getChildren().add(2, mutedMark(emoji));
            }
            row.setAlignment(Pos.CENTER_LEFT);
            row.setMinWidth(0);
            // An archived room stays listed but greyed: readable, closed to new messages (PROTOCOL.md §7.23).
            row.opacityProperty().bind(item.roomProperty().map(room -> room.archived() ? 0.55 : 1.0).orElse(1.0));
            setGraphic(row);
        }
    }
}
