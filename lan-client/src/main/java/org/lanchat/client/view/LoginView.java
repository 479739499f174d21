package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.LoginViewModel;

/** Username, password, Enter logs in; errors under the fields; links to registration and another appliance. */
final class LoginView {
    private final VBox root;
    private final TextField username = new TextField();

    LoginView(LoginViewModel model, Runnable register, Runnable otherAppliance) {
        Label brand = new Label(Texts.text("app.name"));
        brand.getStyleClass().add("brand-mark");
        Label title = new Label(Texts.text("login.title"));
        title.getStyleClass().add("title");
        Label appliance = new Label();
        appliance.getStyleClass().add("subtle");
        appliance.textProperty().bind(model.applianceNameProperty().map(name -> Texts.text("login.to", name)));

        username.setId("username");
        username.setPromptText(Texts.text("login.username"));
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText(Texts.text("login.password"));
        password.textProperty().bindBidirectional(model.passwordProperty());

        Label error = message("login-error", "error", model.errorProperty());
        Label notice = message("login-notice", "subtle", model.noticeProperty());

        Button login = new Button(Texts.text("login.button"));
        login.setId("login");
        login.setDefaultButton(true);
        login.setMaxWidth(Double.MAX_VALUE);
        login.getStyleClass().add("primary");
        login.disableProperty().bind(model.canSubmitProperty().not());
        login.setOnAction(e -> model.login());
        username.setOnAction(e -> model.login());
        password.setOnAction(e -> model.login());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        Hyperlink toRegister = new Hyperlink(Texts.text("login.toRegister"));
        toRegister.setId("to-register");
        toRegister.setOnAction(e -> register.run());
        Hyperlink other = new Hyperlink(Texts.text("login.otherAppliance"));
        other.setId("other-appliance");
        other.setOnAction(e -> otherAppliance.run());

        Hyperlink back = new Hyperlink();
        back.setId("login-back");
        back.textProperty().bind(model.backToProperty());
        back.visibleProperty().bind(model.backToProperty().isNotEmpty());
        back.managedProperty().bind(back.visibleProperty());
        back.setOnAction(e -> model.goBack());

        HBox actions = new HBox(8, login, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(login, javafx.scene.layout.Priority.ALWAYS);
        VBox links = new VBox(2, toRegister, back, other);
        root = new VBox(10, brand, title, appliance, field(Texts.text("login.username")), username,
                field(Texts.text("login.password")), password, notice, error,
                actions, links);
        root.setPadding(new Insets(28, 32, 24, 32));
        root.setMaxWidth(400);
        root.setMaxHeight(Region.USE_PREF_SIZE);
        root.getStyleClass().addAll("card", "form");
    }

    /** A wrapping label for {@code text}, taking no room while the text is empty. */
    static Label message(String id, String styleClass, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    static Label field(String name) {
        Label label = new Label(name);
        label.getStyleClass().add("field-label");
        return label;
    }

    Parent root() {
        StackPane backdrop = new StackPane(root);
        backdrop.setPadding(new Insets(24));
        backdrop.getStyleClass().add("backdrop");
        return backdrop;
    }

    void focus() {
        username.requestFocus();
    }
}
