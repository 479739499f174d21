package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.DiagnosisLine;
import org.lanchat.client.viewmodel.StartViewModel;

/** Start-up: the appliances found, an address field, and the trust prompt over them when needed. */
final class StartView {
    private final StackPane root = new StackPane();

    StartView(StartViewModel model) {
        Label brand = new Label(Texts.text("app.name"));
        brand.getStyleClass().add("brand-mark");
        Label title = new Label(Texts.text("start.title"));
        title.getStyleClass().add("title");
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        // Wrapped text keeps its lines when the window is short: the list of appliances gives way instead.
        message.setMinHeight(Region.USE_PREF_SIZE);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);

        Label provisioned = LoginView.message("provisioned", "subtle", model.provisionedNoteProperty());

        ListView<ApplianceChoice> list = new ListView<>(model.appliances());
        list.setId("appliances");
        list.getStyleClass().add("choices");
        Label none = new Label(Texts.text("start.none"));
        none.getStyleClass().add("subtle");
        list.setPlaceholder(none);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ApplianceChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                if (empty || choice == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(model.describeRow(choice));
                setGraphic(model.rowTrusted(choice) ? trustedBadge() : null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.userIsChoosing();
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> list.getSelectionModel().select(now));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.connectSelected();
            }
        });
        list.setPrefHeight(180);
        list.setMinHeight(60);
        VBox.setVgrow(list, Priority.ALWAYS);

        Button connect = new Button(Texts.text("start.connect"));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.getStyleClass().add("primary");
        connect.setOnAction(e -> model.connectSelected());
        connect.disableProperty().bind(model.busyProperty().or(Bindings.isEmpty(model.appliances())));

        TextField address = new TextField();
        address.setId("address");
        address.setPromptText(Texts.text("start.address.prompt"));
        address.setTooltip(new Tooltip(Texts.text("start.address.tooltip")));
        address.textProperty().bindBidirectional(model.manualAddressProperty());
        address.setOnAction(e -> model.connectManual());
        HBox.setHgrow(address, Priority.ALWAYS);
        Button connectAddress = new Button(Texts.text("start.connectAddress"));
        connectAddress.setId("connect-address");
        connectAddress.setOnAction(e -> model.connectManual());
        connectAddress.disableProperty().bind(model.busyProperty().or(Bindings.isEmpty(model.manualAddressProperty())));

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Label error = new Label();
        error.setId("start-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());

        HBox connectRow = new HBox(8, connect, progress);
        connectRow.setAlignment(Pos.CENTER_LEFT);
        HBox addressRow = new HBox(8, address, connectAddress);
        Hyperlink why = new Hyperlink(Texts.text("start.why"));
        why.setId("diagnose");
        why.setOnAction(e -> model.diagnose());
        why.disableProperty().bind(model.diagnosingProperty());
        VBox chooser = new VBox(12, brand, title, message, provisioned, list, connectRow, addressRow, error, why);
        chooser.setPadding(new Insets(24, 28, 18, 28));
        chooser.getStyleClass().add("card");
        StackPane backdrop = new StackPane(chooser);
        backdrop.setPadding(new Insets(20));
        backdrop.getStyleClass().add("backdrop");

        root.getChildren().addAll(backdrop, diagnosisPanel(model), trustPrompt(model));
        FocusTrap.install((Parent) root.lookup("#diagnosis"), backdrop, (Button) root.lookup("#diagnosis-close"));
        FocusTrap.install((Parent) root.lookup("#trust-prompt"), backdrop, (Button) root.lookup("#trust-accept"));
    }

    /** The trusted badge of a row: the diagnosis' check mark, so no new colour is needed. */
    private static Node trustedBadge() {
        Label mark = new Label("\u2713");
        mark.getStyleClass().addAll("check-mark", "passed");
        mark.setMinSize(20, 20);
        mark.setAlignment(Pos.CENTER);
        return mark;
    }

    /** The three checks in plain words, each with a mark, the advice, and the technical report to copy. */
    private static Parent diagnosisPanel(StartViewModel model) {
        Label heading = new Label(Texts.text("start.why"));
        heading.getStyleClass().add("title");
        ProgressIndicator running = new ProgressIndicator();
        running.setPrefSize(20, 20);
        running.visibleProperty().bind(model.diagnosingProperty());
        HBox top = new HBox(10, heading, running);
        top.setAlignment(Pos.CENTER_LEFT);

        VBox lines = new VBox(12);
        lines.setId("diagnosis-lines");
        Runnable draw = () -> {
            lines.getChildren().clear();
            for (DiagnosisLine line : model.diagnosis()) {
                lines.getChildren().add(diagnosisRow(line));
            }
        };
        model.diagnosis().addListener((ListChangeListener<DiagnosisLine>) c -> draw.run());
        Label advice = new Label();
        advice.setId("diagnosis-advice");
        advice.getStyleClass().add("advice");
        advice.setWrapText(true);
        advice.textProperty().bind(model.diagnosisAdviceProperty());

        Button copy = new Button(Texts.text("start.copyDetails"));
        copy.setId("diagnosis-copy");
        copy.setTooltip(new Tooltip(Texts.text("start.copyDetails.tooltip")));
        copy.disableProperty().bind(model.diagnosisReportProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.diagnosisReportProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button again = new Button(Texts.text("start.checkAgain"));
        again.setId("diagnosis-again");
        again.disableProperty().bind(model.diagnosingProperty());
        again.setOnAction(e -> model.diagnose());
        Button close = new Button(Texts.text("start.close"));
        close.setId("diagnosis-close");
        close.setOnAction(e -> model.closeDiagnosis());
        close.getStyleClass().add("primary");
        HBox buttons = new HBox(10, copy, again, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(14, top, lines, advice, buttons);
        card.getStyleClass().add("dialog-card");
        card.setMaxWidth(500);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane overlay = new StackPane(card);
        overlay.setId("diagnosis");
        overlay.getStyleClass().add("overlay");
        overlay.visibleProperty().bind(model.diagnosisShownProperty());
        return overlay;
    }

    private static Node diagnosisRow(DiagnosisLine line) {
        Label mark = new Label(switch (line.outcome()) {
            case PASSED -> "\u2713";
            case FAILED -> "\u2717";
            case NOT_RUN -> "\u2013";
        });
        mark.getStyleClass().addAll("check-mark", switch (line.outcome()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case NOT_RUN -> "not-run";
        });
        mark.setMinSize(26, 26);
        mark.setAlignment(Pos.CENTER);
        Label layer = new Label(line.layer());
        layer.getStyleClass().add("subtle");
        Label headline = new Label(line.headline());
        headline.getStyleClass().add("check-headline");
        Label explanation = new Label(line.explanation());
        explanation.setWrapText(true);
        VBox text = new VBox(2, layer, headline, explanation);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(12, mark, text);
        row.getStyleClass().add("check-row");
        return row;
    }

    private static Parent trustPrompt(StartViewModel model) {
        Label heading = new Label();
        heading.setId("trust-title");
        heading.getStyleClass().add("title");
        heading.setWrapText(true);
        heading.textProperty().bind(model.trustTitleProperty());
        Label text = new Label();
        text.setId("trust-text");
        text.setWrapText(true);
        text.textProperty().bind(model.trustTextProperty());
        Label code = new Label();
        code.setId("trust-code");
        code.getStyleClass().add("short-code");
        code.textProperty().bind(Bindings.createStringBinding(() -> {
            TrustInspection inspection = model.pendingTrustProperty().get();
            return inspection == null ? "" : inspection.presented().shortCode();
        }, model.pendingTrustProperty()));
        CheckBox compared = new CheckBox(Texts.text("trust.compared"));
        compared.setId("trust-compared");
        compared.setWrapText(true);
        compared.selectedProperty().bindBidirectional(model.codeComparedProperty());
        compared.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            TrustInspection inspection = model.pendingTrustProperty().get();
            return inspection != null && inspection.hardWarning();
        }, model.pendingTrustProperty()));
        compared.managedProperty().bind(compared.visibleProperty());

        Button trust = new Button(Texts.text("trust.trust"));
        trust.setId("trust-accept");
        trust.getStyleClass().add("primary");
        trust.disableProperty().bind(model.canTrustProperty().not().or(model.busyProperty()));
        trust.setOnAction(e -> model.acceptTrust());
        trust.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            TrustInspection inspection = model.pendingTrustProperty().get();
            return inspection == null || inspection.trustable();
        }, model.pendingTrustProperty()));
        trust.managedProperty().bind(trust.visibleProperty());
        Button back = new Button();
        back.setId("trust-back");
        back.textProperty().bind(model.backToProperty().map(model::backToText));
        back.visibleProperty().bind(model.backToProperty().isNotNull());
        back.managedProperty().bind(back.visibleProperty());
        back.setOnAction(e -> model.goBack());
        Button cancel = new Button(Texts.text("trust.cancel"));
        cancel.setId("trust-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.rejectTrust());
        HBox buttons = new HBox(10, trust, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        // On its own line: it names the trusted appliance and its code, which must not be cut.
        back.setMaxWidth(Double.MAX_VALUE);
        back.getStyleClass().add("primary");

        VBox card = new VBox(14, heading, text, code, compared, back, buttons);
        card.getStyleClass().add("dialog-card");
        card.setMaxWidth(480);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        model.pendingTrustProperty().addListener((o, was, now) -> {
            card.getStyleClass().remove("danger");
            if (now != null && (now.hardWarning() || !now.trustable())) {
                card.getStyleClass().add("danger");
            }
        });
        StackPane overlay = new StackPane(card);
        overlay.setId("trust-prompt");
        overlay.getStyleClass().add("overlay");
        overlay.visibleProperty().bind(model.pendingTrustProperty().isNotNull());
        return overlay;
    }

    Parent root() {
        return root;
    }
}
