package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.TrustTarget;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs the real app (real views, view-models and client core) against the real appliance, headless on
 * Monocle: each test gets a fresh client data directory whose pin store already trusts the appliance, and
 * the app is started with {@code --appliance=127.0.0.1:<port>} so it goes straight to the login window.
 */
abstract class UiTestSupport {
    static final long TIMEOUT_SECONDS = 20;

    protected ClientServices services;
    protected Navigator navigator;

    /** Builds the app in {@code stage}, as {@link LanChatApp} does, for the appliance of {@code live}. */
    protected void startApp(Stage stage, LiveAppliance live, Path dir, boolean trusted) {
        startApp(stage, live, dir, trusted, LiveAppliance.OPTIONS);
    }

    /** As {@link #startApp(Stage, LiveAppliance, Path, boolean)}, with the client tuned by {@code options}. */
    protected void startApp(Stage stage, LiveAppliance live, Path dir, boolean trusted, ClientOptions options) {
        try {
            Path dataDir = Files.createTempDirectory(dir, "client");
            ClientServices opened = ClientServices.open(dataDir, false, Optional.of("127.0.0.1:" + live.appliance().port()),
                    options);
            // A restarted test appliance comes back on another port; the real one keeps its port (or is
            // rediscovered), so only the tests need to be told where it went.
            ClientHome home = opened.home();
            services = new ClientServices(new ClientHome(home.dataDir(), home.pins(), home.cookies(),
                    new FollowingDirectory(home.directory(), live),
                    home.trust(), home.diagnostics(), home.options(), home.provisioned()), opened.emoji(), opened.background(), opened.initialAddress());
            if (trusted) {
                services.pins().pin(ApplianceId.random(), "LAN Chat test", live.appliance().fingerprint());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        navigator = new Navigator(stage, services);
        navigator.showStart();
    }

    /** The real directory, except that reconnects follow the test appliance to its current port. */
    private record FollowingDirectory(ApplianceDirectory real, LiveAppliance live) implements ApplianceDirectory {
        @Override
        public void watch(java.util.function.Consumer<java.util.List<ApplianceChoice>> listener) {
            real.watch(listener);
        }

        @Override
        public java.util.List<ApplianceChoice> onNetwork() {
            return real.onNetwork();
        }

        @Override
        public Optional<ApplianceChoice> lastGood() {
            return real.lastGood();
        }

        @Override
        public ApplianceChoice manual(String typed) {
            return real.manual(typed);
        }

        @Override
        public void remember(ApplianceChoice choice) throws IOException {
            real.remember(choice);
        }

        @Override
        public java.util.function.Supplier<TrustTarget> follow(ApplianceChoice choice) {
            return () -> TrustTarget.manual(live.address());
        }

        @Override
        public void close() {
            real.close();
        }
    }

    protected void stopApp() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (navigator != null) {
            navigator.shutdown().join();
        }
        if (services != null) {
            services.close();
        }
    }

    /** Logs in through the login window as an existing user. */
    protected void logIn(FxRobot robot, String username) {
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        fill(robot, "#username", username);
        fill(robot, "#password", RunningAppliance.PASSWORD);
        robot.clickOn("#password").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> robot.lookup("#draft").tryQuery().isPresent());
    }

    /**
     * Puts text into a field the way a paste would: robot typing costs ~0.3 s a character on a loaded
     * machine, so tests type only what they are about (Enter, Shift+Enter, a few characters).
     */
    protected static void fill(FxRobot robot, String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.interact(() -> {
            field.requestFocus();
            field.setText(text);
            field.end();
        });
    }

    protected static void waitFor(Supplier<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> condition.get());
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + TIMEOUT_SECONDS + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected static String text(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        if (node instanceof Labeled labeled) {
            return labeled.getText();
        }
        if (node instanceof TextInputControl input) {
            return input.getText();
        }
        throw new AssertionError(query + " is a " + node.getClass().getSimpleName());
    }

    protected static void assertVisible(FxRobot robot, String query) {
        assertThat(robot.lookup(query).query().isVisible()).as(query + " visible").isTrue();
    }
}
