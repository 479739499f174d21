package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.PeerAssistStore.Held;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.trust.CertificateFingerprint;

class PeerAssistStoreTest {
    private static final CertificateFingerprint OFFICE = new CertificateFingerprint("ab".repeat(32));
    private static final CertificateFingerprint BRANCH = new CertificateFingerprint("cd".repeat(32));
    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void theKeyAndCredentialComeBackTogetherWhileTheCredentialIsValidAndTheFileIsTheOwnersAlone() throws Exception {
        PeerAssistStore store = new PeerAssistStore(dataDir);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        store.keepIdentity(OFFICE, keys, credential("dora", keys, NOW.plus(Duration.ofDays(7))));
        store.keepPeers(OFFICE, List.of(new PeerAddress("eddy", "192.0.2.7", 40123)));

        PeerAssistStore.Kept kept = new PeerAssistStore(dataDir).load(OFFICE);
        assertThat(kept.username()).isEqualTo("dora");
        assertThat(kept.peers()).containsExactly(new PeerAddress("eddy", "192.0.2.7", 40123));
        assertThat(kept.keys(NOW)).hasValueSatisfying(pair -> {
            assertThat(pair.getPrivate().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
            assertThat(pair.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        });
        assertThat(kept.keys(NOW.plus(Duration.ofDays(8)))).as("expired: no key to speak with").isEmpty();
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("peer-assist").resolve(OFFICE.hex() + ".json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.load(BRANCH).credential()).as("kept per appliance").isNull();
    }

    @Test
    void aMessageIsHeldOnceHowEverOftenItIsHeldAndLeavesWhenReleased() throws Exception {
        PeerAssistStore store = new PeerAssistStore(dataDir);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Held first = held("dora", keys, "m-1");
        Held other = held("eddy", keys, "m-1");
        store.hold(OFFICE, first);
        store.hold(OFFICE, first);
        store.hold(OFFICE, other);

        assertThat(store.load(OFFICE).held()).as("the same id from two senders is two messages")
                .extracting(h -> h.credential().username()).containsExactly("dora", "eddy");
        store.release(OFFICE, first);
        assertThat(store.load(OFFICE).held()).extracting(h -> h.credential().username()).containsExactly("eddy");
    }

    @Test
    void loggingOutOrAnotherUserDropsTheKeyButNotTheHeldMessages() throws Exception {
        PeerAssistStore store = new PeerAssistStore(dataDir);
        KeyPair doras = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        store.keepIdentity(OFFICE, doras, credential("dora", doras, NOW.plus(Duration.ofDays(7))));
        store.keepPeers(OFFICE, List.of(new PeerAddress("eddy", "192.0.2.7", 40123)));
        store.hold(OFFICE, held("dora", doras, "m-1"));

        KeyPair fays = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        store.keepIdentity(OFFICE, fays, credential("fay", fays, NOW.plus(Duration.ofDays(7))));
        assertThat(store.load(OFFICE).peers()).as("dora's colleagues' addresses are not fay's").isEmpty();
        assertThat(store.load(OFFICE).held()).as("signed by dora, handed in by anyone").hasSize(1);

        store.forgetIdentity(OFFICE);
        PeerAssistStore.Kept afterLogout = store.load(OFFICE);
        assertThat(afterLogout.privateKey()).isNull();
        assertThat(afterLogout.keys(NOW)).isEmpty();
        assertThat(afterLogout.held()).hasSize(1);
    }

    @Test
    void aDamagedFileCountsAsEmptyAndIsReplacedAtTheNextWrite() throws Exception {
        Path file = Files.createDirectories(dataDir.resolve("peer-assist")).resolve(OFFICE.hex() + ".json");
        Files.writeString(file, "{\"username\":\"dora\",\"held\":[{\"credential\":");
        PeerAssistStore store = new PeerAssistStore(dataDir);
        assertThat(store.load(OFFICE).held()).isEmpty();

        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        store.hold(OFFICE, held("dora", keys, "m-2"));
        assertThat(store.load(OFFICE).held()).hasSize(1);
    }

    @Test
    void theApplianceUsedLastIsTheOneWhoseEntryWasWrittenLast() throws Exception {
        PeerAssistStore store = new PeerAssistStore(dataDir);
        assertThat(store.lastUsed()).isEmpty();
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        store.hold(BRANCH, held("dora", keys, "m-1"));
        store.hold(OFFICE, held("dora", keys, "m-2"));
        Files.setLastModifiedTime(dataDir.resolve("peer-assist").resolve(BRANCH.hex() + ".json"), FileTime.from(NOW));
        Files.setLastModifiedTime(dataDir.resolve("peer-assist").resolve(OFFICE.hex() + ".json"),
                FileTime.from(NOW.plusSeconds(60)));
        assertThat(store.lastUsed()).contains(OFFICE);
    }

    /** The store does not check signatures (the appliance and peers do): any bytes will do here. */
    private static PeerCredential credential(String user, KeyPair keys, Instant expires) {
        return new PeerCredential(user, keys.getPublic().getEncoded(), NOW.toEpochMilli(), expires.toEpochMilli(),
                new byte[] {1}, new byte[] {2});
    }

    private static Held held(String user, KeyPair keys, String clientMsgId) {
        return new Held(credential(user, keys, NOW.plus(Duration.ofDays(7))),
                new DirectMessage(clientMsgId, Conversation.GROUP, "hello from " + user, null, NOW.toEpochMilli(), new byte[] {3}));
    }

    @Test
    void theDirectoriesAndTheLockFileAreTheOwnersAloneFromTheFirstWrite() throws Exception {
        Path fresh = dataDir.resolve("lanchat");
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        new PeerAssistStore(fresh).hold(OFFICE, held("dora", keys, "m-1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        Path dir = fresh.resolve("peer-assist");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).extracting(f -> f.getFileName() + " "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .containsExactlyInAnyOrder(".lock rw-------", OFFICE.hex() + ".json rw-------");
        }
    }

    @Test
    void aLockFileAnOlderVersionLeftReadableIsMadeTheOwnersAlone() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("peer-assist"));
        Path lock = Files.createFile(dir.resolve(".lock"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        new PeerAssistStore(dataDir).hold(OFFICE, held("dora", keys, "m-1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
