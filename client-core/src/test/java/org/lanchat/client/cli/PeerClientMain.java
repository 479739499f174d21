package org.lanchat.client.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;

/**
 * Child process: a colleague's desktop app without the screen, on a test host: the client core as the app wires
 * it (its home in DATA_DIR, discovery on, peer links on every address), logged in to the appliance that
 * {@code lanchat register} left as the last one used there.
 *
 * <pre>DATA_DIR USER PASSWORD</pre>
 *
 * Events: {@code online}, {@code peers known=} (whenever the appliance's list changes), {@code peer-mode
 * active= reachable=}, {@code message text= seq= delivery= from= conversation=} (each message added or changed).
 * Reads {@code send TEXT} (to the group), {@code sendto USER TEXT} and {@code stop} on stdin.
 */
public final class PeerClientMain {
    private PeerClientMain() {
    }

    public static void main(String[] args) throws Exception {
        ClientOptions options = ClientOptions.DEFAULTS.withPeerLinks(new InetSocketAddress(0));
        try (ClientHome home = ClientHome.open(Path.of(args[0]), true, options)) {
            ApplianceChoice appliance = home.directory().lastGood()
                    .orElseThrow(() -> new IllegalStateException("register with lanchat in " + args[0] + " first"));
            ChatClient client = home.clientFor(appliance, options);
            client.addListener(event -> {
                switch (event) {
                    case ClientEvent.PeerModeChanged changed -> ChildEvent.emit("peer-mode", "active", changed.active(),
                            "reachable", String.join(",", changed.reachable()));
                    case ClientEvent.MessageAdded added -> message(added.entry());
                    case ClientEvent.MessageUpdated updated -> message(updated.entry());
                    default -> {
                    }
                }
            }, Runnable::run);
            client.login(args[1], args[2]).get(60, TimeUnit.SECONDS);
            ChildEvent.emit("online");
            Thread.ofPlatform().daemon().name("peer-client-peers").start(() -> reportPeers(client));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.startsWith("send ")) {
                    client.sendText(Conversation.GROUP, line.substring("send ".length()));
                } else if (line.startsWith("sendto ")) {
                    String[] toAndText = line.substring("sendto ".length()).split(" ", 2);
                    client.sendText(Conversation.with(toAndText[0]), toAndText[1]);
                }
            }
            client.close();
        }
        ChildEvent.emit("closed");
        System.exit(0);
    }

    private static void message(ChatEntry entry) {
        ChildEvent.emit("message", "text", entry.text(), "seq", entry.seq(), "delivery", entry.delivery(),
                "from", entry.from(), "conversation", entry.conversation().value());
    }

    /** The client core has no event for the appliance's list of peers; a child process may look now and then. */
    private static void reportPeers(ChatClient client) {
        String last = null;
        while (true) {
            List<PeerAddress> peers = client.knownPeers().join();
            String known = String.join(",", peers.stream().map(PeerAddress::username).sorted().toList());
            if (!known.equals(last)) {
                ChildEvent.emit("peers", "known", known);
                last = known;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
