package org.lanchat.appliance.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.files.PrivateFiles;
import org.lanchat.appliance.room.RoomDirectory;
import org.lanchat.appliance.room.RoomService;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.RoomStore;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link AdminRequest}s: inside the running appliance for requests that arrive on the
 * control socket, or in the admin command's own process while the appliance is stopped.
 */
public final class AdminService {
    private static final Logger log = LoggerFactory.getLogger(AdminService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ApplianceConfig config;
    private final DatabaseOpener databases;
    private final LiveView live;
    private final Clock clock;

    public AdminService(ApplianceConfig config, DatabaseOpener databases, LiveView live, Clock clock) {
        this.config = config;
        this.databases = databases;
        this.live = live;
        this.clock = clock;
    }

    public AdminReply handle(AdminRequest request) {
        try {
            return switch (request) {
                case AdminRequest.ListUsers ignored -> withDatabase(this::listUsers);
                case AdminRequest.Online ignored -> online();
                case AdminRequest.SetDisabled change -> withDatabase(db -> setDisabled(db, change));
                case AdminRequest.ResetPassword reset -> withDatabase(db -> resetPassword(db, reset));
                case AdminRequest.Backup ignored -> backup();
                case AdminRequest.ClusterStatus ignored -> clusterStatus();
                case AdminRequest.ListRooms ignored -> withRooms(rooms -> new AdminReply.Rooms(rooms.all().stream()
                        .map(r -> new AdminReply.Room(r.conversation().roomId(), r.name(), r.visibility(), r.archived(),
                                r.creator(), r.members(), r.topic())).toList()));
                case AdminRequest.RoomRemove remove -> withRooms(rooms -> {
                    rooms.remove(remove.room(), null, remove.username());
                    log.info("Admin removed {} from room #{}", remove.username(), remove.room());
                    return new AdminReply.Done(remove.username() + " is no longer a member of #" + remove.room());
                });
                case AdminRequest.RoomUpdate update -> withRooms(rooms -> {
                    var now = rooms.update(update.room(), null, update.name(), update.topic());
                    log.info("Admin changed room #{}", update.room());
                    return new AdminReply.Done("#" + update.room() + " is now called '" + now.name() + "'"
                            + (now.topic() == null ? ", with no topic" : ", topic '" + now.topic() + "'"));
                });
                case AdminRequest.RoomArchive archive -> withRooms(rooms -> {
                    rooms.archive(archive.room(), null);
                    log.info("Admin archived room #{}", archive.room());
                    return new AdminReply.Done("#" + archive.room() + " is archived");
                });
            };
        } catch (StoreUnavailableException e) {
            return new AdminReply.Failed("the database is unavailable: " + e.getMessage());
        } catch (Refused e) {
            return new AdminReply.Failed(e.getMessage());
        }
    }

    private interface RoomWork {
        AdminReply run(RoomService rooms);
    }

    /** The running appliance's rooms, which tell the members; when stopped, the database's alone. */
    private AdminReply withRooms(RoomWork work) {
        Optional<RoomService> running = live.rooms();
        if (running.isPresent()) {
            return work.run(running.get());
        }
        return withDatabase(db -> {
            UserStore users = new UserStore(db);
            RoomStore store = new RoomStore(db);
            return work.run(new RoomService(store, new RoomDirectory(store),
                    name -> Usernames.hasValidShape(name) ? users.findByKey(Usernames.key(name))
                            .map(u -> new RoomService.Member(u.id(), u.username(), u.disabled())) : Optional.empty(),
                    id -> users.findById(id).map(UserRecord::username).orElse("unknown-" + id),
                    (roomId, event, alsoUserId) -> { }, clock::millis)); // nobody is connected to tell
        });
    }

    /** The folder that backups go to: inside the data directory, the only place the service may write. */
    public static Path backupDirectory(Path dataDir) {
        return dataDir.resolve("backups");
    }

    private interface DatabaseWork {
        AdminReply run(Database db);
    }

    private AdminReply withDatabase(DatabaseWork work) {
        try (Database db = databases.open()) {
            return work.run(db);
        }
    }

    private AdminReply listUsers(Database db) {
        List<AdminReply.Account> accounts = new ArrayList<>();
        for (UserRecord user : new UserStore(db).all()) {
            accounts.add(new AdminReply.Account(user.id(), user.username(), user.disabled(), user.displayName()));
        }
        return new AdminReply.Users(accounts);
    }

    private AdminReply online() {
        if (!live.running()) {
            return new AdminReply.Failed("the appliance is not running");
        }
        List<String> names = live.onlineUsernames().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        return new AdminReply.Online(live.connections(), names);
    }

    private AdminReply clusterStatus() {
        if (!live.running()) {
            return new AdminReply.Failed("the appliance is not running");
        }
        return live.cluster().<AdminReply>map(status -> new AdminReply.Cluster(status, live.databaseCondition()))
                .orElseGet(() -> new AdminReply.Failed("this appliance serves alone: it was not started with --cluster"));
    }

    private AdminReply setDisabled(Database db, AdminRequest.SetDisabled change) {
        Optional<UserRecord> user = find(db, change.username());
        if (user.isEmpty()) {
            return noSuchAccount(change.username());
        }
        UserRecord found = user.get();
        if (!change.disabled() && !found.disabled()) {
            // Enabling "to be sure" must not log a colleague out everywhere: their sessions only end on a real enable.
            return new AdminReply.Done(found.username() + " is not disabled; nothing changed");
        }
        new UserStore(db).setDisabled(found.id(), change.disabled());
        live.disabledChanged(found.id(), change.disabled());
        if (!change.disabled()) {
            // Saved sessions outlive a disabled spell only so that resuming says why it fails; whoever held
            // one while the account was disabled logs in with the password again.
            int revoked = new SessionStore(db).deleteAllOf(found.id());
            log.info("Admin enabled account {} ({} saved sessions ended)", found.username(), revoked);
            return new AdminReply.Done(found.username() + " is enabled; " + counted(revoked, "saved session") + " ended");
        }
        // After the flag is stored, so that logging in again is refused. A login whose check had already passed
        // when the flag was stored is ended as it joins, and the account's transfer tickets lapse (Revocations).
        int closed = live.disconnect(found.id(), ErrorCode.ACCOUNT_DISABLED, "your account was disabled by the administrator");
        endPeerCredentials(db, found);
        log.info("Admin disabled account {} ({} connections closed)", found.username(), closed);
        return new AdminReply.Done(found.username() + " is disabled; " + counted(closed, "connection") + " closed");
    }

    private AdminReply resetPassword(Database db, AdminRequest.ResetPassword reset) {
        Optional<UserRecord> user = find(db, reset.username());
        if (user.isEmpty()) {
            return noSuchAccount(reset.username());
        }
        UserRecord found = user.get();
        new UserStore(db).setPasswordHash(found.id(), reset.passwordHash());
        int revoked = new SessionStore(db).deleteAllOf(found.id());
        // Whoever is logged in got there with the old password: they log in again with the new one.
        int closed = live.disconnect(found.id(), ErrorCode.TOKEN_INVALID,
                "the administrator reset your password; log in with the new one");
        endPeerCredentials(db, found);
        log.info("Admin reset the password of {} ({} saved sessions ended, {} connections closed)", found.username(), revoked, closed);
        return new AdminReply.Done("New password set for " + found.username() + "; " + counted(revoked, "saved session")
                + " ended, " + counted(closed, "connection") + " closed");
    }

    /**
     * After the account's connections are closed, so that no credential issued to one of them is dated later: from now
     * on only the user, logged in again, hands in direct messages signed under an earlier credential (§5.15).
     */
    private void endPeerCredentials(Database db, UserRecord account) {
        new UserStore(db).endPeerCredentials(account.id(), clock.millis());
    }

    private AdminReply backup() {
        if (!config.usesEmbeddedDatabase()) {
            return new AdminReply.Failed("the appliance uses MySQL/MariaDB; back it up with: "
                    + MySqlCommands.dump(config.databaseUrl(), config.databaseUser()));
        }
        Path directory = backupDirectory(config.dataDir());
        Path file = directory.resolve("lanchat-" + STAMP.format(clock.instant()) + ".sql.gz");
        if (Files.isSymbolicLink(directory)) {
            // Root runs this while the appliance is stopped: through a link the service's user planted it would write
            // wherever that points, and narrow that folder to root.
            return new AdminReply.Failed(directory + " is a symbolic link; backups are written only into a real folder"
                    + " there: remove the link and try again");
        }
        Path scratch = null;
        try {
            PrivateFiles.createDirectory(directory);
            live.awaitMessagesWritten();
            // The database engine writes where it is told, following links; a name planted in the folder (the name is
            // predictable) must be replaced, not written through. So it writes into a folder of this process's own,
            // and the copy then takes the name by renaming over whatever is there.
            scratch = Files.createTempDirectory("lanchat-backup-");
            Path written = scratch.resolve(file.getFileName());
            try (Database db = databases.open()) {
                EmbeddedBackup.writeScript(db, written);
            }
            PrivateFiles.copy(written, file);
            long bytes = Files.size(file);
            log.info("Admin backup written to {} ({} bytes)", file, bytes);
            return new AdminReply.BackupWritten(file.toAbsolutePath().toString(), bytes);
        } catch (IOException e) {
            return new AdminReply.Failed("cannot write the backup to " + file + ": " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            EmbeddedBackup.deleteRecursively(scratch);
        } catch (IOException e) {
            log.warn("Could not delete the backup's scratch folder {}: {}", scratch, e.getMessage());
        }
    }

    private static Optional<UserRecord> find(Database db, String username) {
        if (!Usernames.hasValidShape(username)) {
            return Optional.empty();
        }
        return new UserStore(db).findByKey(Usernames.key(username));
    }

    private static AdminReply noSuchAccount(String username) {
        return new AdminReply.Failed("no account named '" + username + "'");
    }

    /** "1 connection", "2 connections": these replies are read by people. */
    private static String counted(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
