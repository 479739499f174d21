package org.lanchat.client.view;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.TilePane;
import javafx.stage.Popup;
import org.lanchat.client.emoji.Emoji;

/**
 * A popup of emoji by category, drawn from the image set; a click inserts the emoji into the draft.
 *
 * <p>Nothing is built until the picker is first opened, and a category's grid only when its tab is first
 * shown: the set has about 1,600 pictures, and the chat window should open at once. The pictures decode in
 * the background ({@link EmojiImages#tile}), so even the first opening shows the grid straight away.
 */
final class EmojiPicker {
    private static final double SIZE = 28;
    private static final double HEIGHT = 300;
    private final EmojiImages images;
    private final Consumer<String> insert;
    private final Popup popup = new Popup();
    private TabPane tabs;

    EmojiPicker(EmojiImages images, Consumer<String> insert) {
        this.images = images;
        this.insert = insert;
        popup.setAutoHide(true);
    }

    private TabPane build() {
        TabPane pane = new TabPane();
        pane.setId("emoji-picker");
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pane.setPrefSize(392, HEIGHT);
        pane.getStyleClass().add("emoji-picker");
        for (Map.Entry<String, List<Emoji>> category : images.catalog().byCategory().entrySet()) {
            Tab tab = new Tab();
            tab.setTooltip(new Tooltip(category.getKey()));
            tab.setGraphic(images.tile(category.getValue().getFirst(), 20));
            TilePane grid = new TilePane(2, 2);
            grid.setPrefColumns(10);
            grid.getStyleClass().add("emoji-grid");
            ScrollPane scroll = new ScrollPane(grid);
            scroll.setFitToWidth(true);
            tab.setContent(scroll);
            Runnable fillGrid = () -> fill(grid, category.getValue());
            tab.setOnSelectionChanged(e -> {
                if (tab.isSelected()) {
                    fillGrid.run();
                }
            });
            if (pane.getTabs().isEmpty()) {
                fillGrid.run(); // the first tab is selected from the start
            }
            pane.getTabs().add(tab);
        }
        return pane;
    }

    private void fill(TilePane grid, List<Emoji> emoji) {
        if (!grid.getChildren().isEmpty()) {
            return;
        }
        for (Emoji e : emoji) {
            Button button = new Button();
            button.setGraphic(images.tile(e, SIZE));
            button.getStyleClass().add("emoji-choice");
            button.setUserData(e.text());
            button.setTooltip(new Tooltip(":" + e.shortName() + ":"));
            button.setOnAction(event -> {
                insert.accept(e.text());
                popup.hide();
            });
            grid.getChildren().add(button);
        }
    }

    void toggle(Node anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        if (tabs == null) {
            tabs = build();
            popup.getContent().add(tabs);
        }
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, b.getMinX(), b.getMinY() - HEIGHT - 10);
        // Opened from the keyboard too: the categories take the focus, Tab goes on into the grid.
        tabs.requestFocus();
    }
}
