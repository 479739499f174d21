package org.lanchat.client.view;

import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;

/**
 * The language setting, beside the chat window's other settings. A change is saved and used from the next start:
 * every window reads its texts when it is built, and rebuilding the chat window in place would lose the draft, the
 * selection and the scroll position for a setting changed once.
 */
final class LanguageChoice {
    private LanguageChoice() {
    }

    static VBox of(ClientSettings settings) {
        ComboBox<Language> choice = new ComboBox<>(FXCollections.observableArrayList(Language.values()));
        choice.setId("language");
        choice.setValue(Language.saved(settings));
        Label label = new Label(Texts.text("language.label"));
        label.setLabelFor(choice);
        Label next = new Label(Texts.text("language.nextStart"));
        next.setId("language-next-start");
        next.getStyleClass().add("subtle");
        next.setWrapText(true);
        next.setMinHeight(Region.USE_PREF_SIZE); // wrapped onto as many lines as it needs, not cut after the first
        next.setVisible(false);
        next.managedProperty().bind(next.visibleProperty());
        choice.valueProperty().addListener((o, was, now) -> {
            settings.put(Language.SETTING, now.tag());
            next.setVisible(true);
        });
        HBox row = new HBox(6, label, choice);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, next);
    }
}
