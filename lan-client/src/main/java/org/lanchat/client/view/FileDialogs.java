package org.lanchat.client.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.lanchat.client.i18n.Texts;

/**
 * The file dialogs of the chat window: which files to attach, and where to save a received one under the name it
 * suggests. The standard ones unless a test gives its own (a FileChooser cannot be driven without a desktop).
 */
record FileDialogs(Function<Window, List<Path>> attach, BiFunction<Window, String, Optional<Path>> save) {
    static FileDialogs standard() {
        return new FileDialogs(FileDialogs::chooseToAttach, FileDialogs::chooseWhereToSave);
    }

    private static List<Path> chooseToAttach(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.text("files.attach.title"));
        List<File> chosen = chooser.showOpenMultipleDialog(owner);
        return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
    }

    /** @param name already made safe (FileNames.safe): the dialog shows it, the user may change it */
    private static Optional<Path> chooseWhereToSave(Window owner, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.text("files.save.title"));
        chooser.setInitialFileName(name);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }
}
