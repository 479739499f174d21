package org.lanchat.client.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustInspection;

/**
 * The question "do you trust this certificate?" while it is open: what it says, whether the user may say
 * yes yet, and the trusted appliance to go back to instead.
 *
 * <p>Whether trusting is allowed is derived here and nowhere else, so that no view can offer "trust" for a
 * refused certificate, or for a hard warning before the user ticked that they compared the code.
 */
final class TrustPrompt {
    private final ObjectProperty<TrustInspection> pending = new SimpleObjectProperty<>();
    private final BooleanProperty codeCompared = new SimpleBooleanProperty();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<ApplianceChoice> backTo = new SimpleObjectProperty<>();
    private final BooleanBinding canTrust = Bindings.createBooleanBinding(() -> {
        TrustInspection inspection = pending.get();
        if (inspection == null || !inspection.trustable()) {
            return false;
        }
        return !inspection.hardWarning() || codeCompared.get();
    }, pending, codeCompared);

    ObjectProperty<TrustInspection> pendingProperty() {
        return pending;
    }

    BooleanProperty codeComparedProperty() {
        return codeCompared;
    }

    StringProperty titleProperty() {
        return title;
    }

    StringProperty textProperty() {
        return text;
    }

    BooleanBinding canTrustProperty() {
        return canTrust;
    }

    ObjectProperty<ApplianceChoice> backToProperty() {
        return backTo;
    }

    /**
     * Opens the question; {@code alternative} may be null. The inspection is set last because views open the
     * prompt when it changes, and must find the wording and the way back already in place.
     */
    void ask(TrustInspection inspection, ApplianceChoice alternative) {
        TrustWarning warning = TrustWarning.of(inspection);
        codeCompared.set(false);
        title.set(warning.title());
        text.set(warning.text());
        backTo.set(alternative);
        pending.set(inspection);
    }

    /** Closes the question without trusting. */
    void dismiss() {
        pending.set(null);
        backTo.set(null);
    }
}
