package org.lanchat.client.view;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.RegisterViewModel;

/** Username, password twice, an avatar with a round preview; each error next to its field. */
final class RegisterView {
    private final VBox form;
    private final TextField username = new TextField();

    /** @param pickFile asks the user for a picture file (the file dialog) */
    RegisterView(RegisterViewModel model, Runnable back, Function<Window, Optional<Path>> pickFile) {
        Label brand = new Label(Texts.text("app.name"));
        brand.getStyleClass().add("brand-mark");
        Label title = new Label(Texts.text("register.title"));
        title.getStyleClass().add("title");

        AvatarView preview = new AvatarView(96);
        preview.setId("avatar-preview");
        preview.showName(model.usernameProperty().get());
        model.usernameProperty().addListener((o, was, now) -> {
            if (model.avatarProperty().get() == null) {
                preview.showName(now);
            }
        });
        model.avatarProperty().addListener((o, was, bytes) -> {
            if (bytes == null) {
                preview.showName(model.usernameProperty().get());
            } else {
                preview.showImage(EmojiImages.avatar(bytes, 192));
            }
        });
        Button choose = new Button(Texts.text("register.choosePicture"));
        choose.setId("choose-avatar");
        choose.setOnAction(e -> pickFile.apply(choose.getScene().getWindow()).ifPresent(model::chooseAvatar));
        Button remove = new Button(Texts.text("register.defaultPicture"));
        remove.setOnAction(e -> model.clearAvatar());
        remove.disableProperty().bind(model.avatarProperty().isNull());
        Label avatarHint = new Label(Texts.text("register.avatarHint"));
        avatarHint.getStyleClass().add("subtle");
        avatarHint.setWrapText(true);
        avatarHint.setMinHeight(Region.USE_PREF_SIZE); // on as many lines as it takes, not cut after the first
        VBox avatarButtons = new VBox(6, choose, remove, avatarHint, error(model.avatarErrorProperty(), "avatar-error"));
        HBox avatarRow = new HBox(16, preview, avatarButtons);
        avatarRow.setAlignment(Pos.CENTER_LEFT);

        username.setId("reg-username");
        username.setPromptText(Texts.text("register.username.prompt"));
        username.textProperty().bindBidirectional(model.usernameProperty());
        TextField displayName = new TextField();
        displayName.setId("reg-display-name");
        displayName.setPromptText(Texts.text("register.displayName.prompt"));
        displayName.textProperty().bindBidirectional(model.displayNameProperty());
        PasswordField password = new PasswordField();
        password.setId("reg-password");
        password.setPromptText(Texts.text("register.password.prompt"));
        password.textProperty().bindBidirectional(model.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("reg-confirmation");
        confirmation.setPromptText(Texts.text("register.confirmation.prompt"));
        confirmation.textProperty().bindBidirectional(model.confirmationProperty());

        Button create = new Button(Texts.text("register.create"));
        create.setId("register");
        create.setDefaultButton(true);
        create.setMaxWidth(Double.MAX_VALUE);
        create.getStyleClass().add("primary");
        create.disableProperty().bind(model.busyProperty());
        create.setOnAction(e -> model.register());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        HBox actions = new HBox(8, create, progress);
        HBox.setHgrow(create, javafx.scene.layout.Priority.ALWAYS);
        Hyperlink toLogin = new Hyperlink(Texts.text("register.toLogin"));
        toLogin.setOnAction(e -> back.run());

        form = new VBox(10, brand, title, avatarRow,
                LoginView.field(Texts.text("login.username")), username, error(model.usernameErrorProperty(), "username-error"),
                LoginView.field(Texts.text("register.displayName")), displayName,
                error(model.displayNameErrorProperty(), "display-name-error"),
                LoginView.field(Texts.text("login.password")), password, error(model.passwordErrorProperty(), "password-error"),
                LoginView.field(Texts.text("register.passwordAgain")), confirmation,
                error(model.confirmationErrorProperty(), "confirmation-error"),
                error(model.errorProperty(), "register-error"), actions, toLogin);
        form.setPadding(new Insets(28, 32, 24, 32));
        form.setMaxWidth(440);
        form.setMaxHeight(Region.USE_PREF_SIZE);
        form.getStyleClass().addAll("card", "form");
    }

    private static Node error(StringProperty text, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("error");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    Parent root() {
        StackPane backdrop = new StackPane(form);
        backdrop.setPadding(new Insets(24));
        backdrop.getStyleClass().add("backdrop");
        ScrollPane scroll = new ScrollPane(backdrop);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("backdrop-scroll");
        return scroll;
    }

    void focus() {
        username.requestFocus();
    }
}
