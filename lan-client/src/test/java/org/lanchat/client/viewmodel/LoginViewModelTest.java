package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class LoginViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final List<Session> loggedIn = new ArrayList<>();
    private final LoginViewModel model = new LoginViewModel(client, "Office", SameThread.EXECUTOR, loggedIn::add);

    @Test
    void emptyFieldsAreCaughtBeforeAnythingIsSent() {
        model.login();
        assertThat(model.errorProperty().get()).isEqualTo("Enter your username.");
        model.usernameProperty().set("alice");
        model.login();
        assertThat(model.errorProperty().get()).isEqualTo("Enter your password.");
        assertThat(client.logins).isEmpty();
    }

    @Test
    void havingLoggedOutIsNewsNotAnErrorAndGoesAwayWhenTyping() {
        model.inform("You have logged out.");

        assertThat(model.noticeProperty().get()).isEqualTo("You have logged out.");
        assertThat(model.errorProperty().get()).isEmpty();
        model.usernameProperty().set("alice");
        assertThat(model.noticeProperty().get()).isEmpty();
    }

    @Test
    void aKeptSignInLogsInWithoutThePassword() {
        model.resume(kept(), () -> { });
        assertThat(client.logins).containsExactly("token:token-of-alice");
        assertThat(model.noticeProperty().get()).isEqualTo("Signing in as alice…");

        client.authResult.complete(FakeChatService.session("alice"));

        assertThat(loggedIn).extracting(Session::username).containsExactly("alice");
    }

    @Test
    void aKeptSignInTheApplianceRefusesIsForgottenAndThePasswordAskedWithTheNameFilledIn() {
        List<String> forgotten = new ArrayList<>();
        model.resume(kept(), () -> forgotten.add("forgotten"));

        client.authResult.completeExceptionally(new ChatException(ErrorCode.TOKEN_INVALID, "token invalid", Optional.empty()));

        assertThat(forgotten).containsExactly("forgotten");
        assertThat(model.errorProperty().get()).isEqualTo("Your saved sign-in has ended. Log in with your password.");
        assertThat(model.usernameProperty().get()).isEqualTo("alice");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(loggedIn).isEmpty();
    }

    private static SignInStore.SignIn kept() {
        return SignInStore.SignIn.of(FakeChatService.session("alice"));
    }

    @Test
    void aWrongPasswordIsShownInline() {
        fill();
        model.login();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.canSubmitProperty().get()).isFalse();

        client.authResult.completeExceptionally(new ChatException(ErrorCode.AUTH_FAILED, "wrong username or password", Optional.empty()));

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("Wrong username or password.");
        assertThat(loggedIn).isEmpty();
    }

    @Test
    void aLockoutSaysHowLongToWait() {
        fill();
        model.login();
        client.authResult.completeExceptionally(new ChatException(ErrorCode.RATE_LIMITED, "too many", Optional.of(Duration.ofMillis(2500))));
        assertThat(model.errorProperty().get()).isEqualTo("Too many failed attempts. Try again in 3 s.");
    }

    @Test
    void anUnreachableApplianceIsSaidPlainly() {
        fill();
        model.login();
        client.authResult.completeExceptionally(new ConnectException("Connection refused"));
        assertThat(model.errorProperty().get()).startsWith("The appliance cannot be reached");
    }

    @Test
    void successHandsTheSessionOnAndForgetsThePassword() {
        fill();
        model.login();
        client.authResult.complete(FakeChatService.session("alice"));
        assertThat(loggedIn).extracting(Session::username).containsExactly("alice");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(client.logins).containsExactly("alice:secret-password");
    }

    @Test
    void typingClearsAStaleError() {
        model.login();
        assertThat(model.errorProperty().get()).isNotEmpty();
        model.usernameProperty().set("a");
        assertThat(model.errorProperty().get()).isEmpty();
    }

    private void fill() {
        model.usernameProperty().set("  alice ");
        model.passwordProperty().set("secret-password");
    }
}
