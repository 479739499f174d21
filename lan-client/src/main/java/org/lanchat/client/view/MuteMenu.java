package org.lanchat.client.view;

import javafx.collections.SetChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ConversationItem;
import org.lanchat.client.viewmodel.NotificationPolicy;

/**
 * Mute / Unmute on the conversation list's context menu (right click, or the keyboard's menu key or Shift+F10 on
 * the selected conversation): a muted conversation still counts its unread messages, dimmed, but calls the user
 * only when they are mentioned.
 */
final class MuteMenu {
    private MuteMenu() {
    }

    static void install(ListView<ConversationItem> list, NotificationPolicy policy) {
        MenuItem toggle = new MenuItem();
        toggle.setId("mute-toggle");
        ContextMenu menu = new ContextMenu(toggle);
        menu.setOnShowing(e -> {
            ConversationItem item = list.getSelectionModel().getSelectedItem();
            toggle.setDisable(item == null);
            toggle.setText(item != null && policy.isMuted(item.conversation())
                    ? Texts.text("mentions.mute.off") : Texts.text("mentions.mute.on"));
        });
        toggle.setOnAction(e -> {
            ConversationItem item = list.getSelectionModel().getSelectedItem();
            if (item != null) {
                policy.setMuted(item.conversation(), !policy.isMuted(item.conversation()));
            }
        });
        // On the right button's press, as on every desktop (and as the message list's menu), and from the keyboard
        // (the menu key, Shift+F10) through the context menu event.
        list.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                menu.show(list, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        list.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                menu.show(list, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        // The muted mark and the dimmed badge are drawn by the cells.
        policy.muted().addListener((SetChangeListener<String>) change -> list.refresh());
    }
}
