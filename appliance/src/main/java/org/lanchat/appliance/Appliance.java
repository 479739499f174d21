package org.lanchat.appliance;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.lanchat.appliance.account.AccountService;
import org.lanchat.appliance.account.ConfusableNames;
import org.lanchat.appliance.account.DeviceCookies;
import org.lanchat.appliance.account.HashingGate;
import org.lanchat.appliance.account.LoginThrottle;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.account.PeerCredentialIssuer;
import org.lanchat.appliance.account.Profiles;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.admin.LiveView;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.attachment.TransferTickets;
import org.lanchat.appliance.avatar.AvatarProcessor;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.avatar.DefaultAvatars;
import org.lanchat.appliance.chat.ChatService;
import org.lanchat.appliance.chat.DeliveryBudget;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.chat.ReadMarkBuffer;
import org.lanchat.appliance.chat.ReadMarkService;
import org.lanchat.appliance.chat.RelationRules;
import org.lanchat.appliance.chat.SearchService;
import org.lanchat.appliance.chat.Stickers;
import org.lanchat.appliance.cluster.ClusterRouter;
import org.lanchat.appliance.cluster.ClusterStatus;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.config.WritableDirectory;
import org.lanchat.appliance.core.Revocations;
import org.lanchat.appliance.files.PrivateFiles;
import org.lanchat.appliance.limits.ConnectionsPerAddress;
import org.lanchat.appliance.limits.Descriptors;
import org.lanchat.appliance.limits.OpenFiles;
import org.lanchat.appliance.limits.RegistrationsPerAddress;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.appliance.limits.RoomLimits;
import org.lanchat.appliance.limits.SearchLimits;
import org.lanchat.appliance.limits.SendLimits;
import org.lanchat.appliance.limits.TypingLimits;
import org.lanchat.appliance.net.ApplianceServer;
import org.lanchat.appliance.net.FrameBudget;
import org.lanchat.appliance.net.AttachmentRequests;
import org.lanchat.appliance.net.AvatarRequests;
import org.lanchat.appliance.net.ChatRequests;
import org.lanchat.appliance.net.ClientSessions;
import org.lanchat.appliance.net.DirectSubmissions;
import org.lanchat.appliance.net.HistoryPages;
import org.lanchat.appliance.net.OfflineMessages;
import org.lanchat.appliance.net.PeerRequests;
import org.lanchat.appliance.net.PresenceRequests;
import org.lanchat.appliance.net.ProfileRequests;
import org.lanchat.appliance.net.ReadRequests;
import org.lanchat.appliance.net.RoomRequests;
import org.lanchat.appliance.net.RosterFrame;
import org.lanchat.appliance.net.SearchRequests;
import org.lanchat.appliance.net.ServerTls;
import org.lanchat.appliance.net.SignIn;
import org.lanchat.appliance.net.TransferConnections;
import org.lanchat.appliance.relay.LocalRouter;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.appliance.relay.PresenceCadence;
import org.lanchat.appliance.relay.PresenceStates;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.room.RoomDirectory;
import org.lanchat.appliance.room.RoomPages;
import org.lanchat.appliance.room.RoomService;
import org.lanchat.appliance.store.AttachmentStore;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.DatabaseHealth;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.PeerKeyStore;
import org.lanchat.appliance.store.ReadBarrier;
import org.lanchat.appliance.store.PresenceStore;
import org.lanchat.appliance.store.ReadMarkStore;
import org.lanchat.appliance.store.RoomStore;
import org.lanchat.appliance.store.SearchStore;
import org.lanchat.appliance.store.journal.JournaledMessages;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.lanchat.appliance.tls.CertificateStore;
import org.lanchat.discovery.ApplianceAdvertiser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.ResponderStatus;
import org.lanchat.discovery.ServiceDescription;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.SessionMessage;
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
    /** History pages built or on their way out at once, appliance-wide (see {@link HistoryPages}). */
    private static final int HISTORY_PAGES_AT_ONCE = 4;
    /** Longer than probing and announcing take (under a second), with room for a name conflict or two. */
    private static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(10);
    /** How often coalesced presence changes are announced. */
    static final Duration PRESENCE_INTERVAL = Duration.ofMillis(200);
    /** How often buffered read marks are written: a client marks far more often than a mark needs saving. */
    static final Duration READ_MARK_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long the database may stay unusable before the watchdog is no longer fed. */
    public static final Duration DATABASE_RECOVERY_LIMIT = Duration.ofMinutes(2);

    private final ApplianceConfig config;
    private final ApplianceIdentity identity;
    private final Database database;
    /** In front of the embedded database (null on a MySQL server): closed after the last reader, before the database. */
    private final JournaledMessages journal;
    private final MessageLog messageLog;
    private final ApplianceServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService housekeeping;
    private final SessionRegistry registry;
    private final MessageRouter router;
    private final UserDirectory directory;
    private final ApplianceAdvertiser advertiser;
    private final ReadMarkBuffer readMarks;
    /** This appliance as a member of a cluster, or null when it serves alone. */
    private final ClusterRouter cluster;
    private final int port;
    /** The administrator's way to rooms (§7.23), which announces every change as the members' own do. */
    private final RoomService rooms;
    private volatile boolean closed;

    private Appliance(ApplianceConfig config, ApplianceIdentity identity, Database database, JournaledMessages journal,
                      MessageLog messageLog, ApplianceServer server, ExecutorService workers, ScheduledExecutorService housekeeping,
                      SessionRegistry registry, MessageRouter router, UserDirectory directory, ApplianceAdvertiser advertiser,
                      ReadMarkBuffer readMarks, ClusterRouter cluster, int port, RoomService rooms) {
        this.rooms = rooms;
        this.config = config;
        this.identity = identity;
        this.database = database;
        this.journal = journal;
        this.messageLog = messageLog;
        this.server = server;
        this.workers = workers;
        this.housekeeping = housekeeping;
        this.registry = registry;
        this.router = router;
        this.directory = directory;
        this.advertiser = advertiser;
        this.readMarks = readMarks;
        this.cluster = cluster;
        this.port = port;
    }

    public static Appliance start(ApplianceConfig config) throws IOException, InterruptedException {
        return start(config, System::currentTimeMillis);
    }

    /**
     * Starts the appliance with {@code clockMillis} as its wall clock (message times, session expiry, login
     * throttling), so a test can decide when a block for failed logins runs out instead of racing it.
     */
    public static Appliance start(ApplianceConfig config, LongSupplier clockMillis) throws IOException, InterruptedException {
        log.info("Starting LAN Chat appliance {} with {}", version(), config);
        WritableDirectory.require(config.dataDir(), "--data-dir");
        if (config.databaseUrl() == null && Files.isDirectory(config.embeddedDatabaseDirectory())) {
            WritableDirectory.requireWithFiles(config.embeddedDatabaseDirectory(), "--data-dir");
        }
        PrivateFiles.secureDirectory(config.dataDir());
        ApplianceIdentity ownIdentity = new CertificateStore(config.dataDir()).loadOrCreate(config.name());
        if (!config.clustered()) {
            log.info("Certificate fingerprint SHA-256 {} (short code {})", ownIdentity.fingerprint().colonHex(),
                    ownIdentity.fingerprint().shortCode());
        }
        // Read before anything is opened, so a damaged id file stops the start with nothing to clean up.
        ApplianceId ownId = config.advertise() ? ApplianceId.loadOrCreate(config.dataDir()) : null;
        DeviceCookies cookies = DeviceCookies.loadOrCreate(config.dataDir(), clockMillis);
        // Built while the database opens. A cluster member serves the cluster's certificate instead.
        CompletableFuture<SslContext> ownTls = config.insecurePlaintext() || config.clustered() ? null
                : ServerTls.buildInBackground(ownIdentity);

        Database database = Database.open(config.effectiveDatabaseUrl(), config.databaseUser(), config.databasePassword());
        log.info("Database ready ({})", database.embedded() ? "embedded H2" : "MySQL/MariaDB");
        PrivateFiles.secureDirectory(config.dataDir()); // the embedded database made its files with the process's umask
        UserStore users = new UserStore(database);
        MessageStore stored = new MessageStore(database);
        JournaledMessages journal;
        try {
            // Only this appliance writes the embedded database, so it may write it behind a journal of its own.
            journal = database.embedded() ? JournaledMessages.open(config.journalDirectory(), stored, database) : null;
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        ReadBarrier written = journal == null ? ReadBarrier.NONE : journal;
        MessageStore messages = stored.readingAfter(written);
        List<String> lookAlikes = users.fillMissingSkeletons(ConfusableNames::skeletons);
        if (!lookAlikes.isEmpty()) {
            log.info("Accounts registered before look-alike names were refused, whose names look like an older account's: {}."
                    + " They keep working; no new look-alike of them can be registered", lookAlikes);
        }
        UserDirectory directory = new UserDirectory(users);
        directory.loadAll();

        MessageCodec codec = new MessageCodec(new FrameLimits(config.maxFrameBytes()));
        MessageViews views = new MessageViews(directory::nameOf);
        DeliveryBudget budget = new DeliveryBudget(codec);
        if (!budget.carriesFiles()) {
            log.warn("--max-frame-bytes {} is too small for any message with a file (files need {}): uploads are taken,"
                    + " but every send of one is refused", config.maxFrameBytes(), DeliveryBudget.MIN_FRAME_FOR_FILES);
        }
        Revocations revocations = new Revocations();
        SessionRegistry registry = new SessionRegistry(revocations);
        PresenceStore presenceStore = new PresenceStore(database);
        PresenceStates presenceStates = new PresenceStates(presenceStore.all());
        LocalRouter localRouter = new LocalRouter(registry, codec, views, directory::cachedDisplayName, presenceStates);
        RoomStore roomStore = new RoomStore(database);
        RoomDirectory roomDirectory = new RoomDirectory(roomStore);
        localRouter.serveRooms(roomDirectory); // before a cluster member relays the first message
        ClusterMembership membership;
        try {
            membership = config.clustered() ? ClusterMembership.join(config, database, ownIdentity, ownId, registry,
                    localRouter, messages, users, directory, clockMillis) : null;
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        ClusterRouter cluster = membership == null ? null : membership.router();
        ApplianceIdentity identity = membership == null ? ownIdentity : membership.identity();
        ApplianceId applianceId = membership == null ? ownId : membership.applianceId();
        CertificateFingerprint fingerprint = identity.fingerprint();
        MessageRouter router = cluster != null ? cluster : localRouter;
        MessageLog messageLog = new MessageLog(journal == null ? messages : journal, router::isOnline, router::route,
                cluster != null ? cluster : MessageLog.CommitWatcher.NONE, clockMillis, 1000, 100_000);
        messageLog.start();

        AvatarService avatars = new AvatarService(new AvatarStore(database), new AvatarProcessor(), new DefaultAvatars(),
                clockMillis);
        SessionStore tokens = new SessionStore(database);
        PeerKeyStore peerKeys = new PeerKeyStore(database);
        LoginThrottle throttle = new LoginThrottle(clockMillis);
        if (cluster != null) {
            cluster.countLoginsWith(throttle);
        }
        AccountService accounts = new AccountService(users, tokens, directory, avatars,
                new PasswordHasher(), new HashingGate(config.maxConcurrentHashes(), 4096, 10_000),
                throttle, cookies, clockMillis);
        ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-worker-", 0).factory());

        SessionMessage.Welcome welcome = new SessionMessage.Welcome(null, Protocol.VERSION, config.name(), version(),
                new SessionMessage.Limits(config.maxFrameBytes(), budget.maxTextChars(), AvatarProcessor.MAX_UPLOAD_BYTES,
                        AvatarProcessor.SIZE, ChatService.HISTORY_PAGE_MAX, (int) config.idleTimeout().toSeconds(),
                        config.attachments().maxFileBytes(), AttachmentService.chunkBytesFor(config.maxFrameBytes()), true,
                        (int) config.editWindow().toSeconds()),
                Stickers.ALL);
        RoomService rooms = new RoomService(roomStore, roomDirectory,
                name -> directory.byName(name).map(e -> new RoomService.Member(e.id(), e.username(), directory.isDisabled(e.id()))),
                directory::nameOf,
                (roomId, event, alsoUserId) -> router.roomChanged(roomId, event, alsoUserId), clockMillis);
        ChatService chat = new ChatService(directory, messages, views, budget,
                new RelationRules(messages, config.editWindow(), clockMillis), rooms);
        TransferTickets transferTickets = new TransferTickets(System::nanoTime, revocations);
        accounts.whenLoggedOut(transferTickets::signInEnded);
        AttachmentService attachments = new AttachmentService(config.attachments(), new AttachmentStore(database),
                chat::readable, clockMillis, AttachmentService.chunkBytesFor(config.maxFrameBytes()), transferTickets,
                config.rateLimits()::applyTo);
        ReadMarkStore readMarkStore = new ReadMarkStore(database);
        ReadMarkBuffer readMarkBuffer = new ReadMarkBuffer(readMarkStore::raise);
        ReadMarkService readMarks = new ReadMarkService(chat, messages, readMarkStore, readMarkBuffer, directory::nameOf,
                roomDirectory);
        ProfileLimits profileLimits = new ProfileLimits(config.rateLimits(), System::nanoTime);
        SendLimits sendLimits = new SendLimits(config.rateLimits(), System::nanoTime);
        Descriptors descriptors = new Descriptors(
                config.maxConnections() > 0 ? config.maxConnections() : OpenFiles.connectionCap());
        ClientSessions sessions = new ClientSessions(codec, workers, config.maxOutboundBytes(),
                new SignIn(new RegistrationsPerAddress(accounts, config.rateLimits(), clockMillis), welcome, config.loginTimeout(),
                        config.rateLimits()::applyTo),
                new ClientSessions.Relay(registry, new RosterFrame(router::roster, codec,
                        RosterFrame.DisplayNames.of(directory::cachedDisplayName, directory::displayNamesVersion), presenceStates),
                        new OfflineMessages(messages, views, codec)),
                new ClientSessions.Requests(
                        new ChatRequests(chat::prepare, messageLog::append, readMarks::conversations, chat::clearHistory,
                                sendLimits, attachments::attachable,
                                messages::stored),
                        new AvatarRequests(directory::byName, avatars::of, avatars::set, profileLimits),
                        new HistoryPages(HISTORY_PAGES_AT_ONCE, chat::history, config.idleTimeout()),
                        new PeerRequests(new PeerCredentialIssuer(identity.credentialKey(), identity.identityCertificateDer(),
                                peerKeys, clockMillis), router),
                        new DirectSubmissions(fingerprint, directory::byName, directory::isDisabled, users::peerCredentialsFrom,
                                peerKeys::loggedOutAt, chat::prepare, sendLimits,
                                messageLog::append, clockMillis),
                        new ProfileRequests(new Profiles(users, directory), router, profileLimits),
                        new ReadRequests(readMarks, chat::resolve, new TypingLimits(System::nanoTime), router),
                        new PresenceRequests(presenceStore, router, profileLimits),
                        new SearchRequests(new SearchLimits(config.rateLimits(), System::nanoTime),
                                new SearchService(chat, new SearchStore(database, written), views, directory::nameOf)::search),
                        new RoomRequests(rooms, new RoomLimits(config.rateLimits(), System::nanoTime),
                                RoomPages.forFrames(config.maxFrameBytes())),
                        new AttachmentRequests(attachments),
                        new TransferConnections(transferTickets, attachments, workers, config.idleTimeout(), descriptors)));
        ApplianceServer server = new ApplianceServer(new ApplianceServer.Settings(config.bindAddress(), config.port(),
                config.insecurePlaintext() ? null : ownTls != null ? ServerTls.await(ownTls) : ServerTls.build(identity), codec.limits(), config.ioThreads(),
                config.idleTimeout(), config.handshakeTimeout(), new ConnectionsPerAddress(config.rateLimits()),
                new FrameBudget(config.partialFrameBytes(), config.maxFrameBytes(), config.rateLimits()::applyTo),
                descriptors), sessions);
        if (config.insecurePlaintext()) {
            log.warn("*** --insecure-plaintext: connections are NOT encrypted and passwords cross the network in clear. "
                    + "Use only for load tests on loopback. ***");
        }
        int port = server.start();
        if (cluster != null) {
            // Listening on every address, the machine's name says where; the default appliance name did not.
            cluster.listeningOn((config.bindAddress() == null ? ServiceDescription.machineHost() : config.bindAddress())
                    + " port " + port);
        }

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanchat-housekeeping").daemon(true).factory());
        PresenceCadence presenceCadence = new PresenceCadence();
        housekeeping.scheduleWithFixedDelay(() -> announcePresence(router, presenceCadence),
                PRESENCE_INTERVAL.toMillis(), PRESENCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        HourlySweeps sweeps = new HourlySweeps(housekeeping);
        sweeps.every(1, "Expiring resume tokens", "Expired {} resume tokens",
                () -> tokens.deleteExpired(System.currentTimeMillis()));
        // Retention and abandoned uploads (§7.24); the sweep logs what it deleted itself.
        sweeps.every(2, "Deleting expired files", null, attachments::sweep);
        // A logout's note on a key (§5.15) is needed while a credential it ended can still be handed in: until it
        // expired more than the grace ago, after which every hand-in under it is refused anyway.
        sweeps.every(3, "Forgetting the sessions of expired peer keys", "Forgot the sessions of {} expired peer keys",
                () -> peerKeys.deleteExpiredBefore(clockMillis.getAsLong() - DirectSubmissions.HAND_IN_GRACE.toMillis()));
        housekeeping.scheduleWithFixedDelay(() -> flushReadMarks(readMarkBuffer), READ_MARK_FLUSH_INTERVAL.toMillis(),
                READ_MARK_FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

        ApplianceAdvertiser advertiser;
        try {
            advertiser = applianceId == null ? null : advertise(config, port, fingerprint, applianceId);
        } catch (InterruptedException | RuntimeException e) {
            // Release the listener, the writer and the pool, so a retry (or the next test) starts clean.
            new Appliance(config, identity, database, journal, messageLog, server, workers, housekeeping, registry, router, directory, null,
                    readMarkBuffer, cluster, port, rooms).close();
            throw e;
        }
        log.info("LAN Chat appliance \"{}\" ready on port {} ({} accounts)", config.name(), port, directory.size());
        return new Appliance(config, identity, database, journal, messageLog, server, workers, housekeeping, registry, router, directory,
                advertiser, readMarkBuffer, cluster, port, rooms);
    }

    /**
     * Starts announcing the appliance over mDNS/DNS-SD and returns once it is announced (probing takes under
     * a second), so that "ready" means clients can find it; interfaces that come up later are picked up too.
     */
    private static ApplianceAdvertiser advertise(ApplianceConfig config, int port, CertificateFingerprint fingerprint,
                                                 ApplianceId applianceId) throws InterruptedException {
        ServiceDescription description = new ServiceDescription(config.name(), port, Protocol.VERSION, applianceId,
                fingerprint);
        // IPv4 only: office clients reach the appliance over IPv4, and its listener still accepts IPv6.
        InterfaceSelection interfaces = (config.interfaces().isEmpty()
                ? InterfaceSelection.automatic() : InterfaceSelection.only(config.interfaces())).withIpv6(false);
        ApplianceAdvertiser advertiser = ApplianceAdvertiser.start(description, interfaces);
        List<ResponderStatus> responders;
        try {
            responders = advertiser.awaitAnnounced(ANNOUNCE_WAIT);
            if (responders.stream().anyMatch(responder -> !responder.announced())) {
                log.warn("Not yet announced on every interface after {} s: {}", ANNOUNCE_WAIT.toSeconds(), responders);
            }
        } catch (InterruptedException e) {
            advertiser.close();
            throw e;
        }
        String where = config.interfaces().isEmpty() ? "every suitable interface" : String.join(", ", config.interfaces());
        // Only names that went on the wire: one still contested is logged by its interface once it is won.
        Set<String> names = new LinkedHashSet<>();
        responders.stream().filter(ResponderStatus::announced).forEach(responder -> names.add(responder.instanceName()));
        if (responders.isEmpty()) { // no interface up yet: the watcher said so, and announces when one is
            log.info("Will advertise \"{}\" as {} on {} once one is up", description.instanceName(), Protocol.SERVICE_TYPE,
                    where);
        } else if (!names.isEmpty()) {
            // The interfaces it went out on: a named one that is not there yet is said, as its own line, when it is.
            Set<String> on = new LinkedHashSet<>();
            responders.stream().filter(ResponderStatus::announced).forEach(responder -> on.add(responder.interfaceName()));
            log.info("Advertising \"{}\" as {} on {}", String.join("\", \"", names), Protocol.SERVICE_TYPE,
                    String.join(", ", on));
            List<String> missing = config.interfaces().stream().filter(name -> !on.contains(name)).toList();
            if (!missing.isEmpty()) {
                log.info("Not advertising on {} yet: not up, or without an IPv4 address; it will be once it is",
                        String.join(", ", missing));
            }
        }
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
    public Optional<RoomService> rooms() {
        return Optional.of(rooms);
    }

    @Override
    public int connections() {
        return registry.connectionCount();
    }

    @Override
    public List<String> onlineUsernames() {
        return registry.onlineUsernames();
    }

    /** Sends each of the account's connections a {@code bye} with {@code reason}, then closes it. */
    @Override
    public int disconnect(long userId, ErrorCode reason, String message) {
        return router.disconnectUser(userId, reason, message);
    }

    @Override
    public void disabledChanged(long userId, boolean disabled) {
        directory.setDisabled(userId, disabled);
        if (cluster != null) {
            cluster.accountChanged(userId);
        }
    }

    /** The id of an account, by name (ignoring case). */
    public Optional<Long> userId(String username) {
        return directory.byName(username).map(UserDirectory.Entry::id);
    }

    /** This appliance as a member of a cluster, or empty when it serves alone. */
    public Optional<ClusterStatus> clusterStatus() {
        return cluster == null ? Optional.empty() : Optional.of(cluster.status());
    }

    @Override
    public Optional<ClusterStatus> cluster() {
        return clusterStatus();
    }

    @Override
    public String databaseCondition() {
        return database.health().condition().describe();
    }

    /**
     * A liveness check for the service watchdog: accepting, and the database usable or, while it is not, not
     * for longer than {@link #DATABASE_RECOVERY_LIMIT}. Within that bound the appliance heals by itself (it
     * retries the database every second) and a restart would not help; beyond it, failing this check lets
     * systemd restart the process.
     */
    public boolean isHealthy() {
        if (closed || !server.isAccepting()) {
            return false;
        }
        database.isReachable(); // an idle appliance notices a database that went away here
        return !database.health().faultLongerThan(DATABASE_RECOVERY_LIMIT);
    }

    /** Whether the database can write, and why not; its changes drive the service status. */
    public DatabaseHealth databaseHealth() {
        return database.health();
    }

    /** The advertiser, or null when advertising is off. */
    public ApplianceAdvertiser advertiser() {
        return advertiser;
    }

    public MessageLog messageLog() {
        return messageLog;
    }

    @Override
    public void awaitMessagesWritten() {
        if (journal != null) {
            journal.awaitWritten();
        }
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
        if (cluster != null) {
            cluster.close(); // after the last commits were published
        }
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
        flushReadMarks(readMarks); // after the last request that could move one
        if (journal != null) {
            journal.close(); // after the last reader: writes the journaled messages into the database
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

    private static void announcePresence(MessageRouter router, PresenceCadence cadence) {
        try {
            if (cadence.due(router.roster().count())) {
                router.announcePresence();
            }
        } catch (RuntimeException e) {
            log.warn("Announcing presence failed", e);
        }
    }

    private static void flushReadMarks(ReadMarkBuffer buffer) {
        try {
            buffer.flush();
        } catch (StoreUnavailableException e) {
            // The database's health logs the fault once per change; the marks wait for the next flush.
            log.debug("Saving read marks failed, retrying at the next flush: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Saving read marks failed", e);
        }
    }
}
