package org.lanchat.appliance.lan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.locate.ApplianceLocator;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.locate.LocateResult;
import org.lanchat.discovery.locate.LocatedAppliance;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.PinnedConnection;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Child process: a chat client on a test host, doing what the desktop client does before anyone types:
 * find the appliance by mDNS, check its certificate against the pin (pinning it on first contact), and
 * only then log in — here by registering — and chat.
 *
 * <pre>INTERFACE DATA_DIR USERNAME send TEXT | receive</pre>
 *
 * Events: {@code located foundBy= name=}, {@code trusted code= first=}, {@code logged-in}; then
 * {@code sent seq=} or {@code received from= text=}; or {@code refused reason= expected= actual=}.
 */
public final class ChatClientChild {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    private ChatClientChild() {
    }

    public static void main(String[] args) throws Exception {
        String iface = args[0];
        Path data = Path.of(args[1]);
        String username = args[2];
        String role = args[3];
        try (ApplianceBrowser browser = ApplianceBrowser.start(InterfaceSelection.only(iface))) {
            ApplianceLocator locator = new ApplianceLocator(browser, new LastGoodStore(data), Optional.empty(),
                    Duration.ofSeconds(30), Duration.ofSeconds(5));
            LocateResult result = locator.locate();
            LocatedAppliance located = result.appliance().orElseThrow(() ->
                    new IllegalStateException("not found: " + String.join(" | ", result.attempts())));
            ChildEvent.emit("located", "foundBy", located.foundBy(), "name", located.name());
            try (PinnedConnection connection = new TlsPinCheck(PinStore.open(data), Duration.ofSeconds(10))
                    .connect(located.trustTarget())) {
                ChildEvent.emit("trusted", "code", connection.fingerprint().shortCode(), "first", connection.firstContact());
                chat(connection, username, role, role.equals("send") ? args[4] : null);
                locator.rememberWorking(located, located.addresses().getFirst());
            } catch (CertificateMismatchException e) {
                ChildEvent.emit("refused", "reason", e.reason(), "expected", e.expectedShortCode(),
                        "actual", e.actualShortCode());
            }
        }
    }

    private static void chat(PinnedConnection connection, String username, String role, String text) throws IOException {
        OutputStream out = connection.socket().getOutputStream();
        FrameReader in = new FrameReader(connection.socket().getInputStream(), FrameLimits.DEFAULT);
        send(out, new SessionRequest.Hello("1", Protocol.VERSION, "lan test client"));
        expect(in, SessionMessage.Welcome.class);
        send(out, new SessionRequest.Register("2", username, "correct horse battery", null));
        expect(in, SessionMessage.SessionStarted.class);
        ChildEvent.emit("logged-in", "user", username);
        if (role.equals("send")) {
            send(out, new Posting.Send("3", UUID.randomUUID().toString(), Conversation.GROUP, text, null));
            ConversationMessage.Ack ack = expect(in, ConversationMessage.Ack.class);
            ChildEvent.emit("sent", "seq", ack.seq());
        } else {
            ConversationMessage.ChatMessage message = expect(in, ConversationMessage.ChatMessage.class);
            ChildEvent.emit("received", "from", message.from(), "text", message.text());
        }
    }

    private static void send(OutputStream out, ClientMessage message) throws IOException {
        out.write(CODEC.encodeFrame(message));
        out.flush();
    }

    /** Reads until a message of the wanted type arrives, skipping roster and presence pushes. */
    private static <T extends ServerMessage> T expect(FrameReader in, Class<T> type) throws IOException {
        while (true) {
            ServerMessage m = CODEC.decodeServer(in.next().orElseThrow(() -> new IOException("connection closed")));
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            if (m instanceof SessionMessage.Error error) {
                throw new IOException("appliance refused: " + error.code().wireName() + " " + error.message());
            }
        }
    }
}
