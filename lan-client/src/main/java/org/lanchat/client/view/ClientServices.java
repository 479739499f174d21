package org.lanchat.client.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.LanDiagnostics;
import org.lanchat.client.core.appliance.LanApplianceDirectory;
import org.lanchat.client.core.appliance.PinTrustService;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.core.emoji.EmojiCatalog;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run of the app uses, wired once: the data directory with the pin store and the last
 * appliance, discovery, the trust service, the diagnostics, the emoji set, and a background executor for
 * blocking work. Opening and closing block (files, discovery's sockets): never on the FX thread.
 *
 * @param initialAddress an address given on the command line ({@code --appliance=host:port}); the start
 *                       window connects to it straight away
 */
public record ClientServices(Path dataDir, PinStore pins, ApplianceDirectory directory, TrustService trust,
        DiagnosticsService diagnostics, EmojiCatalog emoji, ExecutorService background, ClientOptions options, Optional<String> initialAddress)
        implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientServices.class);
    private static final Duration TLS_TIMEOUT = Duration.ofSeconds(10);
    /** How long the diagnostics listen for multicast answers when discovery has heard none yet. */
    private static final Duration DIAGNOSTICS_LISTEN = Duration.ofSeconds(3);
    private static final Duration DIAGNOSTICS_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param discovery whether to browse the LAN (off for tests and when only a typed address is wanted)
     */
    public static ClientServices open(Path dataDir, boolean discovery, Optional<String> initialAddress,
            ClientOptions options) throws IOException {
        Files.createDirectories(dataDir);
        PinStore pins = PinStore.open(dataDir);
        Optional<ApplianceBrowser> browser = Optional.empty();
        if (discovery) {
            try {
                browser = Optional.of(ApplianceBrowser.start(InterfaceSelection.automatic()));
            } catch (RuntimeException e) {
                log.warn("Discovery could not start ({}); typed addresses and the last appliance still work", e.toString());
            }
        }
        ApplianceDirectory directory = new LanApplianceDirectory(browser, new LastGoodStore(dataDir));
        DiagnosticsService diagnostics = new LanDiagnostics(browser, pins, DIAGNOSTICS_LISTEN, DIAGNOSTICS_TIMEOUT);
        return new ClientServices(dataDir, pins, directory, new PinTrustService(pins, TLS_TIMEOUT), diagnostics,
                EmojiCatalog.load(),
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-background-", 0).factory()), options,
                initialAddress);
    }

    /** The data directory when none is given: {@code $XDG_DATA_HOME/lanchat} or {@code ~/.local/share/lanchat}. */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("lanchat");
    }

    /** A client for the chosen appliance; it follows the appliance to a new address on reconnect. */
    public ChatClient clientFor(ApplianceChoice choice) {
        return new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, TLS_TIMEOUT), directory.follow(choice)), options);
    }

    @Override
    public void close() {
        directory.close();
        background.shutdownNow();
    }
}
