package org.lanchat.client.view;

import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * Selecting and copying in a list of messages: part of one message's text by dragging over it, or whole
 * messages as rows (click, Shift+click, Ctrl+click, Ctrl+A). Ctrl+C and the context menu's "Copy" take the
 * text selection if there is one, else the selected messages; a right-click on a link also offers to open it
 * or copy its address.
 */
final class MessageSelection {
    private final ListView<MessageItem> list;
    private final LinkOpener links;
    /** Null where messages cannot be acted on (the history window). */
    private final MessageActions actions;
    /** The emoji set's pictures for the React submenu, or null where there is none (the history window). */
    private final EmojiImages emoji;
    private MessageText selecting;
    private ContextMenu shown;

    private MessageSelection(ListView<MessageItem> list, LinkOpener links, MessageActions actions, EmojiImages emoji) {
        this.list = list;
        this.links = links;
        this.actions = actions;
        this.emoji = emoji;
    }

    static MessageSelection install(ListView<MessageItem> list, LinkOpener links) {
        return install(list, links, null, null);
    }

    /**
     * With {@code actions}, the menu of a single message also offers Reply, Edit, Delete and React, the reactions drawn
     * from {@code emoji}'s pictures as everywhere else in the window.
     */
    static MessageSelection install(ListView<MessageItem> list, LinkOpener links, MessageActions actions,
            EmojiImages emoji) {
        MessageSelection selection = new MessageSelection(list, links, actions, emoji);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, selection::pressed);
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (new javafx.scene.input.KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                selection.copy();
                e.consume();
            }
        });
        // The menu opens on the right button's press, as on every desktop, and from the keyboard (the menu key,
        // Shift+F10) through the context menu event.
        list.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY) {
                selection.menu(e.getPickResult().getIntersectedNode(), e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        list.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                selection.menu(e.getPickResult().getIntersectedNode(), e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        return selection;
    }

    /** A press elsewhere ends the text selection of the message before: one text selection at a time. */
    private void pressed(MouseEvent e) {
        MessageText target = enclosing(e.getPickResult().getIntersectedNode(), MessageText.class);
        if (selecting != null && selecting != target && e.isPrimaryButtonDown()) {
            selecting.clearSelection();
        }
        if (target != null) {
            selecting = target;
        }
    }

    /** What Copy copies: the selected text, else the selected messages. */
    String selectedText() {
        if (selecting != null && selecting.hasSelection() && selecting.getScene() != null) {
            return selecting.selectedText();
        }
        List<MessageItem> rows = list.getSelectionModel().getSelectedItems().stream()
                .filter(r -> r != null).toList();
        if (rows.size() == 1) {
            return body(rows.getFirst());
        }
        return rows.stream().map(r -> r.kind() == MessageItem.Kind.NOTICE ? r.text()
                        : "[" + r.timeProperty().get() + "] " + r.from() + ": " + body(r))
                .collect(Collectors.joining("\n"));
    }

    void copy() {
        String text = selectedText();
        if (text.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String body(MessageItem row) {
        return row.kind() == MessageItem.Kind.NOTICE ? row.text() : row.quoted();
    }

    private void menu(Node under, double screenX, double screenY) {
        MessageText text = enclosing(under, MessageText.class);
        boolean keepsTextSelection = text != null && text == selecting && text.hasSelection();
        if (!keepsTextSelection && selecting != null) {
            selecting.clearSelection();
        }
        // The row under the mouse is what the menu is about, unless it is part of a selection already.
        javafx.scene.control.ListCell<?> cell = enclosing(under, javafx.scene.control.ListCell.class);
        if (cell != null && !cell.isEmpty() && !list.getSelectionModel().isSelected(cell.getIndex())) {
            list.getSelectionModel().clearAndSelect(cell.getIndex());
        }
        if (shown != null) {
            shown.hide();
        }
        ContextMenu menu = new ContextMenu();
        shown = menu;
        menu.setId("message-menu");
        MenuItem copy = new MenuItem(Texts.text("menu.copy"));
        copy.setId("menu-copy");
        copy.setAccelerator(new javafx.scene.input.KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setDisable(selectedText().isEmpty());
        copy.setOnAction(a -> copy());
        menu.getItems().add(copy);
        if (under instanceof Text t && t.getStyleClass().contains("link") && t.getUserData() instanceof String address) {
            MenuItem open = new MenuItem(Texts.text("menu.openLink"));
            open.setId("menu-open-link");
            open.setOnAction(a -> links.ask(list.getScene().getWindow(), address));
            MenuItem copyAddress = new MenuItem(Texts.text("menu.copyLink"));
            copyAddress.setId("menu-copy-link");
            copyAddress.setOnAction(a -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(address);
                Clipboard.getSystemClipboard().setContent(content);
            });
            menu.getItems().addAll(open, copyAddress);
        }
        List<MessageItem> rows = list.getSelectionModel().getSelectedItems();
        if (actions != null && rows.size() == 1 && rows.getFirst() != null && rows.getFirst().kind() != MessageItem.Kind.NOTICE) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(changes(rows.getFirst()));
        }
        MenuItem all = new MenuItem(Texts.text("menu.selectAll"));
        all.setId("menu-select-all");
        all.setOnAction(a -> list.getSelectionModel().selectAll());
        menu.getItems().addAll(new SeparatorMenuItem(), all);
        menu.show(list, screenX, screenY);
    }

    /** Reply, Edit, Delete and React for one message; those it does not allow are shown disabled. */
    private List<MenuItem> changes(MessageItem item) {
        MenuItem reply = item("menu-reply", Texts.text("menu.reply"), actions.canReact(item), () -> actions.reply(item));
        MenuItem edit = item("menu-edit", Texts.text("menu.edit"), actions.canEdit(item), () -> actions.edit(item));
        MenuItem delete = item("menu-delete", Texts.text("menu.delete"), actions.canDelete(item), () -> actions.delete(item));
        Menu react = new Menu(Texts.text("menu.react"));
        react.setId("menu-react");
        react.setDisable(!actions.canReact(item));
        for (String reaction : MessageActions.QUICK_REACTIONS) {
            MenuItem choice = new MenuItem(reaction);
            choice.getStyleClass().add("menu-reaction");
            // The system's font may have no emoji at all: a row of empty boxes, as the newcomer met.
            emoji.catalog().find(reaction).ifPresent(e -> {
                choice.setGraphic(emoji.view(e, 20));
                choice.setText("");
            });
            choice.setOnAction(e -> actions.react(item, reaction));
            react.getItems().add(choice);
        }
        return List.of(reply, edit, delete, react);
    }

    private static MenuItem item(String id, String label, boolean enabled, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.setId(id);
        item.setDisable(!enabled);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static <T> T enclosing(Node node, Class<T> type) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (type.isInstance(n)) {
                return type.cast(n);
            }
        }
        return null;
    }
}
