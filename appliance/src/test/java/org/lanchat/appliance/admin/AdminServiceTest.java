package org.lanchat.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.account.DisplayNames;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;

/** The admin operations against the embedded database, as they run while the appliance is stopped. */
class AdminServiceTest {
    @TempDir
    Path dir;

    private ApplianceConfig config;
    private Database db;
    private AdminService admin;
    private UserRecord alice;

    @BeforeEach
    void setUp() {
        config = ApplianceConfig.builder().dataDir(dir).name("test").build();
        db = Database.open(config.effectiveDatabaseUrl(), null, null);
        UserStore users = new UserStore(db);
        alice = users.create("Alice", "alice", java.util.Set.of("alice"), "$argon2id$old", 1).orElseThrow();
        users.create("bob", "bob", java.util.Set.of("bob"), DisplayNames.check("张伟"), "$argon2id$old", 2).orElseThrow();
        new SessionStore(db).insertWhilePasswordIs("$argon2id$old", "token-hash-1", alice.id(), 1, Long.MAX_VALUE);
        // Each request opens its own pool on the same embedded database, as in the running appliance.
        admin = new AdminService(config, () -> Database.open(config.effectiveDatabaseUrl(), null, null), LiveView.STOPPED,
                Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void listsEveryAccountInNameOrderWithItsDisplayName() {
        AdminReply reply = admin.handle(new AdminRequest.ListUsers());
        assertThat(reply).isEqualTo(new AdminReply.Users(java.util.List.of(
                new AdminReply.Account(alice.id(), "Alice", false, null),
                new AdminReply.Account(alice.id() + 1, "bob", false, "张伟"))));
    }

    /**
     * Saved sessions survive the disabled spell, so that resuming one says {@code account_disabled}
     * (docs/PROTOCOL.md §5.4) rather than {@code token_invalid}; enabling ends them, so whoever held one
     * while the account was disabled logs in with the password again.
     */
    @Test
    void disablingKeepsSavedSessionsForTheirAnswerAndEnablingEndsThem() {
        assertThat(admin.handle(new AdminRequest.SetDisabled("ALICE", true)))
                .isEqualTo(new AdminReply.Done("Alice is disabled; 0 connections closed"));
        assertThat(new UserStore(db).findById(alice.id()).orElseThrow().disabled()).isTrue();
        assertThat(new SessionStore(db).find("token-hash-1", 0)).isPresent();

        assertThat(admin.handle(new AdminRequest.SetDisabled("alice", false)))
                .isEqualTo(new AdminReply.Done("Alice is enabled; 1 saved session ended"));
        assertThat(new UserStore(db).findById(alice.id()).orElseThrow().disabled()).isFalse();
        assertThat(new SessionStore(db).find("token-hash-1", 0)).isEmpty();
    }

    @Test
    void resettingAPasswordStoresTheNewHashAndEndsSavedSessions() {
        assertThat(admin.handle(new AdminRequest.ResetPassword("alice", "$argon2id$new")))
                .isEqualTo(new AdminReply.Done("New password set for Alice; 1 saved session ended, 0 connections closed"));
        assertThat(new UserStore(db).findById(alice.id()).orElseThrow().passwordHash()).isEqualTo("$argon2id$new");
        assertThat(new SessionStore(db).find("token-hash-1", 0)).isEmpty();
    }

    @Test
    void anUnknownOrMalformedNameIsRefusedByName() {
        assertThat(admin.handle(new AdminRequest.SetDisabled("carol", true))).isEqualTo(new AdminReply.Failed("no account named 'carol'"));
        assertThat(admin.handle(new AdminRequest.ResetPassword("a b", "$argon2id$x"))).isEqualTo(new AdminReply.Failed("no account named 'a b'"));
    }

    @Test
    void whoIsOnlineNeedsTheRunningAppliance() {
        assertThat(admin.handle(new AdminRequest.Online())).isEqualTo(new AdminReply.Failed("the appliance is not running"));
    }

    @Test
    void aBackupIsAGzippedSqlScriptInTheDataDirectory() throws Exception {
        AdminReply reply = admin.handle(new AdminRequest.Backup());
        Path expected = dir.resolve("backups").resolve("lanchat-20260301-101530.sql.gz");
        assertThat(reply).isEqualTo(new AdminReply.BackupWritten(expected.toString(), Files.size(expected)));
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(expected))) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(script).contains("CREATE CACHED TABLE", "Alice", "flyway_schema_history");
        }
    }

    @Test
    void withMySqlTheBackupIsTheAdminsMysqldump() {
        ApplianceConfig mysql = ApplianceConfig.builder().dataDir(dir).name("test")
                .databaseUrl("jdbc:mysql://db.example:3307/chat?useSSL=true").databaseUser("lanchat").build();
        AdminService service = new AdminService(mysql, () -> {
            throw new AssertionError("must not connect");
        }, LiveView.STOPPED, Clock.systemUTC());
        assertThat(service.handle(new AdminRequest.Backup())).isEqualTo(new AdminReply.Failed(
                "the appliance uses MySQL/MariaDB; back it up with: mysqldump --single-transaction --quick --no-tablespaces "
                        + "--default-character-set=utf8mb4 --host=db.example --port=3307 --user=lanchat --password chat "
                        + "> lanchat-$(date +%Y%m%d).sql"));
    }
}
