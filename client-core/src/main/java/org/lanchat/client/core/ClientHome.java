package org.lanchat.client.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.LanApplianceDirectory;
import org.lanchat.client.core.appliance.LanDiagnostics;
import org.lanchat.client.core.appliance.PinTrustService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's home on this computer, wired once: the data directory with the trusted certificates, the
 * appliance that worked last and the device cookies; discovery on the LAN, the trust decisions and the
 * diagnostics; and a {@link ChatClient} for the appliance chosen. Every client program on the computer (the desktop app, the
 * command line) starts here with the same directory, so an appliance trusted in one is trusted in all.
 * Opening and closing block (files, discovery's sockets).
 *
 * @param directory the appliances to choose from: discovered, remembered, typed
 * @param trust       first-contact and changed-certificate decisions, on the short code
 * @param provisioned the administrator's trust ({@code /etc/lanchat/trusted-appliances}, {@code --trust}); when
 *                    it is provisioned, nothing else can be trusted
 */
public record ClientHome(Path dataDir, PinStore pins, DeviceCookies cookies, ApplianceDirectory directory,
        TrustService trust, DiagnosticsService diagnostics, ClientOptions options, ProvisionedTrust provisioned)
        implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientHome.class);
    private static final Duration TLS_TIMEOUT = Duration.ofSeconds(10);
    /** How long the diagnostics listen for multicast answers when discovery has heard none yet. */
    private static final Duration DIAGNOSTICS_LISTEN = Duration.ofSeconds(3);
    private static final Duration DIAGNOSTICS_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param discovery whether to browse the LAN (off for tests, and when only a typed address is wanted); if
     *                  it cannot start, the last appliance and typed addresses still work
     */
    public static ClientHome open(Path dataDir, boolean discovery, ClientOptions options) throws IOException {
        return open(dataDir, discovery, options, ProvisionedTrust.load(List.of()));
    }

    /**
     * As {@link #open(Path, boolean, ClientOptions)}, with the administrator's trust given, e.g.
     * {@code ProvisionedTrust.load(trustArguments)}.
     */
    public static ClientHome open(Path dataDir, boolean discovery, ClientOptions options, ProvisionedTrust provisioned)
            throws IOException {
        OwnerOnly.directory(dataDir);
        PinStore pins = PinStore.open(dataDir);
        Optional<ApplianceBrowser> browser = Optional.empty();
        if (discovery) {
            try {
                browser = Optional.of(ApplianceBrowser.start(InterfaceSelection.automatic()));
            } catch (RuntimeException e) {
                log.warn("Discovery could not start ({}); typed addresses and the last appliance still work", e.toString());
            }
        }
        LanApplianceDirectory directory = new LanApplianceDirectory(browser, new LastGoodStore(dataDir));
        return new ClientHome(dataDir, pins, DeviceCookies.open(dataDir), directory,
                new PinTrustService(pins, provisioned, directory::onNetwork, TLS_TIMEOUT),
                new LanDiagnostics(browser, pins, DIAGNOSTICS_LISTEN, DIAGNOSTICS_TIMEOUT), options, provisioned);
    }

    /** The data directory when none is given: {@code $XDG_DATA_HOME/lanchat} or {@code ~/.local/share/lanchat}. */
    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * {@code ~} is {@code $HOME} where it is set, as in the shell and the appliance, and the account's home directory
     * only where it is not: Java's {@code user.home} comes from the account database, so {@code HOME=... lanchat} (or
     * {@code sudo -E}) kept its sign-in in the wrong home.
     */
    static Path defaultDataDir(Map<String, String> environment, String accountHome) {
        String xdg = environment.get("XDG_DATA_HOME");
        String home = environment.get("HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home != null && !home.isBlank() ? home : accountHome, ".local", "share");
        return base.resolve("lanchat");
    }

    /**
     * A client for the chosen appliance, not yet logged in. It completes the TLS handshake only with a
     * certificate this computer trusts ({@link #trust()} first), and follows the appliance to a new address on
     * reconnect.
     */
    public ChatClient clientFor(ApplianceChoice choice) {
        return clientFor(choice, options);
    }

    /** {@link #clientFor(ApplianceChoice)} with other tuning than this home's (peer links for a listener, say). */
    public ChatClient clientFor(ApplianceChoice choice, ClientOptions clientOptions) {
        return new ChatClient(new PinnedConnector(pins, provisioned, new TlsPinCheck(pins, TLS_TIMEOUT),
                directory.follow(choice)), clientOptions, cookies, new PeerSupport(peerStore(), peerDiscovery()));
    }

    /**
     * Who is signed in to which appliance on this computer, shared by every client program that uses this data
     * directory. Reading it blocks (a small file).
     */
    public SignInStore signIns() {
        return new SignInStore(dataDir);
    }

    /** What this computer keeps for chatting directly while the appliance is away (PROTOCOL.md §10). */
    public PeerAssistStore peerStore() {
        return new PeerAssistStore(dataDir);
    }

    /** Colleagues in peer mode found on the LAN, where discovery runs. */
    PeerDiscovery peerDiscovery() {
        return directory.browser().<PeerDiscovery>map(b -> new LanPeerDiscovery(b, InterfaceSelection.automatic()))
                .orElse(PeerDiscovery.NONE);
    }

    /** Stops discovery. Clients made here are closed by whoever made them. */
    @Override
    public void close() {
        directory.close();
    }
}
