package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.viewmodel.StartViewModel;

/** Start-up: the appliances found, an address field, and the trust prompt over them when needed. */
final class StartView {
    private final StackPane root = new StackPane();

    StartView(StartViewModel model) {
        Label title = new Label("Connect to your office's LAN Chat");
        title.getStyleClass().add("title");
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        ListView<ApplianceChoice> list = new ListView<>(model.appliances());
        list.setId("appliances");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ApplianceChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                if (empty || choice == null) {
                    setText(null);
                    return;
                }
                String how = switch (choice.foundBy()) {
                    case DISCOVERY -> "on the network";
                    case CACHED -> "used last time";
                    case MANUAL -> "typed address";
                };
                setText(choice.describe() + "  ·  " + how);
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
        VBox.setVgrow(list, Priority.ALWAYS);

        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> model.connectSelected());
        connect.disableProperty().bind(model.busyProperty().or(Bindings.isEmpty(model.appliances())));

        TextField address = new TextField();
        address.setId("address");
        address.setPromptText("or type an address: 192.168.1.20 or chat.office.lan:7447");
        address.textProperty().bindBidirectional(model.manualAddressProperty());
        address.setOnAction(e -> model.connectManual());
        HBox.setHgrow(address, Priority.ALWAYS);
        Button connectAddress = new Button("Connect to address");
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
        error.textProperty().bind(model.errorProperty());

        HBox connectRow = new HBox(8, connect, progress);
        connectRow.setAlignment(Pos.CENTER_LEFT);
        HBox addressRow = new HBox(8, address, connectAddress);
        VBox chooser = new VBox(12, title, message, list, connectRow, addressRow, error);
        chooser.setPadding(new Insets(20));
        chooser.getStyleClass().add("page");

        root.getChildren().addAll(chooser, trustPrompt(model));
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
        CheckBox compared = new CheckBox("I compared this code with my administrator's and it matches");
        compared.setId("trust-compared");
        compared.setWrapText(true);
        compared.selectedProperty().bindBidirectional(model.codeComparedProperty());
        compared.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            TrustInspection inspection = model.pendingTrustProperty().get();
            return inspection != null && inspection.verdict() == TrustInspection.Verdict.CHANGED;
        }, model.pendingTrustProperty()));
        compared.managedProperty().bind(compared.visibleProperty());

        Button trust = new Button("Trust and continue");
        trust.setId("trust-accept");
        trust.disableProperty().bind(model.canTrustProperty().not().or(model.busyProperty()));
        trust.setOnAction(e -> model.acceptTrust());
        Button cancel = new Button("Cancel");
        cancel.setId("trust-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.rejectTrust());
        HBox buttons = new HBox(10, trust, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(14, heading, text, code, compared, buttons);
        card.getStyleClass().add("trust-card");
        card.setMaxWidth(480);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        model.pendingTrustProperty().addListener((o, was, now) -> {
            card.getStyleClass().remove("danger");
            if (now != null && (now.verdict() == TrustInspection.Verdict.CHANGED
                    || now.verdict() == TrustInspection.Verdict.NOT_ADVERTISED)) {
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
