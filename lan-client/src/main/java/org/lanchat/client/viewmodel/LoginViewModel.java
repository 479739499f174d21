package org.lanchat.client.viewmodel;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.ErrorCode;

/** The login window: two fields, one action, errors shown inline. */
public final class LoginViewModel {
    private final ChatService client;
    private final Executor ui;
    private final Consumer<Session> onLoggedIn;
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty backTo = new SimpleStringProperty("");
    private Runnable goBack = () -> { };
    private final StringProperty applianceName = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canSubmit = busy.not();

    public LoginViewModel(ChatService client, String applianceName, Executor ui, Consumer<Session> onLoggedIn) {
        this.client = client;
        this.ui = ui;
        this.onLoggedIn = onLoggedIn;
        this.applianceName.set(applianceName);
        // Typing again clears a stale error.
        username.addListener((o, was, now) -> clearMessages());
        password.addListener((o, was, now) -> clearMessages());
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

    /** Something that went wrong, to show from the start (why the user is back here: session expired, say). */
    public void explain(String message) {
        error.set(message);
    }

    /** News that is not a problem ("You have logged out."): shown plainly, not as an error. */
    public StringProperty noticeProperty() {
        return notice;
    }

    /**
     * "Back to Office (7KQ2-M9XD-4TBE)": another trusted appliance is on the network, e.g. the real one after
     * a look-alike was trusted by mistake. Empty when there is none.
     */
    public StringProperty backToProperty() {
        return backTo;
    }

    public void offerBack(String text, Runnable action) {
        backTo.set(text);
        goBack = action;
    }

    public void goBack() {
        goBack.run();
    }

    public void inform(String message) {
        notice.set(message);
    }

    private void clearMessages() {
        error.set("");
        notice.set("");
    }

    public void login() {
        if (busy.get()) {
            return;
        }
        String name = username.get().strip();
        if (name.isEmpty()) {
            error.set(Texts.text("login.enterUsername"));
            return;
        }
        if (password.get().isEmpty()) {
            error.set(Texts.text("login.enterPassword"));
            return;
        }
        busy.set(true);
        clearMessages();
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

    /**
     * Signs in with the token kept from last time instead of the password. If the appliance refuses it, the
     * form is left for the password, with the username filled in; {@code refused} is told, to forget the token.
     */
    public void resume(SignInStore.SignIn kept, Runnable refused) {
        username.set(kept.username());
        busy.set(true);
        notice.set(Texts.text("login.signingInAs", kept.username()));
        client.resume(kept.token().value()).whenCompleteAsync((session, failure) -> {
            busy.set(false);
            notice.set("");
            if (failure == null) {
                onLoggedIn.accept(session);
                return;
            }
            if (Failures.cause(failure) instanceof ChatException chat && chat.code() == ErrorCode.TOKEN_INVALID) {
                refused.run();
                error.set(Texts.text("login.savedSignInEnded"));
            } else if (Failures.cause(failure) instanceof ChatException chat && chat.code() == ErrorCode.ACCOUNT_DISABLED) {
                refused.run();
                error.set(Failures.describe(failure));
            } else {
                error.set(Failures.describe(failure));
            }
        }, ui);
    }

    /** For bindings that need it as an expression. */
    public javafx.beans.binding.BooleanExpression hasError() {
        return Bindings.isNotEmpty(error);
    }
}
