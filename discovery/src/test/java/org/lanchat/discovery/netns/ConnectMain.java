package org.lanchat.discovery.netns;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.locate.ApplianceLocator;
import org.lanchat.discovery.locate.HostPort;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.locate.LocateResult;
import org.lanchat.discovery.locate.LocatedAppliance;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.PinnedConnection;
import org.lanchat.discovery.trust.TlsPinCheck;

/**
 * Child process: one connection attempt the way the client will make it. Locates the appliance
 * (discovery, cached, typed), connects with the pin check, and only then sends {@code PING} (standing in
 * for hello and login until the real appliance is wired in).
 *
 * <pre>--interfaces lan3 --data DIR [--manual host:port] [--discovery-ms N]</pre>
 *
 * Events: {@code located foundBy= name= addr=} or {@code not-found attempts=}; then {@code trusted decision=
 * code=} and {@code pong reply=}, or {@code refused reason= expected= actual= message=}.
 */
public final class ConnectMain {
    private ConnectMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        Path data = Path.of(args.get("data"));
        Optional<HostPort> manual = args.flag("manual") ? Optional.of(HostPort.parse(args.get("manual"), 7447))
                : Optional.empty();
        try (ApplianceBrowser browser = ApplianceBrowser.start(args.interfaces())) {
            ApplianceLocator locator = new ApplianceLocator(browser, new LastGoodStore(data), manual,
                    Duration.ofMillis(Long.parseLong(args.get("discovery-ms", "5000"))), Duration.ofSeconds(2));
            LocateResult result = locator.locate();
            if (result.appliance().isEmpty()) {
                ChildEvent.emit("not-found", "attempts", String.join(" | ", result.attempts()));
                return;
            }
            LocatedAppliance located = result.appliance().get();
            ChildEvent.emit("located", "foundBy", located.foundBy(), "name", located.name(),
                    "addr", located.addresses().getFirst().getAddress().getHostAddress());
            TlsPinCheck check = new TlsPinCheck(PinStore.open(data), Duration.ofSeconds(5));
            try (PinnedConnection connection = check.connect(located.trustTarget())) {
                ChildEvent.emit("trusted", "decision", connection.decision().getClass().getSimpleName(),
                        "code", connection.fingerprint().shortCode());
                OutputStream out = connection.socket().getOutputStream();
                out.write("PING\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(connection.socket().getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                locator.rememberWorking(located, located.addresses().getFirst());
                // Last: the test moves on (and may delete the data directory) once it sees the outcome.
                ChildEvent.emit("pong", "reply", reply);
            } catch (CertificateMismatchException e) {
                ChildEvent.emit("refused", "reason", e.reason(), "expected", e.expectedShortCode(),
                        "actual", e.actualShortCode(), "message", e.getMessage());
            }
        }
    }
}
