package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.FileSizes;
import org.lanchat.client.viewmodel.FilesViewModel;
import org.lanchat.client.viewmodel.Transfer;

/**
 * Under the conversation, a row per upload and download under way: its name, a progress bar, bytes done of the
 * total, and a button that stops it. The rows go when their transfers do; then a line says where the last file saved
 * went, until dismissed. With nothing to show, the space is given back.
 */
final class TransferRows {
    private TransferRows() {
    }

    static Node of(FilesViewModel files) {
        VBox rows = new VBox(4);
        rows.setId("transfers");
        rows.getStyleClass().add("transfers");
        Node saved = saved(files);
        Runnable redraw = () -> {
            rows.getChildren().setAll(files.transfers().stream().map(TransferRows::row).toList());
            rows.getChildren().add(saved);
        };
        files.transfers().addListener((ListChangeListener<Transfer>) c -> redraw.run());
        redraw.run();
        rows.visibleProperty().bind(Bindings.isNotEmpty(files.transfers()).or(files.savedProperty().isNotEmpty()));
        rows.managedProperty().bind(rows.visibleProperty());
        return rows;
    }

    private static Node saved(FilesViewModel files) {
        Label where = new Label();
        where.setId("file-saved");
        where.setWrapText(true);
        where.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        where.textProperty().bind(files.savedProperty());
        where.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(where, Priority.ALWAYS);
        Button dismiss = new Button("\u2715");
        dismiss.setId("file-saved-dismiss");
        dismiss.setAccessibleText(Texts.text("files.saved.dismiss"));
        dismiss.setTooltip(new Tooltip(Texts.text("files.saved.dismiss")));
        dismiss.setOnAction(e -> files.savedProperty().set(""));
        HBox row = new HBox(8, where, dismiss);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("transfer-row");
        row.visibleProperty().bind(files.savedProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static Node row(Transfer transfer) {
        Label name = new Label(transfer.direction() == Transfer.Direction.UPLOAD ? Texts.text("files.uploading", transfer.name())
                : Texts.text("files.downloading", transfer.name()));
        name.setId("transfer-name");
        name.setMinWidth(0);
        name.setMaxWidth(260);
        ProgressBar bar = new ProgressBar();
        bar.setId("transfer-progress");
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> transfer.totalProperty().get() <= 0 ? 0
                : (double) transfer.doneProperty().get() / transfer.totalProperty().get(),
                transfer.doneProperty(), transfer.totalProperty()));
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label bytes = new Label();
        bytes.setId("transfer-bytes");
        bytes.getStyleClass().add("subtle");
        bytes.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bytes.textProperty().bind(Bindings.createStringBinding(
                () -> FileSizes.progress(transfer.doneProperty().get(), transfer.totalProperty().get()),
                transfer.doneProperty(), transfer.totalProperty()));
        Button cancel = new Button("\u2715");
        cancel.setId("transfer-cancel");
        cancel.setAccessibleText(Texts.text("files.cancel"));
        cancel.setTooltip(new Tooltip(Texts.text("files.cancel")));
        cancel.setOnAction(e -> transfer.cancel());
        HBox row = new HBox(8, name, bar, bytes, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("transfer-row");
        row.setUserData(transfer);
        return row;
    }
}
