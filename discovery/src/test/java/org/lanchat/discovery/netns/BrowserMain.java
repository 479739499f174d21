package org.lanchat.discovery.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.DiscoveredAppliance;

/**
 * Child process: a browsing client. {@code --interfaces lan2 [--ipv6] [--rescan-ms N]}.
 *
 * Events: {@code browsing}, then {@code added|updated|removed name= addrs= port= id= fp= proto= txt=}, where
 * {@code txt} is the TXT record in the order received, {@code k=v;k=v}; and {@code peers seen=} whenever the
 * peers in peer mode may have changed, {@code name@address:port:fp} each, comma-separated. Reads {@code stop} on
 * stdin.
 */
public final class BrowserMain {
    private BrowserMain() {
    }

    public static void main(String[] arguments) throws IOException {
        Args args = new Args(arguments);
        ApplianceBrowser browser = ApplianceBrowser.start(args.interfaces());
        browser.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                emit("added", appliance);
            }

            @Override
            public void updated(DiscoveredAppliance appliance) {
                emit("updated", appliance);
            }

            @Override
            public void removed(DiscoveredAppliance appliance) {
                emit("removed", appliance);
            }
        });
        browser.addPeerListener(() -> ChildEvent.emit("peers", "seen", browser.peers().stream()
                .map(peer -> peer.name() + "@" + peer.address().getHostAddress() + ":" + peer.port() + ":" + peer.appliance().hex())
                .sorted().collect(Collectors.joining(","))));
        ChildEvent.emit("browsing", "on", String.join(",", browser.status().listeningOn()));
        Runtime.getRuntime().addShutdownHook(new Thread(browser::close, "browser-main-shutdown"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            if (line.equals("list")) {
                ChildEvent.emit("list", "names", browser.appliances().stream().map(DiscoveredAppliance::name)
                        .collect(Collectors.joining(",")));
            }
        }
        System.exit(0);
    }

    static void emit(String type, DiscoveredAppliance appliance) {
        ChildEvent.emit(type, "name", appliance.name(),
                "addrs", appliance.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")),
                "port", appliance.port(), "id", appliance.applianceId().value(), "fp", appliance.fingerprint().hex(),
                "proto", appliance.protocolVersion(),
                "txt", appliance.txt().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(";")));
    }
}
