package org.lanchat.client.core.lan;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.LanApplianceDirectory;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.message.Conversation;

/**
 * Child process: the client core on a test host, finding a cluster by multicast DNS with the app's own directory,
 * trusting it after comparing the code a colleague read out, and staying connected (moving to another member when
 * its member goes away).
 *
 * <pre>INTERFACE DATA_DIR USERNAME CODE</pre>
 *
 * Events: {@code listed choices= members=}, {@code session resumed=}; for each stdin line {@code send TEXT},
 * {@code acked text= seq=}; or {@code refused code=}. Ends on "stop" or end of stdin.
 */
public final class ClusterClientChild {
    private ClusterClientChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        try (ApplianceBrowser browser = ApplianceBrowser.start(InterfaceSelection.only(args[0]));
             LanApplianceDirectory directory = new LanApplianceDirectory(Optional.of(browser), new LastGoodStore(data))) {
            // Both members must have answered before the list means anything.
            Awaitility.await("two members heard").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> browser.appliances().size() >= 2);
            List<ApplianceChoice> choices = directory.onNetwork();
            ChildEvent.emit("listed", "choices", choices.size(), "members", browser.appliances().size());
            ApplianceChoice cluster = choices.getFirst();
            if (!cluster.advertised().orElseThrow().shortCode().equals(args[3])) {
                ChildEvent.emit("refused", "code", cluster.advertised().orElseThrow().shortCode());
                return;
            }
            PinStore pins = PinStore.open(data);
            pins.pin(cluster.id().orElseThrow(), cluster.name(), cluster.advertised().orElseThrow());
            try (ChatClient client = new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(5)),
                    directory.follow(cluster)), LiveAppliance.OPTIONS)) {
                client.addListener(event -> {
                    if (event instanceof ClientEvent.SessionStarted started) {
                        ChildEvent.emit("session", "resumed", started.resumed());
                    }
                }, Runnable::run);
                client.register(args[2], RunningAppliance.PASSWORD, null).get(60, TimeUnit.SECONDS);
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = stdin.readLine(); line != null && !line.equals("stop"); line = stdin.readLine()) {
                    if (line.startsWith("send ")) {
                        String text = line.substring("send ".length());
                        ChatEntry stored = client.delivered(client.sendText(Conversation.GROUP, text)).get(60, TimeUnit.SECONDS);
                        ChildEvent.emit("acked", "text", text, "seq", stored.seq());
                    }
                }
            }
        }
    }
}
