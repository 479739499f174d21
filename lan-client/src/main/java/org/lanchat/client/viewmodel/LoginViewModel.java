package org.lanchat.client.viewmodel;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.Session;

/** The login window: two fields, one action, errors shown inline. */
public final class LoginViewModel {
    private final ChatService client;
    private final Executor ui;
    private final Consumer<Session> onLoggedIn;
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty applianceName = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canSubmit = busy.not();

    public LoginViewModel(ChatService client, String applianceName, Executor ui, Consumer<Session> onLoggedIn) {
        this.client = client;
        this.ui = ui;
        this.onLoggedIn = onLoggedIn;
        this.applianceName.set(applianceName);
        // Typing again clears a stale error.
        username.addListener((o, was, now) -> error.set(""));
        password.addListener((o, was, now) -> error.set(""));
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty applianceNameProperty() {
        return applianceName;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    /** A message to show from the start (why the user is back here: session expired, say). */
    public void explain(String message) {
        error.set(message);
    }

    public void login() {
        if (busy.get()) {
            return;
        }
        String name = username.get().strip();
        if (name.isEmpty()) {
            error.set("Enter your username.");
            return;
        }
        if (password.get().isEmpty()) {
            error.set("Enter your password.");
            return;
        }
        busy.set(true);
        error.set("");
        client.login(name, password.get()).whenCompleteAsync((session, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure));
                return;
            }
            password.set("");
            onLoggedIn.accept(session);
        }, ui);
    }

    /** For bindings that need it as an expression. */
    public javafx.beans.binding.BooleanExpression hasError() {
        return Bindings.isNotEmpty(error);
    }
}
