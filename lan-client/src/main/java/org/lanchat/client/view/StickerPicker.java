package org.lanchat.client.view;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.TilePane;
import javafx.stage.Popup;
import org.lanchat.protocol.message.SessionMessage.Sticker;

/** The appliance's sticker set as large pictures; a click sends the sticker. */
final class StickerPicker {
    private final Popup popup = new Popup();
    private final TilePane grid = new TilePane(6, 6);

    StickerPicker(EmojiImages images, ObservableList<Sticker> stickers, Consumer<String> send) {
        grid.setId("sticker-picker");
        grid.setPrefColumns(5);
        grid.getStyleClass().add("sticker-picker");
        Runnable fill = () -> {
            grid.getChildren().clear();
            for (Sticker sticker : stickers) {
                Button button = new Button();
                button.getStyleClass().add("sticker-choice");
                button.setUserData(sticker.code());
                Node picture = images.pictureTile(sticker.emoji(), 56).orElse(null);
                if (picture != null) {
                    button.setGraphic(picture);
                } else {
                    button.setText(sticker.emoji());
                }
                button.setTooltip(new Tooltip(sticker.name()));
                button.setOnAction(e -> {
                    send.accept(sticker.code());
                    popup.hide();
                });
                grid.getChildren().add(button);
            }
        };
        stickers.addListener((ListChangeListener<Sticker>) c -> fill.run());
        fill.run();
        popup.getContent().add(grid);
        popup.setAutoHide(true);
    }

    void toggle(Node anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        javafx.geometry.Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, b.getMinX(), b.getMinY() - 160);
        if (!grid.getChildren().isEmpty()) {
            grid.getChildren().getFirst().requestFocus();
        }
    }
}
