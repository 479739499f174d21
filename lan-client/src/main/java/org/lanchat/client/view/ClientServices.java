package org.lanchat.client.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.discovery.trust.PinStore;

/**
 * Everything one run of the app uses, wired once: the client's home on this computer (data directory, pins,
 * discovery, trust, diagnostics; shared with every other client program), the emoji set, and a background
 * executor for blocking work. Opening and closing block (files, discovery's sockets): never on the FX thread.
 *
 * @param initialAddress an address given on the command line ({@code --appliance=host:port}); the start
 *                       window connects to it straight away
 */
public record ClientServices(ClientHome home, EmojiCatalog emoji, ExecutorService background, Optional<String> initialAddress)
        implements AutoCloseable {

    /**
     * @param discovery whether to browse the LAN (off for tests and when only a typed address is wanted)
     */
    public static ClientServices open(Path dataDir, boolean discovery, Optional<String> initialAddress,
            ClientOptions options) throws IOException {
        return open(dataDir, discovery, initialAddress, options, ProvisionedTrust.load(List.of()));
    }

    /** @param provisioned the administrator's trust: the system-wide file and {@code --trust} */
    public static ClientServices open(Path dataDir, boolean discovery, Optional<String> initialAddress,
            ClientOptions options, ProvisionedTrust provisioned) throws IOException {
        ClientHome home = ClientHome.open(dataDir, discovery, options, provisioned);
        try {
            return new ClientServices(home, EmojiCatalog.load(),
                    Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-background-", 0).factory()),
                    initialAddress);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    public PinStore pins() {
        return home.pins();
    }

    public ApplianceDirectory directory() {
        return home.directory();
    }

    public ProvisionedTrust provisioned() {
        return home.provisioned();
    }

    public TrustService trust() {
        return home.trust();
    }

    public DiagnosticsService diagnostics() {
        return home.diagnostics();
    }

    /** A client for the chosen appliance; it follows the appliance to a new address on reconnect. */
    public ChatClient clientFor(ApplianceChoice choice) {
        return home.clientFor(choice);
    }

    @Override
    public void close() {
        home.close();
        background.shutdownNow();
    }
}
