package org.lanchat.client.view;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * Draws message rows: avatar, name, time and text (emoji as pictures) or a large sticker; own messages on
 * the right in their own colour, private ones marked, notices centred and quiet.
 */
final class MessageCells implements Callback<ListView<MessageItem>, ListCell<MessageItem>> {
    private static final double AVATAR = 36;
    private static final double EMOJI = 20;
    private static final double STICKER = 72;

    /** The style class of a reply quote's text (a text node's colour is its fill, not a label's text fill). */
    private static final String QUOTE_TEXT_STYLE = "reply-quote-text";
    private final EmojiImages emoji;
    private final Function<String, Optional<String>> stickerEmoji;
    private final AvatarImages avatars;
    private final Consumer<MessageItem> retry;
    private final Supplier<String> highlight;
    private final LinkOpener links;
    private final Function<String, String> shownName;
    /** The user's login, for the mentions that call them (PROTOCOL.md §7.21); "" marks no mention as theirs. */
    private Supplier<String> me = () -> "";
    /** Draws messages carrying files; null where files are shown by name only. */
    private FileBodies files;
    /** Null where messages cannot be acted on (the history window). */
    private final MessageActions actions;

    /** @param shownName what to show for a sender: their display name, or the login name (PROTOCOL.md §7.17) */
    MessageCells(EmojiImages emoji, Function<String, Optional<String>> stickerEmoji, AvatarImages avatars,
            Consumer<MessageItem> retry, LinkOpener links, Function<String, String> shownName, MessageActions actions) {
        this(emoji, stickerEmoji, avatars, retry, () -> "", links, shownName, actions);
    }

    /** @param highlight what to mark in the text of every row (the history's search) */
    MessageCells(EmojiImages emoji, Function<String, Optional<String>> stickerEmoji, AvatarImages avatars,
            Consumer<MessageItem> retry, Supplier<String> highlight, LinkOpener links, Function<String, String> shownName) {
        this(emoji, stickerEmoji, avatars, retry, highlight, links, shownName, null); // no menu, no reacting
    }

    private MessageCells(EmojiImages emoji, Function<String, Optional<String>> stickerEmoji, AvatarImages avatars,
            Consumer<MessageItem> retry, Supplier<String> highlight, LinkOpener links, Function<String, String> shownName,
            MessageActions actions) {
        this.actions = actions;
        this.highlight = highlight;
        this.links = links;
        this.shownName = shownName;
        this.emoji = emoji;
        this.stickerEmoji = stickerEmoji;
        this.avatars = avatars;
        this.retry = retry;
    }

    /** Marks the mentions of {@code me} (and {@code @here}) as the user's, and their messages as standing out. */
    MessageCells mentioning(Supplier<String> me) {
        this.me = me;
        return this;
    }

    /** Shows files as thumbnails and cards with Save (PROTOCOL.md §7.24), not as their names. */
    MessageCells showingFiles(FileBodies files) {
        this.files = files;
        return this;
    }

    @Override
    public ListCell<MessageItem> call(ListView<MessageItem> list) {
        return new Cell(list);
    }

