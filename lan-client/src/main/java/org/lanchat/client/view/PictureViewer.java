package org.lanchat.client.view;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lanchat.client.i18n.Texts;

/**
 * A window showing one received picture, downloaded and checked (PROTOCOL.md §7.24): fitted to the window, and at its
 * own size, scrolled, after a click (a second click fits it again). Escape closes it. Only ever a picture JavaFX
 * decodes itself: nothing is handed to another program.
 */
final class PictureViewer {
    private PictureViewer() {
    }

    static Stage show(Window owner, Path picture, String name) {
        Image image = new Image(picture.toUri().toString());
        ImageView view = new ImageView(image);
        view.setId("picture-view");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        ScrollPane scroll = new ScrollPane(view);
        scroll.setId("picture-viewer");
        scroll.setPannable(true);
        scroll.getStyleClass().add("picture-viewer");
        // Fitted: never larger than the window, never enlarged beyond the picture's own size.
        Runnable fit = () -> {
            view.fitWidthProperty().bind(scroll.widthProperty().subtract(4).map(w -> Math.min(w.doubleValue(), image.getWidth())));
            view.fitHeightProperty().bind(scroll.heightProperty().subtract(4).map(h -> Math.min(h.doubleValue(), image.getHeight())));
        };
        fit.run();
        view.setOnMouseClicked(e -> {
            if (view.fitWidthProperty().isBound()) {
                view.fitWidthProperty().unbind();
                view.fitHeightProperty().unbind();
                view.setFitWidth(0); // its own size: the scroll pane scrolls
                view.setFitHeight(0);
            } else {
                fit.run();
            }
        });
        Stage window = new Stage();
        window.initOwner(owner);
        window.setTitle(Texts.text("files.viewer.title", name));
        Scene scene = new Scene(scroll, Math.min(900, Math.max(320, image.getWidth() + 20)),
                Math.min(700, Math.max(240, image.getHeight() + 20)));
        scene.getStylesheets().add(Navigator.STYLESHEET);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                window.close();
            }
        });
        window.setScene(scene);
        window.show();
        return window;
    }
}
