package org.lanchat.appliance;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.lanchat.appliance.account.AccountService;
import org.lanchat.appliance.account.HashingGate;
import org.lanchat.appliance.account.LoginThrottle;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.admin.LiveView;
import org.lanchat.appliance.avatar.AvatarProcessor;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.avatar.DefaultAvatars;
import org.lanchat.appliance.chat.ChatService;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.chat.Stickers;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.net.ApplianceServer;
import org.lanchat.appliance.net.RosterFrame;
import org.lanchat.appliance.net.Services;
import org.lanchat.appliance.relay.LocalRouter;
import org.lanchat.appliance.relay.PresenceHub;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.lanchat.appliance.tls.CertificateStore;
import org.lanchat.discovery.ApplianceAdvertiser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.ServiceDescription;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.ServerMessage.Presence;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running appliance: every part wired together, started in dependency order and stopped in reverse.
 * {@link #start} returns once the listener is accepting; {@link #close} is the orderly shutdown that
 * SIGTERM triggers (stop accepting, commit what is queued, tell clients, close the pool). As a
 * {@link LiveView} it answers the admin commands about who is connected.
 */
public final class Appliance implements AutoCloseable, LiveView {
    private static final Logger log = LoggerFactory.getLogger(Appliance.class);
    /**
     * A history page can be a megabyte three times over (rows, JSON, frame): when many clients catch up
     * at once, as after a restart, only this many are built or on their way out at a time so the heap
     * holds. The permits are handed out in arrival order: with dozens of clients asking page after page,
     * an unfair semaphore lets some of them wait past any client's patience while others race ahead.
     */
    private static final int HISTORY_PAGES_AT_ONCE = 4;
    /** How often coalesced presence changes are announced. */
    static final Duration PRESENCE_INTERVAL = Duration.ofMillis(200);

    private final ApplianceConfig config;
    private final ApplianceIdentity identity;
    private final Database database;
    private final MessageLog messageLog;
    private final ApplianceServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService housekeeping;
    private final SessionRegistry registry;
    private final ApplianceAdvertiser advertiser;
    private final int port;
    private volatile boolean closed;

    private Appliance(ApplianceConfig config, ApplianceIdentity identity, Database database, MessageLog messageLog,
                      ApplianceServer server, ExecutorService workers, ScheduledExecutorService housekeeping,
                      SessionRegistry registry, ApplianceAdvertiser advertiser, int port) {
        this.config = config;
        this.identity = identity;
        this.database = database;
        this.messageLog = messageLog;
        this.server = server;
        this.workers = workers;
        this.housekeeping = housekeeping;
        this.registry = registry;
        this.advertiser = advertiser;
        this.port = port;
    }

    public static Appliance start(ApplianceConfig config) throws IOException, InterruptedException {
        log.info("Starting LAN Chat appliance {} with {}", version(), config);
        ApplianceIdentity identity = new CertificateStore(config.dataDir()).loadOrCreate(config.name());
        CertificateFingerprint fingerprint = identity.fingerprint();
        log.info("Certificate fingerprint SHA-256 {} (short code {})", fingerprint.colonHex(), fingerprint.shortCode());
        // Read before anything is opened, so a damaged id file stops the start with nothing to clean up.
        ApplianceId applianceId = config.advertise() ? ApplianceId.loadOrCreate(config.dataDir()) : null;

        Database database = Database.open(config.effectiveDatabaseUrl(), config.databaseUser(), config.databasePassword());
        UserStore users = new UserStore(database);
        MessageStore messages = new MessageStore(database);
        UserDirectory directory = new UserDirectory(users);
        directory.loadAll();

        MessageCodec codec = new MessageCodec(new FrameLimits(config.maxFrameBytes()));
        MessageViews views = new MessageViews(directory);
        PresenceHub presence = new PresenceHub();
        SessionRegistry registry = new SessionRegistry(presence);
        LocalRouter router = new LocalRouter(registry, codec, views);
        MessageLog messageLog = new MessageLog(messages, registry::isOnline, router::route,
                System::currentTimeMillis, 1000, 100_000);
        messageLog.start();

        AvatarService avatars = new AvatarService(new AvatarStore(database), new AvatarProcessor(), new DefaultAvatars(),
                System::currentTimeMillis);
        AccountService accounts = new AccountService(users, new SessionStore(database), directory, avatars,
                new PasswordHasher(), new HashingGate(config.maxConcurrentHashes(), 256, 10_000),
                new LoginThrottle(System::currentTimeMillis), System::currentTimeMillis);
        ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-worker-", 0).factory());

        ServerMessage.Welcome welcome = new ServerMessage.Welcome(null, Protocol.VERSION, config.name(), version(),
                new ServerMessage.Limits(config.maxFrameBytes(), ChatService.MAX_TEXT_CHARS, AvatarProcessor.MAX_UPLOAD_BYTES,
                        AvatarProcessor.SIZE, ChatService.HISTORY_PAGE_MAX, (int) config.idleTimeout().toSeconds()),
                Stickers.ALL);
        Services services = new Services(codec, welcome, accounts, directory, new ChatService(directory, messages, views),
                views, messages, avatars, messageLog, registry, presence,
                new RosterFrame(presence, codec), new Semaphore(HISTORY_PAGES_AT_ONCE, true), workers, config.loginTimeout(),
                config.maxOutboundBytes());
        ApplianceServer server = new ApplianceServer(new ApplianceServer.Settings(config.bindAddress(), config.port(),
                config.insecurePlaintext() ? null : tls(identity), codec.limits(), config.ioThreads(),
                config.idleTimeout(), config.handshakeTimeout()), services);
        if (config.insecurePlaintext()) {
            log.warn("*** --insecure-plaintext: connections are NOT encrypted and passwords cross the network in clear. "
                    + "Use only for load tests on loopback. ***");
        }
        int port = server.start();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanchat-housekeeping").daemon(true).factory());
        housekeeping.scheduleWithFixedDelay(() -> announcePresence(presence, router),
                PRESENCE_INTERVAL.toMillis(), PRESENCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        SessionStore sessions = new SessionStore(database);
        housekeeping.scheduleWithFixedDelay(() -> expireSessions(sessions), 1, 60, TimeUnit.MINUTES);

        ApplianceAdvertiser advertiser;
        try {
            advertiser = applianceId == null ? null : advertise(config, port, fingerprint, applianceId);
        } catch (IOException | RuntimeException e) {
            // Release the listener, the writer and the pool, so a retry (or the next test) starts clean.
            new Appliance(config, identity, database, messageLog, server, workers, housekeeping, registry, null, port).close();
            throw e;
        }
        log.info("LAN Chat appliance \"{}\" ready on port {} ({} accounts)", config.name(), port, directory.size());
        return new Appliance(config, identity, database, messageLog, server, workers, housekeeping, registry, advertiser, port);
    }

    /** Starts announcing the appliance over mDNS/DNS-SD; interfaces that come up later are picked up too. */
    private static ApplianceAdvertiser advertise(ApplianceConfig config, int port, CertificateFingerprint fingerprint,
                                                 ApplianceId applianceId) throws IOException {
        ServiceDescription description = new ServiceDescription(config.name(), port, Protocol.VERSION, applianceId,
                fingerprint);
        // IPv4 only. Every responder's socket is bound to the wildcard address on port 5353, and the kernel
        // hands a query sent straight to that port (RFC 6762 5.5, what dig and other unicast tools send) to
        // one of them: an IPv6 responder that happened to be bound last drops every IPv4 query it gets. Office
        // clients reach the appliance over IPv4, and its listener still accepts IPv6 connections.
        InterfaceSelection interfaces = (config.interfaces().isEmpty()
                ? InterfaceSelection.automatic() : InterfaceSelection.only(config.interfaces())).withIpv6(false);
        ApplianceAdvertiser advertiser = ApplianceAdvertiser.start(description, interfaces);
        log.info("Advertising \"{}\" as {} on {}", config.name(), Protocol.SERVICE_TYPE,
                config.interfaces().isEmpty() ? "every suitable interface" : config.interfaces());
        return advertiser;
    }

    public int port() {
        return port;
    }

    public ApplianceConfig config() {
        return config;
    }

    public CertificateFingerprint fingerprint() {
        return identity.fingerprint();
    }

    public ApplianceIdentity identity() {
        return identity;
    }

    /** Logged-in connections. */
    public int sessionCount() {
        return registry.connectionCount();
    }

    @Override
    public boolean running() {
        return !closed;
    }

    @Override
    public int connections() {
        return registry.connectionCount();
    }

    @Override
    public List<String> onlineUsernames() {
        return registry.onlineUsernames();
    }

    /** Sends each of the account's connections a {@code bye} ({@code account_disabled}), then closes it. */
    @Override
    public int disconnect(long userId, String message) {
        return registry.disconnectUser(userId, ErrorCode.ACCOUNT_DISABLED, message);
    }

    /** A liveness check for the service watchdog: accepting, the database answers, the writer keeps up. */
    public boolean isHealthy() {
        return !closed && server.isAccepting() && database.isReachable();
    }

    /** The advertiser, or null when advertising is off. */
    public ApplianceAdvertiser advertiser() {
        return advertiser;
    }

    public MessageLog messageLog() {
        return messageLog;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Shutting down: no new connections");
        if (advertiser != null) {
            advertiser.close(); // goodbye packets: browsers drop us now rather than when the records expire
        }
        server.stopAccepting();
        messageLog.close(); // commits and acknowledges everything already accepted
        server.disconnectAll("the appliance is shutting down");
        housekeeping.shutdownNow();
        server.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        log.info("Shut down cleanly");
    }

    public static String version() {
        try (InputStream in = Appliance.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("$") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * TLS 1.3 through BoringSSL (netty-tcnative) where its native library loads: handshakes and record
     * encryption cost a fraction of the JDK's, which is what a reconnect storm after a restart and
     * encrypted fan-out spend their time on. The JDK's own TLS is the fallback.
     */
    private static SslContext tls(ApplianceIdentity identity) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.info("TLS through the JDK: BoringSSL is not available here ({})", OpenSsl.unavailabilityCause().toString());
        } else {
            log.info("TLS through {}", OpenSsl.versionString());
        }
        return SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
                .sslProvider(provider)
                .protocols("TLSv1.3")
                .build();
    }

    private static void announcePresence(PresenceHub presence, LocalRouter router) {
        try {
            Presence change = presence.flush();
            if (change != null) {
                router.broadcastEvent(change);
            }
        } catch (RuntimeException e) {
            log.warn("Announcing presence failed", e);
        }
    }

    private static void expireSessions(SessionStore sessions) {
        try {
            int removed = sessions.deleteExpired(System.currentTimeMillis());
            if (removed > 0) {
                log.info("Expired {} resume tokens", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Expiring resume tokens failed: {}", e.getMessage());
        }
    }
}
