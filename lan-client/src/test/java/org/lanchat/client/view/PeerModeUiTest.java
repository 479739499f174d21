package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop app while the appliance is away (PROTOCOL.md §10): the banner says how many colleagues can still
 * be reached, and messages that went directly say so until the appliance has them. Its own appliance, since it
 * stops it; the colleague is a client-core user, both taking peer links on loopback.
 */
@ExtendWith(ApplicationExtension.class)
class PeerModeUiTest extends UiTestSupport {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Start
    void start(Stage stage) {
        startApp(stage, live, live.dir(), true, LiveAppliance.PEER_LINKS);
    }

    @AfterEach
    void stop() throws TimeoutException {
        stopApp();
    }

    @Test
    void theBannerCountsTheColleaguesReachableDirectlyAndTheMarksLastUntilTheApplianceHasTheMessages(FxRobot robot) {
        EventRecorder bobsEvents = new EventRecorder();
        ChatClient bob = live.client(live.connector(), bobsEvents, LiveAppliance.PEER_LINKS);
        bob.register("bob", RunningAppliance.PASSWORD, null).join();
        live.appliance().newUser("alice").close();
        logIn(robot, "alice");
        await().atMost(EventRecorder.TIMEOUT).until(() -> bob.knownPeers().join().stream()
                .anyMatch(peer -> peer.username().equals("alice")));

        live.appliance().stop();
        waitFor(() -> robot.lookup("#banner").query().isVisible()
                && text(robot, "#banner").contains("you can still chat with the 1 colleague online"));
        assertThat(text(robot, "#banner")).isEqualTo("The appliance is unreachable — you can still chat with the 1 "
                + "colleague online on this network; everything will be saved to the appliance when it is back.");

        assertThat(text(robot, "#online-count")).as("the roster is who can be reached").isEqualTo("Reachable directly (1)");
        assertThat(robot.lookup("#roster").query().getOpacity()).as("not dimmed as unknown").isEqualTo(1.0);
        ChatEntry fromBob = bob.sendText(Conversation.GROUP, "the appliance is away, I am still here");
        waitFor(() -> marks(robot).contains("received directly"));
        fill(robot, "#draft", "so am I");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        waitFor(() -> marks(robot).containsAll(List.of("received directly", "sent directly")));
        bobsEvents.await(ClientEvent.MessageAdded.class, e -> "so am I".equals(e.entry().text())
                && e.entry().delivery() == Delivery.DIRECT);

        live.appliance().restart();
        waitFor(() -> !robot.lookup("#banner").query().isVisible());
        waitFor(() -> marks(robot).isEmpty());
        waitFor(() -> text(robot, "#online-count").equals("Online (2)"));
        await().atMost(EventRecorder.TIMEOUT).untilAsserted(() -> assertThat(bob.messages(Conversation.GROUP)
                        .get(EventRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("each stored once")
                .filteredOn(e -> e.seq() > 0).extracting(ChatEntry::text)
                .containsExactlyInAnyOrder(fromBob.text(), "so am I"));
    }

    /** The "sent directly" / "received directly" marks on screen now. */
    private static List<String> marks(FxRobot robot) {
        return robot.lookup("#direct-mark").queryAll().stream().filter(Node::isVisible)
                .map(node -> ((Labeled) node).getText()).toList();
    }
}
