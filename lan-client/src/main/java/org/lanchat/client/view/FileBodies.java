package org.lanchat.client.view;

import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lanchat.client.core.FileNames;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.FileKind;
import org.lanchat.client.viewmodel.FileSizes;
import org.lanchat.client.viewmodel.FilesViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.FileMessage.Attachment;

/**
 * The body of a message that carries a file (PROTOCOL.md §7.24): a picture's thumbnail, which a click opens in the
 * picture viewer, or a card with the file's kind, its name made safe, its size and "Save…". A received file is only
 * ever saved where the user chooses: never opened or run.
 */
final class FileBodies {
    /** The side of the box thumbnails are drawn in (the appliance's are at most 256 × 256). */
    private static final double THUMBNAIL = 256;
    private final FilesViewModel files;
    private final FileDialogs dialogs;

    FileBodies(FilesViewModel files, FileDialogs dialogs) {
        this.files = files;
        this.dialogs = dialogs;
    }

    Node body(MessageItem item) {
        return FilesViewModel.isPicture(item) ? picture(item) : card(item);
    }

    private Node picture(MessageItem item) {
        Attachment file = item.attachment();
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setId("file-thumbnail");
        // The space the picture will take, kept while its thumbnail is on its way, so the list does not jump.
        double width = file.width() == null ? THUMBNAIL : file.width();
        double height = file.height() == null ? THUMBNAIL * 0.6 : file.height();
        double scale = Math.min(1, THUMBNAIL / Math.max(width, height));
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("file-thumbnail");
        frame.setMinSize(width * scale, height * scale);
        frame.setPrefSize(width * scale, height * scale);
        frame.setMaxSize(width * scale, height * scale);
        String name = FileNames.safe(item.text());
        frame.setCursor(Cursor.HAND);
        Tooltip.install(frame, new Tooltip(Texts.text("files.picture.open")));
        frame.setAccessibleText(name);
        frame.setOnMouseClicked(e -> files.picture(item, path -> PictureViewer.show(frame.getScene().getWindow(), path, name)));
        files.thumbnail(item).whenCompleteAsync((png, failure) -> {
            if (failure == null) {
                view.setImage(new Image(new ByteArrayInputStream(png)));
            } else {
                unavailable(frame, failure);
            }
        }, Platform::runLater);
        Label caption = new Label(Texts.text("files.caption", name, FileSizes.shown(file.size())));
        caption.getStyleClass().add("file-size");
        caption.setId("file-caption");
        return new VBox(4, frame, caption);
    }

    /**
     * The picture's box when its thumbnail cannot be had: said in words instead of an empty box. A file the appliance
     * no longer has (deleted after the retention period, §7.24) cannot be opened either; any other failure (a lost
     * connection, say) is tried again the next time the message is drawn.
     */
    private static void unavailable(StackPane frame, Throwable failure) {
        boolean gone = FilesViewModel.isGone(failure);
        Label said = new Label(gone ? Texts.text("files.picture.gone") : Texts.text("files.picture.notNow"));
        said.setId("file-thumbnail-missing");
        said.setWrapText(true);
        said.getStyleClass().add("file-size");
        frame.getChildren().setAll(said);
        if (gone) {
            frame.setCursor(Cursor.DEFAULT);
            frame.setOnMouseClicked(null);
        }
    }

    private Node card(MessageItem item) {
        Attachment file = item.attachment();
        String name = FileNames.safe(item.text());
        Label shownName = new Label(name);
        shownName.setId("file-name");
        shownName.getStyleClass().add("file-name");
        Label size = new Label(FileSizes.shown(file.size()));
        size.setId("file-size");
        size.getStyleClass().add("file-size");
        VBox text = new VBox(2, shownName, size);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button save = new Button(Texts.text("files.save"));
        save.setId("file-save");
        save.setTooltip(new Tooltip(Texts.text("files.save.tooltip")));
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        save.setDisable(item.seq() <= 0); // still on its way: nothing to download yet
        save.setOnAction(e -> dialogs.save().apply(save.getScene().getWindow(), FilesViewModel.suggestedName(item))
                .ifPresent(target -> files.save(item, target)));
        HBox card = new HBox(10, FileIcon.of(FileKind.of(item.text(), file.mediaType())), text, save);
        card.setAlignment(Pos.CENTER_LEFT);
        card.setId("file-card");
        card.getStyleClass().add("file-card");
        return card;
    }
}
