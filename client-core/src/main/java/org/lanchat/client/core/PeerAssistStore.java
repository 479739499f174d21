package org.lanchat.client.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.lanchat.discovery.trust.OwnerOnlyFile;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client keeps on disk for when the appliance is away, per appliance (by its pinned fingerprint): the
 * user's peer key with the credential the appliance issued for it and where colleagues took peer links when
 * the appliance last said; and every message sent or received directly that the appliance has not stored
 * yet. So a {@code lanchat send} started while the appliance is down can still reach colleagues, and what went
 * directly is handed in by whichever client program on this computer reaches the appliance next, even after
 * a restart.
 *
 * <p>The file holds a private key: it is owner-only (0600), replaced whole, and changed under a file lock,
 * since the desktop app and {@code lanchat} commands share the data directory. A damaged file counts as
 * empty (and is replaced at the next write): nothing here is the only copy of anything but the held messages,
 * and those were reached to colleagues, who hand them in too.
 */
public final class PeerAssistStore {
    static final String DIRECTORY = "peer-assist";
    private static final Logger log = LoggerFactory.getLogger(PeerAssistStore.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Threads of one process must not take the file lock twice (the JDK refuses). */
    private static final Object IN_PROCESS = new Object();

    /** A message sent or received directly, with the credential of its sender: what {@code submit_direct} takes. */
    public record Held(PeerCredential credential, DirectMessage message) {
        /** The sender and the sender's id: what the appliance stores once. */
        boolean sameAs(Held other) {
            return Usernames.key(credential.username()).equals(Usernames.key(other.credential.username()))
                    && message.clientMsgId().equals(other.message.clientMsgId());
        }
    }

    /** What is kept for one appliance. */
    public record Kept(String username, byte[] privateKey, PeerCredential credential, List<PeerAddress> peers,
            List<Held> held) {
        public Kept {
            peers = peers == null ? List.of() : List.copyOf(peers);
            held = held == null ? List.of() : List.copyOf(held);
        }

        static Kept empty() {
            return new Kept(null, null, null, List.of(), List.of());
        }

        /** The peer key and the credential for it, while the credential is valid at {@code now}. */
        public Optional<KeyPair> keys(Instant now) {
            if (credential == null || privateKey == null || now.toEpochMilli() >= credential.expiresAt()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new KeyPair(PeerCredentials.peerKey(credential.publicKey()),
                        KeyFactory.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateKey))));
            } catch (GeneralSecurityException e) {
                log.info("The kept peer key cannot be read: {}", e.getMessage());
                return Optional.empty();
            }
        }
    }

    private final Path dir;

    public PeerAssistStore(Path dataDir) {
        this.dir = dataDir.resolve(DIRECTORY);
    }

    public Kept load(CertificateFingerprint appliance) {
        synchronized (IN_PROCESS) {
            return read(file(appliance));
        }
    }

    /** The appliance whose entry was written last: the one a client on this computer used most recently. */
    public Optional<CertificateFingerprint> lastUsed() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(PeerAssistStore::modified))
                    .map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .flatMap(PeerAssistStore::fingerprint);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.info("Cannot list {}: {}", dir, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The user's peer key and its new credential. Held messages stay whoever signs in: each is signed by its
     * sender and handed in with the sender's credential, by anyone.
     */
    void keepIdentity(CertificateFingerprint appliance, KeyPair keys, PeerCredential credential) {
        update(appliance, kept -> {
            boolean sameUser = kept.username() != null
                    && Usernames.key(kept.username()).equals(Usernames.key(credential.username()));
            return new Kept(credential.username(), keys.getPrivate().getEncoded(), credential,
                    sameUser ? kept.peers() : List.of(), kept.held());
        });
    }

    void keepPeers(CertificateFingerprint appliance, List<PeerAddress> peers) {
        update(appliance, kept -> new Kept(kept.username(), kept.privateKey(), kept.credential(), peers, kept.held()));
    }

    /** Keeps a message sent or received directly until {@link #release} (once, however often it is held). */
    public void hold(CertificateFingerprint appliance, Held message) {
        update(appliance, kept -> {
            if (kept.held().stream().anyMatch(message::sameAs)) {
                return kept;
            }
            List<Held> held = new ArrayList<>(kept.held());
            held.add(message);
            return new Kept(kept.username(), kept.privateKey(), kept.credential(), kept.peers(), held);
        });
    }

    /** The appliance stored it (or refused it for good). */
    void release(CertificateFingerprint appliance, Held message) {
        update(appliance, kept -> new Kept(kept.username(), kept.privateKey(), kept.credential(), kept.peers(),
                kept.held().stream().filter(h -> !h.sameAs(message)).toList()));
    }

    /**
     * The user logged out: their peer key goes, so that nobody else at this computer can speak as them directly
     * until it expires. Held messages stay, to be handed in.
     */
    void forgetIdentity(CertificateFingerprint appliance) {
        update(appliance, kept -> new Kept(null, null, null, List.of(), kept.held()));
    }

    private void update(CertificateFingerprint appliance, UnaryOperator<Kept> change) {
        Path file = file(appliance);
        synchronized (IN_PROCESS) {
            try {
                OwnerOnly.directory(dir.getParent());
                OwnerOnly.directory(dir);
                try (FileChannel lockFile = OwnerOnly.lockFile(dir.resolve(".lock")); FileLock ignored = lockFile.lock()) {
                    OwnerOnlyFile.write(file, JSON.writeValueAsString(change.apply(read(file))));
                }
            } catch (IOException e) {
                log.warn("Cannot keep what peer assistance needs in {}: {}", file, e.getMessage());
            }
        }
    }

    private static Kept read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), Kept.class);
        } catch (NoSuchFileException e) {
            return Kept.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the damaged {}: {}", file, e.getMessage());
            return Kept.empty();
        }
    }

    private Path file(CertificateFingerprint appliance) {
        return dir.resolve(appliance.hex() + ".json");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Optional<CertificateFingerprint> fingerprint(String hex) {
        try {
            return Optional.of(new CertificateFingerprint(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
