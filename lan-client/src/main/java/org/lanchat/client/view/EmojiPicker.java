package org.lanchat.client.view;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.TilePane;
import javafx.stage.Popup;
import org.lanchat.client.core.emoji.Emoji;

/** A popup of emoji by category, drawn from the image set; a click inserts the emoji into the draft. */
final class EmojiPicker {
    private static final double SIZE = 28;
    private final Popup popup = new Popup();

    EmojiPicker(EmojiImages images, Consumer<String> insert) {
        TabPane tabs = new TabPane();
        tabs.setId("emoji-picker");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefSize(380, 300);
        tabs.getStyleClass().add("emoji-picker");
        for (Map.Entry<String, List<Emoji>> category : images.catalog().byCategory().entrySet()) {
            Tab tab = new Tab();
            tab.setTooltip(new Tooltip(category.getKey()));
            tab.setGraphic(images.view(category.getValue().getFirst(), 20));
            TilePane grid = new TilePane(2, 2);
            grid.setPrefColumns(10);
            ScrollPane scroll = new ScrollPane(grid);
            scroll.setFitToWidth(true);
            tab.setContent(scroll);
            // Filled on first view: 1,600 image views up front would slow the chat window's opening.
            Runnable fill = () -> {
                if (!grid.getChildren().isEmpty()) {
                    return;
                }
                for (Emoji emoji : category.getValue()) {
                    Button button = new Button();
                    button.setGraphic(images.view(emoji, SIZE));
                    button.getStyleClass().add("emoji-choice");
                    button.setUserData(emoji.text());
                    button.setTooltip(new Tooltip(":" + emoji.shortName() + ":"));
                    button.setOnAction(e -> {
                        insert.accept(emoji.text());
                        popup.hide();
                    });
                    grid.getChildren().add(button);
                }
            };
            tab.setOnSelectionChanged(e -> {
                if (tab.isSelected()) {
                    fill.run();
                }
            });
            tabs.getTabs().add(tab);
        }
        if (!tabs.getTabs().isEmpty()) {
            tabs.getTabs().getFirst().getOnSelectionChanged().handle(null);
        }
        popup.getContent().add(tabs);
        popup.setAutoHide(true);
    }

    void toggle(javafx.scene.Node anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        javafx.geometry.Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, b.getMinX(), b.getMinY() - 310);
    }
}
