package org.lanchat.client.view;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.FileKind;

/**
 * A file's icon on its card: a page with a folded corner in the kind's colour and a short word on it (drawn with
 * shapes, so it needs no icon set and scales with the text).
 */
final class FileIcon {
    private static final double WIDTH = 34;
    private static final double HEIGHT = 42;
    private static final double FOLD = 10;

    private FileIcon() {
    }

    static Node of(FileKind kind) {
        Polygon page = new Polygon(0, 0, WIDTH - FOLD, 0, WIDTH, FOLD, WIDTH, HEIGHT, 0, HEIGHT);
        page.setFill(colour(kind));
        Polygon fold = new Polygon(WIDTH - FOLD, 0, WIDTH - FOLD, FOLD, WIDTH, FOLD);
        fold.setFill(Color.rgb(255, 255, 255, 0.45));
        Label word = new Label(word(kind));
        word.getStyleClass().add("file-icon-word");
        // White on the page's colour, drawn here (each kind's is dark enough, 4.5:1 and more); inline, because the
        // stylesheet's label colour would win over a fill set in code.
        word.setStyle("-fx-text-fill: white;");
        StackPane icon = new StackPane(page, fold, word);
        StackPane.setAlignment(fold, javafx.geometry.Pos.TOP_RIGHT);
        icon.setId("file-icon");
        icon.setUserData(kind);
        icon.setAccessibleText(word.getText());
        icon.setMinSize(WIDTH, HEIGHT);
        icon.setMaxSize(WIDTH, HEIGHT);
        return icon;
    }

    private static String word(FileKind kind) {
        return switch (kind) {
            case DOCUMENT -> Texts.text("files.icon.document");
            case ARCHIVE -> Texts.text("files.icon.archive");
            case PICTURE -> Texts.text("files.icon.picture");
            case OTHER -> Texts.text("files.icon.other");
        };
    }

    /** Dark enough for white text on it (the stylesheet's contrast rule, WCAG AA for bold small text). */
    private static Color colour(FileKind kind) {
        return switch (kind) {
            case DOCUMENT -> Color.web("#1d4ed8");
            case ARCHIVE -> Color.web("#92400e");
            case PICTURE -> Color.web("#047857");
            case OTHER -> Color.web("#475569");
        };
    }
}