    /** The text, selectable, its links opening in the browser after a question. */
    private MessageText selectable(javafx.scene.text.TextFlow flow) {
        MessageText text = new MessageText(flow);
        for (Node child : flow.getChildren()) {
            if (child.getStyleClass().contains("link") && child.getUserData() instanceof String address) {
                child.setOnMouseClicked(e -> {
                    if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.isStillSincePress()
                            && e.getClickCount() == 1 && !text.hasSelection()) {
                        links.ask(child.getScene().getWindow(), address);
                    }
                });
            }
        }
        return text;
    }

    private final class Cell extends ListCell<MessageItem> {
        private final ListView<MessageItem> list;
        private MessageItem shown;
        private String drawnQuery = "";
        private final ChangeListener<Delivery> redraw = (o, was, now) -> draw();
        private final ChangeListener<Number> changed = (o, was, now) -> draw();

        Cell(ListView<MessageItem> list) {
            this.list = list;
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            getStyleClass().add("message-cell");
        }

        @Override
        protected void updateItem(MessageItem item, boolean empty) {
            super.updateItem(item, empty);
            String query = highlight.get();
            if (!empty && item != null && item == shown && query.equals(drawnQuery)) {
                // The list lays its cells out again after every scroll and every new row: the row on screen
                // stays as it is, so the text the user is selecting (or a link being clicked) is not replaced.
                return;
            }
            drawnQuery = query;
            if (shown != null) {
                shown.deliveryProperty().removeListener(redraw);
                shown.revisionProperty().removeListener(changed);
            }
            shown = empty ? null : item;
            if (shown != null) {
                shown.deliveryProperty().addListener(redraw);
                shown.revisionProperty().addListener(changed);
            }
            draw();
        }

        private void draw() {
            MessageItem item = shown;
            setText(null);
            if (item == null) {
                setGraphic(null);
                return;
            }
            if (item.kind() == MessageItem.Kind.NOTICE) {
                Label notice = new Label(item.text(shownName) + "  ·  " + item.timeProperty().get());
                notice.getStyleClass().add("notice");
                HBox row = new HBox(notice);
                row.setAlignment(Pos.CENTER);
                setGraphic(row);
                return;
            }
            boolean own = item.kind() == MessageItem.Kind.OWN;

            String shown = shownName.apply(item.from());
            Label name = new Label(own ? Texts.text("message.you") : shown);
            name.getStyleClass().add("sender");
            if (!own && !shown.equals(item.from())) {
                // The login name, which is what people type (and what @-conversations use), stays one hover away.
                name.setTooltip(new javafx.scene.control.Tooltip(item.from()));
            }
            Label time = new Label(item.timeProperty().get());
            time.getStyleClass().add("time");
            HBox header = new HBox(8, name, time);
            header.setAlignment(Pos.BASELINE_LEFT);
            if (item.isPrivate()) {
                Label tag = new Label(Texts.text("message.private"));
                tag.getStyleClass().add("private-tag");
                header.getChildren().add(1, tag);
            }

            if (item.edited()) {
                Label edited = new Label(Texts.text("message.edited"));
                edited.setId("edited-mark");
                edited.getStyleClass().add("edited");
                header.getChildren().add(edited);
            }
            Node body;
            if (item.deleted()) {
                Label tombstone = new Label(Texts.text("message.deleted"));
                tombstone.setId("tombstone");
                tombstone.getStyleClass().add("tombstone");
                body = tombstone;
            } else if (files != null && item.attachment() != null) {
                body = files.body(item);
            } else if (item.sticker() != null) {
                body = stickerEmoji.apply(item.sticker())
                        .flatMap(text -> emoji.picture(text, STICKER).map(Node.class::cast))
                        .orElseGet(() -> new Label("[" + item.sticker() + "]"));
                body.getStyleClass().add("sticker");
            } else {
                javafx.scene.text.TextFlow flow = emoji.flow(item.text(), EMOJI, "message-text", highlight.get());
                MentionMarks.mark(flow, me.get());
                body = selectable(flow);
            }
            VBox bubble = new VBox(3, header, body);
            if (item.replyTo() != null) {
                bubble.getChildren().add(1, quote(item.replyTo()));
            }
            if (!item.reactions().isEmpty()) {
                bubble.getChildren().add(reactions(item));
            }
            bubble.getStyleClass().add("bubble");
            bubble.getStyleClass().add(own ? "own" : "other");
            if (!own && !item.deleted() && MentionMarks.callsMe(item.text(), me.get(), !item.isPrivate())) {
                bubble.getStyleClass().add("mentions-me");
            }
            if (item.isPrivate()) {
                bubble.getStyleClass().add("private");
            }
            bubble.maxWidthProperty().bind(list.widthProperty().multiply(0.72));
            if (body instanceof Region region) {
                region.maxWidthProperty().bind(list.widthProperty().multiply(0.68));
            }

            Delivery delivery = item.deliveryProperty().get();
            if (delivery == Delivery.PENDING) {
                // The time stays the one it was sent at; the mark says it is still on its way.
                Label sending = new Label(Texts.text("message.sending"));
                sending.setId("pending-mark");
                sending.getStyleClass().add("delivery");
                header.getChildren().add(sending);
                bubble.getStyleClass().add("pending");
            } else if (delivery == Delivery.DIRECT) {
                // Went straight between colleagues while the appliance was away; it gets it when it is back.
                Label direct = new Label(own ? Texts.text("message.sentDirectly") : Texts.text("message.receivedDirectly"));
                direct.setId("direct-mark");
                direct.getStyleClass().add("delivery");
                header.getChildren().add(direct);
            } else if (delivery == Delivery.FAILED) {
                Label failed = new Label(Texts.text("message.notSent", item.failureProperty().get()));
                failed.getStyleClass().add("error");
                failed.setWrapText(true);
                Hyperlink again = new Hyperlink(Texts.text("message.retry"));
                again.setOnAction(e -> retry.accept(item));
                bubble.getChildren().add(new HBox(6, failed, again));
            }

            AvatarView avatar = new AvatarView(AVATAR);
            avatars.show(item.from(), avatar);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = own ? new HBox(8, spacer, bubble, avatar) : new HBox(8, avatar, bubble, spacer);
            row.setAlignment(Pos.TOP_LEFT);
            row.getStyleClass().add(own ? "row-own" : "row-other");
            setGraphic(row);
        }

        /** The message a reply answers, as it stands now, above the reply; a click shows it. */
        private Node quote(long seq) {
            Optional<MessageItem> target = list.getItems().stream().filter(m -> m.seq() == seq).findFirst();
            String said = target.map(m -> shownName.apply(m.from()) + ": " + m.quoted())
                    .orElse(Texts.text("message.notLoaded", String.valueOf(seq)));
            // The text stays the label's (what tests and screen readers read); it is drawn with emoji as pictures.
            Label quote = new Label(said);
            quote.setGraphic(emoji.fittedLine(said, 14, QUOTE_TEXT_STYLE));
            quote.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            quote.setId("reply-quote");
            quote.getStyleClass().add("reply-quote");
            quote.setMaxWidth(Double.MAX_VALUE);
            target.ifPresent(m -> quote.setOnMouseClicked(e -> {
                list.scrollTo(m);
                list.getSelectionModel().select(m);
            }));
            return quote;
        }

        /** One chip per emoji with its count; hovering names who reacted, a click adds or takes back one's own. */
        private Node reactions(MessageItem item) {
            HBox chips = new HBox(4);
            chips.setId("reactions");
            for (var reaction : item.reactions()) {
                // The emoji as the app draws emoji everywhere, a picture, where it has one; as text otherwise.
                Label chip = emoji.picture(reaction.emoji(), EMOJI * 0.8).map(picture -> {
                    Label pictured = new Label(String.valueOf(reaction.count()), picture);
                    pictured.setAccessibleText(reaction.emoji() + " " + reaction.count());
                    return pictured;
                }).orElseGet(() -> new Label(reaction.emoji() + " " + reaction.count()));
                chip.setUserData(reaction.emoji());
                chip.getStyleClass().add("reaction-chip");
                chip.setTooltip(new Tooltip(String.join(", ", reaction.users())));
                if (actions != null) {
                    chip.setOnMouseClicked(e -> actions.react(item, reaction.emoji()));
                }
                chips.getChildren().add(chip);
            }
            return chips;
        }
    }
}
