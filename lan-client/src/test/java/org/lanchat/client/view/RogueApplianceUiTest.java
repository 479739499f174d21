package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.PinTrustService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The attack from the field: the trusted appliance "Office" is not on the network (stopped, or its multicast
 * blocked) and another box announces an appliance under the same name with a fresh certificate and id. Before,
 * the list showed two identical rows and choosing the one on the network asked a soft one-click question; the
 * next login sent the password to the rogue.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class RogueApplianceUiTest extends UiTestSupport {
    static final ApplianceId REAL_ID = new ApplianceId("a".repeat(32));
    @TempDir
    static Path dir;
    static LiveAppliance real;
    static LiveAppliance rogue;
    Network network;

    /** Started before the window, which has only a few seconds to appear. */
    @BeforeAll
    static void startAppliances() throws IOException {
        real = LiveAppliance.start(Files.createDirectories(dir.resolve("real")));
        rogue = LiveAppliance.start(Files.createDirectories(dir.resolve("rogue")));
    }

    @AfterAll
    static void stopAppliances() {
        rogue.close();
        real.close();
    }

    @Start
    void start(Stage stage) throws IOException {
        Path dataDir = Files.createDirectories(dir.resolve("client"));
        ClientServices opened = ClientServices.open(dataDir, false, Optional.empty(), LiveAppliance.OPTIONS);
        ClientHome home = opened.home();
        home.pins().pin(REAL_ID, "Office", real.appliance().fingerprint());
        network = new Network(
                new ApplianceChoice("Office", real.address(), Optional.of(REAL_ID), Optional.empty(), FoundBy.CACHED),
                List.of(new ApplianceChoice("Office", rogue.address(), Optional.of(new ApplianceId("b".repeat(32))),
                        Optional.of(rogue.appliance().fingerprint()), FoundBy.DISCOVERY)));
        services = new ClientServices(new ClientHome(home.dataDir(), home.pins(), home.cookies(), network,
                new PinTrustService(home.pins(), ProvisionedTrust.none(), network::onNetwork, Duration.ofSeconds(5)),
                home.diagnostics(), home.options(), home.provisioned()), opened.emoji(), opened.background(),
                Optional.empty());
        navigator = new Navigator(stage, services);
        navigator.showStart();
    }

    @AfterEach
    void stop() throws TimeoutException {
        stopApp();
    }

    @Test
    void aRogueUnderTheTrustedNameGetsTheHardWarningAndTheWayBackToTheRealAppliance(FxRobot robot) {
        CertificateFingerprint realCode = real.appliance().fingerprint();
        CertificateFingerprint rogueCode = rogue.appliance().fingerprint();
        @SuppressWarnings("unchecked")
        ListView<ApplianceChoice> list = robot.lookup("#appliances").queryAs(ListView.class);
        waitFor(() -> list.getItems().size() == 2);
        List<String> rows = robot.lookup("#appliances .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).filter(t -> t != null).toList();
        assertThat(rows).hasSize(2).doesNotHaveDuplicates();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(rogueCode.shortCode(), "not trusted"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(realCode.shortCode(), "trusted").doesNotContain("not trusted"));

        robot.interact(() -> list.getSelectionModel().select(
                list.getItems().stream().filter(c -> c.foundBy() == FoundBy.DISCOVERY).findFirst().orElseThrow()));
        robot.clickOn("#connect");
        waitFor(() -> robot.lookup("#trust-prompt").query().isVisible());

        assertThat(text(robot, "#trust-title")).startsWith("WARNING").doesNotContain("A new appliance");
        assertThat(text(robot, "#trust-text")).contains("Trusted code:   " + realCode.shortCode(),
                "Presented code: " + rogueCode.shortCode());
        assertThat(robot.lookup("#trust-accept").queryAs(Button.class).isDisabled()).as("no one-click trust").isTrue();
        assertVisible(robot, "#trust-compared");
        assertThat(text(robot, "#trust-back")).isEqualTo("Back to Office (" + realCode.shortCode() + ")");

        robot.clickOn("#trust-back");
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        assertThat(services.pins().pins()).as("the rogue was not trusted").hasSize(1);
    }

    @Test
    void aClientThatTrustedTheRogueByMistakeGoesBackToTheRealApplianceFromTheLoginWindow(FxRobot robot) throws IOException {
        CertificateFingerprint realCode = real.appliance().fingerprint();
        CertificateFingerprint rogueCode = rogue.appliance().fingerprint();
        ApplianceId rogueId = new ApplianceId("b".repeat(32));
        services.pins().pin(rogueId, "Office", rogueCode);
        ApplianceChoice realOnNetwork = new ApplianceChoice("Office", real.address(), Optional.of(REAL_ID),
                Optional.of(realCode), FoundBy.DISCOVERY);
        ApplianceChoice rogueOnNetwork = network.discovered.getFirst();
        network.discovered = List.of(realOnNetwork, rogueOnNetwork);
        // Logged in to the rogue last time, so the app goes straight back to it.
        network.used = new ApplianceChoice("Office", rogue.address(), Optional.of(rogueId), Optional.empty(), FoundBy.CACHED);
        robot.interact(() -> navigator.showStart());
        waitFor(() -> robot.lookup("#login-back").tryQuery().map(n -> n.isVisible()).orElse(false));

        assertThat(text(robot, "#login-back")).isEqualTo("Back to Office (" + realCode.shortCode() + ")");
        robot.clickOn("#login-back");

        // Now on the real appliance: the way back offered is to the other trusted one, the rogue.
        waitFor(() -> robot.lookup("#login-back").tryQuery().map(n -> n.isVisible()
                && ((Labeled) n).getText().contains(rogueCode.shortCode())).orElse(false));
    }

    /** Discovery as the client saw it: only the rogue answers; the real appliance is the one used last time. */
    private static final class Network implements ApplianceDirectory {
        volatile ApplianceChoice used;
        volatile List<ApplianceChoice> discovered;

        Network(ApplianceChoice used, List<ApplianceChoice> discovered) {
            this.used = used;
            this.discovered = discovered;
        }

        @Override
        public void watch(Consumer<List<ApplianceChoice>> listener) {
            listener.accept(discovered);
        }

        @Override
        public List<ApplianceChoice> onNetwork() {
            return discovered;
        }

        @Override
        public Optional<ApplianceChoice> lastGood() {
            return Optional.of(used);
        }

        @Override
        public ApplianceChoice manual(String typed) {
            throw new IllegalArgumentException("not in this test");
        }

        @Override
        public void remember(ApplianceChoice choice) {
        }

        @Override
        public Supplier<TrustTarget> follow(ApplianceChoice choice) {
            return choice::trustTarget;
        }

        @Override
        public void close() {
        }
    }
}
