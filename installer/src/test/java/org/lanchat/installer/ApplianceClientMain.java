package org.lanchat.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.appliance.testing.Images;
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
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Child process on another host of the test LAN: a client of the installed appliance that, like the
 * desktop client, finds it by mDNS, checks its certificate against the pin kept in {@code DATA_DIR}
 * (pinning it on first contact) and only then sends a password. Each step opens its own connection and
 * keeps it open until the process ends, so the admin commands see them.
 *
 * <pre>INTERFACE DATA_DIR STEP...   STEP = register:USER | register-with-avatar:USER | login:USER | hold</pre>
 *
 * Events: {@code located foundBy= name=}; {@code trusted code= first=} (or {@code refused expected= actual=});
 * per step {@code step kind= user= outcome=session|<error code> avatar=generated|uploaded bytes=};
 * {@code holding} (then it waits for a line on stdin); {@code done}.
 */
public final class ApplianceClientMain {
    static final String PASSWORD = "correct horse battery";
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    private ApplianceClientMain() {
    }

    public static void main(String[] args) throws Exception {
        String iface = args[0];
        Path data = Path.of(args[1]);
        List<PinnedConnection> open = new ArrayList<>();
        try (ApplianceBrowser browser = ApplianceBrowser.start(InterfaceSelection.only(iface))) {
            ApplianceLocator locator = new ApplianceLocator(browser, new LastGoodStore(data), Optional.empty(),
                    Duration.ofSeconds(40), Duration.ofSeconds(5));
            LocateResult result = locator.locate();
            LocatedAppliance located = result.appliance().orElseThrow(() ->
                    new IllegalStateException("not found: " + String.join(" | ", result.attempts())));
            ChildEvent.emit("located", "foundBy", located.foundBy(), "name", located.name());
            TlsPinCheck pins = new TlsPinCheck(PinStore.open(data), Duration.ofSeconds(10));
            for (int i = 2; i < args.length; i++) {
                if (args[i].equals("hold")) {
                    ChildEvent.emit("holding");
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    continue;
                }
                String kind = args[i].substring(0, args[i].indexOf(':'));
                String user = args[i].substring(args[i].indexOf(':') + 1);
                PinnedConnection connection;
                try {
                    connection = pins.connect(located.trustTarget());
                } catch (CertificateMismatchException e) {
                    ChildEvent.emit("refused", "expected", e.expectedShortCode(), "actual", e.actualShortCode());
                    return;
                }
                open.add(connection);
                ChildEvent.emit("trusted", "code", connection.fingerprint().shortCode(), "first", connection.firstContact());
                step(connection, kind, user);
            }
            ChildEvent.emit("done");
        } finally {
            for (PinnedConnection connection : open) {
                connection.close();
            }
        }
    }

    private static void step(PinnedConnection connection, String kind, String user) throws IOException {
        OutputStream out = connection.socket().getOutputStream();
        FrameReader in = new FrameReader(connection.socket().getInputStream(), FrameLimits.DEFAULT);
        send(out, new SessionRequest.Hello("1", Protocol.VERSION, "lanchat installation test"));
        reply(in, "1");
        ClientMessage login = switch (kind) {
            case "register" -> new SessionRequest.Register("2", user, PASSWORD, null);
            // A real PNG: the appliance decodes and re-encodes it with the runtime's ImageIO.
            case "register-with-avatar" -> new SessionRequest.Register("2", user, PASSWORD, Images.real("png", 200, 150));
            case "login" -> new SessionRequest.Login("2", user, PASSWORD, null);
            default -> throw new IllegalArgumentException("unknown step " + kind);
        };
        send(out, login);
        ServerMessage answer = reply(in, "2");
        if (answer instanceof SessionMessage.Error error) {
            ChildEvent.emit("step", "kind", kind, "user", user, "outcome", error.code().wireName());
            return;
        }
        // Uploaded avatars come back re-encoded; users without one get a pattern drawn by the appliance.
        send(out, new ProfileRequest.GetAvatar("3", user, null));
        ProfileMessage.Avatar avatar = (ProfileMessage.Avatar) reply(in, "3");
        ChildEvent.emit("step", "kind", kind, "user", ((SessionMessage.SessionStarted) answer).username(), "outcome", "session",
                "avatar", avatar.generated() ? "generated" : "uploaded", "type", avatar.contentType(), "bytes", avatar.image().length);
    }

    private static void send(OutputStream out, ClientMessage message) throws IOException {
        out.write(CODEC.encodeFrame(message));
        out.flush();
    }

    /** The reply to request {@code id}, skipping the roster and presence pushes in between. */
    private static ServerMessage reply(FrameReader in, String id) throws IOException {
        while (true) {
            ServerMessage m = CODEC.decodeServer(in.next().orElseThrow(() -> new IOException("connection closed")));
            if (Optional.of(id).equals(m.replyId())) {
                return m;
            }
        }
    }
}
