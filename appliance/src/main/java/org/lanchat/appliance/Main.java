package org.lanchat.appliance;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.lanchat.appliance.admin.AdminCommand;
import org.lanchat.appliance.admin.ClusterAdminCommand;
import org.lanchat.appliance.admin.AdminServer;
import org.lanchat.appliance.admin.AdminService;
import org.lanchat.appliance.admin.ControlSocket;
import org.lanchat.appliance.admin.DbSetupCommand;
import org.lanchat.appliance.admin.ToolContext;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.config.AttachmentSettings;
import org.lanchat.appliance.config.DataDirectory;
import org.lanchat.appliance.config.DatabasePassword;
import org.lanchat.appliance.config.InvalidConfigException;
import org.lanchat.appliance.config.SettingSources;
import org.lanchat.appliance.files.PrivateFiles;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.service.LivenessCheck;
import org.lanchat.appliance.service.LoopbackProbe;
import org.lanchat.appliance.service.ServiceManager;
import org.lanchat.appliance.service.StartFailure;
import org.lanchat.appliance.service.Watchdog;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.DatabaseHealth;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.lanchat.appliance.tls.CertificateStore;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code lanchat-appliance} command: parses settings, starts the appliance, stops it on SIGTERM. */
@Command(name = "lanchat-appliance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the LAN Chat appliance: accounts, group and private chat, history, over TLS.",
            "With no options it keeps everything (embedded database, certificate) in the data directory."},
        // One element per paragraph: picocli wraps each to the terminal's width and starts a new line after it.
        footer = {"", "Every option can also come from the environment as LANCHAT_<OPTION> (LANCHAT_DATA_DIR for --data-dir) "
                + "or from the --config file as '<option> = value' (data-dir = /var/lib/lanchat). The command line wins, "
                + "then the environment, then the file. The database password is never an option: use "
                + "--database-password-file, a systemd credential named database-password, LANCHAT_DATABASE_PASSWORD, "
                + "or 'database-password' in a config file only root can read.",
            "",
            "Under systemd (Type=notify) it reports ready once clients are served, and feeds the watchdog only while "
                + "its own listener answers and the database and message writer make progress."})
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    /** Set by the shutdown hook; ends the wait for a database that never answers. */
    private volatile boolean stopping;
    /** What the shutdown hook exits with: 0 after SIGTERM, the command's status when it ended by itself. */
    private static volatile int exitStatus;

    /** The process environment, or a test's stand-in: the only place settings are read from besides the arguments. */
    private final Map<String, String> environment;
    /** What is wrong with the config file, if anything: refused when the appliance's settings are read. */
    private InvalidConfigException configProblem;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port for clients (default: ${DEFAULT-VALUE}).")
    private int port = ApplianceConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address only (default: all addresses).")
    private String bind;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded database, certificate and appliance id live "
                    + "(default: $STATE_DIRECTORY, else $XDG_DATA_HOME/lanchat-appliance, else ~/.local/share/lanchat-appliance).")
    private Path dataDir;

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "A MySQL/MariaDB database, e.g. jdbc:mysql://127.0.0.1:3306/lanchat (default: embedded H2 in the data directory).")
    private String database;

    @Option(names = "--database-user", paramLabel = "USER", description = "Database user.")
    private String databaseUser;

    @Option(names = "--database-password-file", paramLabel = "FILE", description = "File holding the database password.")
    private Path databasePasswordFile;

    @Option(names = "--name", paramLabel = "NAME", description = "Name shown to users and on the network (default: \"LAN Chat on <host>\").")
    private String name;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (keys as the option names).")
    private Path config;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES", description = "Largest frame a client may send (default: ${DEFAULT-VALUE}).")
    private int maxFrameBytes = FrameLimits.DEFAULT_MAX_FRAME_BYTES;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close connections silent this long (default: ${DEFAULT-VALUE}).")
    private long idleTimeoutSeconds = ApplianceConfig.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Option(names = "--login-timeout", paramLabel = "SECONDS", description = "Close connections not logged in by then (default: ${DEFAULT-VALUE}).")
    private long loginTimeoutSeconds = ApplianceConfig.DEFAULT_LOGIN_TIMEOUT.toSeconds();

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "Close connections whose TLS handshake takes longer (default: ${DEFAULT-VALUE}).")
    private long handshakeTimeoutSeconds = ApplianceConfig.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds();

    @Option(names = "--max-outbound-bytes", paramLabel = "BYTES", description = "Unsent bytes a client may fall behind before it is disconnected (default: ${DEFAULT-VALUE}).")
    private int maxOutboundBytes = ApplianceConfig.DEFAULT_MAX_OUTBOUND_BYTES;

    @Option(names = "--edit-window", paramLabel = "SECONDS", description = "How long after sending a message its sender may edit or delete it; 0 turns both off (default: ${DEFAULT-VALUE}, 24 h).")
    private long editWindowSeconds = ApplianceConfig.DEFAULT_EDIT_WINDOW.toSeconds();

    @Option(names = "--attachments-dir", paramLabel = "DIR", description = "Where files sent in conversations are kept (default: DATA-DIR/attachments; in a cluster, one directory shared by every member).")
    private Path attachmentsDir;

    @Option(names = "--max-file-bytes", paramLabel = "BYTES", description = "The largest file a user may send (default: ${DEFAULT-VALUE}, 100 MiB).")
    private long maxFileBytes = AttachmentSettings.DEFAULT_MAX_FILE_BYTES;

    @Option(names = "--attachment-quota-bytes", paramLabel = "BYTES", description = "All files together may not pass this (default: ${DEFAULT-VALUE}, 20 GiB).")
    private long attachmentQuotaBytes = AttachmentSettings.DEFAULT_QUOTA_BYTES;

    @Option(names = "--attachment-retention-days", paramLabel = "DAYS", description = "Delete files not sent again for this many days; 0 keeps them for ever (default: ${DEFAULT-VALUE}).")
    private long attachmentRetentionDays = AttachmentSettings.DEFAULT_RETENTION.toDays();

    @Option(names = "--io-threads", paramLabel = "N", description = "Network threads (default: one per core).")
    private int ioThreads = ApplianceConfig.DEFAULT_THREADS;

    @Option(names = "--max-concurrent-hashes", paramLabel = "N", description = "Password hashes computed at once, 19 MiB each (default: one per core).")
    private int maxConcurrentHashes = ApplianceConfig.DEFAULT_THREADS;

    @Option(names = "--max-registrations-per-hour", paramLabel = "N",
            description = "Accounts one client address may register in any hour (default: ${DEFAULT-VALUE}).")
    private int maxRegistrationsPerHour = RateLimits.DEFAULT_REGISTRATIONS_PER_HOUR;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Connections one client address may hold open at once (default: ${DEFAULT-VALUE}).")
    private int maxConnectionsPerAddress = RateLimits.DEFAULT_CONNECTIONS_PER_ADDRESS;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections open at once, from all addresses together; 0, the default, for as many as the"
                    + " open-file limit allows less 512 kept for the appliance's own files.")
    private int maxConnections;

    @Option(names = "--max-messages-per-second", paramLabel = "N",
            description = "Messages one connection may send per second, with bursts of twice that (default: ${DEFAULT-VALUE}).")
    private int maxMessagesPerSecond = RateLimits.DEFAULT_MESSAGES_PER_SECOND_PER_CONNECTION;

    @Option(names = "--max-messages-per-second-per-user", paramLabel = "N",
            description = "Messages one account may send per second over all its connections, with bursts of twice that "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxMessagesPerSecondPerUser = RateLimits.DEFAULT_MESSAGES_PER_SECOND_PER_USER;

    @Option(names = "--exempt-loopback-from-limits",
            description = "Exempt clients on this machine (127.0.0.0/8, ::1) from the four limits above and the fixed ones"
                    + " per account (PROTOCOL.md §7.11), not from the login throttle. Only for load tests on loopback.")
    private boolean exemptLoopbackFromLimits;

    @Option(names = "--advertise", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Announce the appliance on the LAN over mDNS/DNS-SD so clients find it (default: on; --no-advertise turns it off).")
    private boolean advertise = true;

    @Option(names = "--interfaces", paramLabel = "NAMES", split = ",",
            description = "Advertise only on these network interfaces, e.g. eth0,wlan0 (default: every suitable one).")
    private List<String> interfaces = List.of();

    @Option(names = "--cluster", paramLabel = "URLS", split = ",",
            description = "Serve one chat together with other appliances: the NATS servers they share, e.g. nats://10.0.0.5:4222."
                    + " Needs --database on the MySQL/MariaDB server every member uses (see README, Several appliances).")
    private List<String> cluster = List.of();

    @Option(names = "--cluster-credentials", paramLabel = "FILE",
            description = "File with the NATS credentials: a .creds file, user= and password= lines, or a token= line.")
    private Path clusterCredentials;

    @Option(names = "--insecure-plaintext", description = "DANGER: serve unencrypted TCP instead of TLS. Only for load tests on loopback.")
    private boolean insecurePlaintext;

    @Option(names = "--exit-when-ready",
            description = "Start, report ready, then shut down cleanly: checks a configuration, runs the database's"
                    + " migrations, and is the training run for the JDK's AOT cache (docs/PERFORMANCE.md).")
    private boolean exitWhenReady;

    @Option(names = "--fingerprint", description = "Print the certificate's fingerprint and short code (creating the certificate if needed), then exit.")
    private boolean printFingerprint;

    /** How often the watchdog's liveness check connects to the listener (each probe logs a connection). */
    private static final Duration LISTENER_PROBE_INTERVAL = Duration.ofSeconds(60);
    /** Messages may wait this long for a commit before the writer counts as stuck (above the JDBC socket timeout). */
    private static final Duration WRITER_STALL_LIMIT = Duration.ofSeconds(45);

    /** The database password may be in a config file only root reads, though never on the command line. */
    private static final String DATABASE_PASSWORD_KEY = "database-password";

    private Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> environment = new HashMap<>(System.getenv());
        // A process started without HOME (some service managers) still has the JVM's idea of it.
        environment.putIfAbsent("HOME", System.getProperty("user.home"));
        // Always exit explicitly: an admin command may leave a database driver's non-daemon thread behind.
        int status = commandLine(environment, args).execute(args);
        exitStatus = status;
        System.exit(status);
    }

    /**
     * Builds the parser with the environment and the config file (found before parsing) as defaults.
     * Nothing else of the process environment is read: {@code environment} is all there is.
     */
    public static CommandLine commandLine(Map<String, String> environment, String[] args) {
        Path configFile = findConfigFile(environment, args);
        Properties file = new Properties();
        InvalidConfigException fileProblem = null;
        try {
            file = configFile == null ? file : SettingSources.readConfigFile(configFile);
        } catch (InvalidConfigException unreadable) {
            fileProblem = unreadable; // said when the appliance starts, as every invalid setting is; --help still works
        }
        Main main = new Main(environment);
        CommandLine cli = new CommandLine(main);
        ToolContext context = main.toolContext(configFile);
        cli.addSubcommand("admin", new CommandLine(new AdminCommand(context))
                .addSubcommand("cluster", new ClusterAdminCommand(context)));
        cli.addSubcommand("db-setup", new DbSetupCommand(context));
        SettingSources sources = new SettingSources(environment, file);
        cli.setDefaultValueProvider(sources);
        cli.setParameterExceptionHandler((problem, arguments) -> badUsage(problem, sources, configFile));
        main.configProblem = fileProblem != null ? fileProblem : unknownKeys(cli, file, configFile);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidConfigException invalid) {
                commandLine.getErr().println("lanchat-appliance: " + invalid.getMessage());
                return 2;
            }
            if (e instanceof StartFailure failure) {
                commandLine.getErr().println("lanchat-appliance: " + failure.getMessage());
                return 1;
            }
            throw e;
        });
        cli.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--database-password")
                .hidden(true).arity("1").type(String.class).build());
        return cli;
    }

    /**
     * A bad option in one sentence, saying where its value came from when that was not the command line (a config
     * file's {@code advertise = maybe} read as "Invalid value for option '--advertise'"), then where the options are
     * listed, instead of the whole usage: the sentence was lost above sixty lines of it.
     */
    private static int badUsage(CommandLine.ParameterException problem, SettingSources sources, Path configFile) {
        PrintWriter err = problem.getCommandLine().getErr();
        String sentence = problem.getMessage();
        CommandLine.ParseResult parsed = problem.getCommandLine().getParseResult();
        if (problem.getArgSpec() instanceof CommandLine.Model.OptionSpec option
                && (parsed == null || !parsed.hasMatchedOption(option))) {
            Optional<String> source = sources.sourceOf(option);
            if (source.isPresent()) {
                sentence += " (from " + source.get()
                        + (source.get().endsWith("config file") && configFile != null ? " " + configFile : "") + ")";
            }
        }
        if (problem instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !unmatched.getUnmatched().isEmpty()) {
            // picocli's "Unmatched argument at index 1: 'usres'" counts words; a mistyped command is the usual cause.
            sentence = "unexpected argument: '" + unmatched.getUnmatched().getFirst() + "'";
        }
        // The administrator's commands speak as lanchat-admin, the name the Debian package gives them, refusals and all.
        boolean admin = problem.getCommandLine().getCommandSpec().qualifiedName().contains(" admin");
        err.println((admin ? "lanchat-admin: " : "lanchat-appliance: ") + sentence);
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("'" + problem.getCommandLine().getCommandSpec().qualifiedName() + " --help' lists the options.");
        return 2;
    }

    /**
     * A key of the config file that names no setting is a mistake (a typo such as {@code prot}, or an option of
     * another program), and one silently ignored leaves the appliance running with a default the administrator
     * thinks they changed.
     */
    private static InvalidConfigException unknownKeys(CommandLine cli, Properties file, Path configFile) {
        Set<String> known = new HashSet<>();
        cli.getCommandSpec().options().forEach(option -> known.add(SettingSources.fileKey(option.longestName())));
        known.add(DATABASE_PASSWORD_KEY);
        List<String> unknown = file.stringPropertyNames().stream().filter(key -> !known.contains(key)).sorted().toList();
        return unknown.isEmpty() ? null : new InvalidConfigException(List.of("--config: " + configFile
                + " names no setting called " + String.join(", ", unknown) + " (its keys are the options without their"
                + " dashes: 'lanchat-appliance --help' lists them)"));
    }

    @Override
    public Integer call() throws Exception {
        if (spec.commandLine().getParseResult().hasMatchedOption("--database-password")) {
            throw new InvalidConfigException(List.of("--database-password is not accepted on the command line "
                    + "(other users can read it there); use --database-password-file"));
        }
        ApplianceConfig settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        if (printFingerprint && settings.clustered()) {
            out.println("This appliance is a member of a cluster: colleagues compare the cluster's code, which"
                    + " 'lanchat-admin cluster status' prints while it runs.");
            out.flush();
            return 0;
        }
        if (printFingerprint) {
            // It creates the certificate on a first run: the data directory it makes is as private as a start makes it.
            PrivateFiles.restrictUmask();
            PrivateFiles.createDirectory(settings.dataDir());
            ApplianceIdentity identity = new CertificateStore(settings.dataDir()).loadOrCreate(settings.name());
            CertificateFingerprint fp = identity.fingerprint();
            out.println("Short code:  " + fp.shortCode());
            out.println("SHA-256:     " + fp.colonHex());
            out.flush();
            return 0;
        }
        PrivateFiles.restrictUmask(); // before anything is written: the database makes its own files
        ServiceManager systemd = ServiceManager.fromEnvironment(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Appliance> running = new AtomicReference<>();
        AtomicReference<AutoCloseable> watchdog = new AtomicReference<>();
        AtomicReference<AutoCloseable> adminSocket = new AtomicReference<>();
        // Registered before starting, so SIGTERM while waiting for the database also ends cleanly.
        Runnable stop = () -> {
            stopping = true;
            systemd.stopping("Shutting down");
            closeQuietly(watchdog.get());
            closeQuietly(adminSocket.get());
            Appliance appliance = running.get();
            if (appliance != null) {
                appliance.close();
            }
            stopped.countDown();
        };
        Thread shutdownHook = new Thread(() -> {
            stop.run();
            // SIGTERM is the normal way to stop a service: exit 0 after the orderly shutdown, not 143. A start
            // that failed (a read-only data directory) keeps its own status.
            Runtime.getRuntime().halt(exitStatus);
        }, "lanchat-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Appliance appliance;
        try {
            appliance = startWhenDatabaseAnswers(settings, systemd);
        } catch (IOException | RuntimeException e) {
            Optional<StartFailure> hopeless = StartFailure.of(e, settings.port(), settings.dataDir().toString());
            if (hopeless.isPresent()) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook); // nothing was started, nothing to stop
                throw hopeless.get();
            }
            throw e;
        }
        if (appliance == null) {
            stopped.await(); // stopped while waiting for the database: the shutdown hook ends the process
            return 0;
        }
        running.set(appliance);
        adminSocket.set(startAdminSocket(ControlSocket.path(environment, settings.dataDir()), settings, appliance));
        LivenessCheck liveness = new LivenessCheck(vitals(appliance),
                new LoopbackProbe(settings.bindAddress(), appliance.port(),
                        settings.insecurePlaintext() ? null : appliance.fingerprint(), Duration.ofSeconds(5)),
                LISTENER_PROBE_INTERVAL, WRITER_STALL_LIMIT);
        watchdog.set(Watchdog.start(systemd, liveness, () -> serviceStatus(appliance)).orElse(null));
        // Readiness follows the database: systemctl status says why sends are refused while it cannot write.
        appliance.databaseHealth().onChange(condition -> systemd.status(serviceStatus(appliance)));
        // Ready only now: listener, database and (inside Appliance.start) discovery are up, and admins can connect.
        systemd.ready(serviceStatus(appliance));
        if (exitWhenReady) {
            // The same orderly stop as SIGTERM's, then an ordinary exit: the JVM writes its AOT cache on the way out.
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            stop.run();
            return 0;
        }
        stopped.await();
        return 0;
    }

    private static String serviceStatus(Appliance appliance) {
        DatabaseHealth.Condition database = appliance.databaseHealth().condition();
        if (!database.healthy()) {
            return "Not serving: " + database.describe() + "; sends are refused until the database writes again"
                    + " (retried every second; restarted if not within " + Appliance.DATABASE_RECOVERY_LIMIT.toMinutes() + " min)";
        }
        return "Serving on port " + appliance.port() + ", certificate short code " + appliance.fingerprint().shortCode();
    }

    private static LivenessCheck.Vitals vitals(Appliance appliance) {
        return new LivenessCheck.Vitals() {
            @Override
            public boolean acceptingAndDatabaseReachable() {
                return appliance.isHealthy();
            }

            @Override
            public long committedBatches() {
                return appliance.messageLog().committedBatches();
            }

            @Override
            public int backlog() {
                return appliance.messageLog().backlog();
            }
        };
    }

    /** The admin commands' way in. A failure here is logged, not fatal: chat matters more than admin. */
    private static AutoCloseable startAdminSocket(Path path, ApplianceConfig settings, Appliance appliance) {
        AdminService service = new AdminService(settings,
                () -> Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword()),
                appliance, Clock.systemUTC());
        try {
            return AdminServer.start(path, service);
        } catch (IOException | RuntimeException e) {
            log.warn("Admin commands unavailable: cannot listen on {}: {}", path, e.getMessage());
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {} failed: {}", closeable, e.getMessage());
        }
    }

    /**
     * A database that is down at boot is waited for, loudly, instead of crashing into a restart loop. Returns null when
     * the appliance is stopped meanwhile: a normal stop, not an error to print with a stack trace.
     */
    private Appliance startWhenDatabaseAnswers(ApplianceConfig settings, ServiceManager systemd)
            throws IOException, InterruptedException {
        Duration wait = Duration.ofSeconds(1);
        while (!stopping) {
            try {
                return Appliance.start(settings);
            } catch (StoreUnavailableException e) {
                Optional<StartFailure> hopeless = StartFailure.of(e, settings.port(), settings.dataDir().toString());
                if (hopeless.isPresent()) {
                    throw hopeless.get();
                }
                log.error("Not ready: {}. Retrying in {} s.", e.getMessage(), wait.toSeconds());
                // Still starting, and saying why: systemd shows this status, and waits instead of killing us.
                systemd.status("Not ready: " + e.getMessage() + "; retrying in " + wait.toSeconds() + " s");
                systemd.extendStartTimeout(wait.plus(Duration.ofSeconds(30)));
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            }
        }
        log.info("Stopped before the database answered; nothing was started");
        return null;
    }

    ApplianceConfig settings() throws IOException {
        if (configProblem != null) {
            throw configProblem;
        }
        return ApplianceConfig.builder()
                .port(port)
                .bindAddress(bind)
                .dataDir(dataDir != null ? dataDir : DataDirectory.defaultFor(environment))
                .databaseUrl(database)
                .databaseUser(databaseUser)
                .databasePassword(DatabasePassword.resolve(databasePasswordFile, environment,
                        () -> configProperty(DATABASE_PASSWORD_KEY)))
                .name(name)
                .maxFrameBytes(maxFrameBytes)
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .loginTimeout(Duration.ofSeconds(loginTimeoutSeconds))
                .handshakeTimeout(Duration.ofSeconds(handshakeTimeoutSeconds))
                .maxOutboundBytes(maxOutboundBytes)
                .editWindow(Duration.ofSeconds(editWindowSeconds))
                .attachmentsDir(attachmentsDir)
                .maxFileBytes(maxFileBytes)
                .attachmentQuotaBytes(attachmentQuotaBytes)
                .attachmentRetention(Duration.ofDays(attachmentRetentionDays))
                .ioThreads(ioThreads)
                .maxConcurrentHashes(maxConcurrentHashes)
                .maxConnections(maxConnections)
                .rateLimits(new RateLimits(maxRegistrationsPerHour, maxConnectionsPerAddress, maxMessagesPerSecond,
                        maxMessagesPerSecondPerUser, exemptLoopbackFromLimits))
                .insecurePlaintext(insecurePlaintext)
                .advertise(advertise)
                .interfaces(interfaces)
                .clusterServers(cluster)
                .clusterCredentials(clusterCredentials)
                .build();
    }

    private String configProperty(String key) {
        Path file = findConfigFile(environment, spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        String value = file == null ? null : SettingSources.readConfigFile(file).getProperty(key);
        if (value != null && key.equals(DATABASE_PASSWORD_KEY)) {
            DatabasePassword.warnIfOthersCanRead(file, "the config file");
        }
        return value;
    }

    /** Lets the subcommands resolve settings exactly as the appliance does, after picocli parsed this command. */
    private ToolContext toolContext(Path configFile) {
        return new ToolContext() {
            @Override
            public ApplianceConfig settings() throws IOException {
                return Main.this.settings();
            }

            @Override
            public Optional<Path> configFile() {
                return Optional.ofNullable(configFile);
            }

            @Override
            public Map<String, String> environment() {
                return Main.this.environment;
            }
        };
    }

    private static Path findConfigFile(Map<String, String> environment, String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnvironment = environment.get(SettingSources.environmentName("--config"));
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    /** Reports the build's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lanchat-appliance " + Appliance.version() + " (protocol " + Protocol.VERSION + ")"};
        }
    }
}
