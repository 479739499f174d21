package org.lanchat.client.viewmodel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.Session;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Usernames;

/**
 * The registration window: checks what it can before sending (the same rules the appliance applies), then
 * puts every error the appliance can answer next to the field it concerns.
 */
public final class RegisterViewModel {
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private final ChatService client;
    private final Executor ui;
    private final Executor background;
    private final Consumer<Session> onRegistered;
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty displayNameError = new SimpleStringProperty("");
    private final ObjectProperty<byte[]> avatar = new SimpleObjectProperty<>();
    private final StringProperty usernameError = new SimpleStringProperty("");
    private final StringProperty passwordError = new SimpleStringProperty("");
    private final StringProperty confirmationError = new SimpleStringProperty("");
    private final StringProperty avatarError = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public RegisterViewModel(ChatService client, Executor ui, Executor background, Consumer<Session> onRegistered) {
        this.client = client;
        this.ui = ui;
        this.background = background;
        this.onRegistered = onRegistered;
        username.addListener((o, was, now) -> usernameError.set(""));
        password.addListener((o, was, now) -> passwordError.set(""));
        confirmation.addListener((o, was, now) -> confirmationError.set(""));
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** Optional: the name others see, in any script (PROTOCOL.md §7.17); empty for the username. */
    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty displayNameErrorProperty() {
        return displayNameError;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    /** The chosen picture's bytes; null for the default avatar the appliance generates. */
    public ObjectProperty<byte[]> avatarProperty() {
        return avatar;
    }

    public StringProperty usernameErrorProperty() {
        return usernameError;
    }

    public StringProperty passwordErrorProperty() {
        return passwordError;
    }

    public StringProperty confirmationErrorProperty() {
        return confirmationError;
    }

    public StringProperty avatarErrorProperty() {
        return avatarError;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Reads (and if needed shrinks) a picture the user chose, off the UI thread. */
    public void chooseAvatar(Path file) {
        avatarError.set("");
        background.execute(() -> {
            try {
                byte[] bytes = AvatarFiles.prepare(file);
                ui.execute(() -> avatar.set(bytes));
            } catch (java.io.IOException e) {
                ui.execute(() -> avatarError.set(e.getMessage()));
            }
        });
    }

    public void clearAvatar() {
        avatar.set(null);
        avatarError.set("");
    }

    /** Checks the fields as the appliance would; true if the form may be sent. */
    public boolean validate() {
        String name = username.get().strip();
        // The protocol's reason is English; the bundle's sentence names the same rule.
        usernameError.set(Usernames.problem(name).map(why -> Texts.text("coreTexts.error.INVALID_USERNAME")).orElse(""));
        String pw = password.get();
        if (pw.length() < MIN_PASSWORD) {
            passwordError.set(Texts.text("register.password.tooShort", MIN_PASSWORD));
        } else if (pw.length() > MAX_PASSWORD) {
            passwordError.set(Texts.text("register.password.tooLong", MAX_PASSWORD));
        } else if (pw.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            passwordError.set(Texts.text("register.password.isUsername"));
        } else {
            passwordError.set("");
        }
        confirmationError.set(pw.equals(confirmation.get()) ? "" : Texts.text("register.password.mismatch"));
        return usernameError.get().isEmpty() && passwordError.get().isEmpty() && confirmationError.get().isEmpty()
                && avatarError.get().isEmpty();
    }

    public void register() {
        if (busy.get()) {
            return;
        }
        error.set("");
        if (!validate()) {
            return;
        }
        busy.set(true);
        displayNameError.set("");
        String shown = displayName.get() == null || displayName.get().isBlank() ? null : displayName.get();
        client.register(username.get().strip(), password.get(), avatar.get(), shown).whenCompleteAsync((session, failure) -> {
            busy.set(false);
            if (failure == null) {
                password.set("");
                confirmation.set("");
                onRegistered.accept(session);
                return;
            }
            if (Failures.cause(failure) instanceof ChatException chat) {
                switch (chat.code()) {
                    case INVALID_USERNAME -> usernameError.set(Failures.describe(chat));
                    case USERNAME_TAKEN -> usernameError.set(Texts.text("register.usernameTaken"));
                    case WEAK_PASSWORD -> passwordError.set(Failures.describe(chat));
                    case INVALID_DISPLAY_NAME, DISPLAY_NAME_TAKEN -> displayNameError.set(Failures.describe(chat));
                    case IMAGE_TOO_LARGE -> avatarError.set(Texts.text("register.imageTooLarge"));
                    case INVALID_IMAGE -> avatarError.set(Texts.text("register.invalidImage"));
                    default -> error.set(Failures.describe(chat));
                }
                return;
            }
            error.set(Failures.describe(failure));
        }, ui);
    }
}
