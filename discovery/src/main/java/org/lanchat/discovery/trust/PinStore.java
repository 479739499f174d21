package org.lanchat.discovery.trust;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's trusted appliances: appliance id to certificate fingerprint, trust on first use, kept in
 * the file {@value #FILE_NAME} in the client's data directory.
 *
 * <p>The rule, in {@link #decide}: a certificate is trusted if it is the one pinned for the appliance id
 * it claims. With no id (an address the user typed) it is trusted if it is pinned for any appliance.
 * Nothing pinned at all is a {@link PinDecision.FirstContact first contact}. Everything else is a
 * {@link PinDecision.Mismatch mismatch}; in particular a new id does not earn automatic trust once
 * something is pinned, or a rogue could simply advertise a fresh id.
 */
public final class PinStore {
    public static final String FILE_NAME = "trusted-appliances.properties";
    private static final Logger log = LoggerFactory.getLogger(PinStore.class);

    private final Path file;
    private final Map<ApplianceId, Pin> pins = new LinkedHashMap<>();

    private PinStore(Path file) {
        this.file = file;
    }

    /**
     * Opens the store in {@code dataDir}; the file is created on the first {@link #pin}.
     *
     * @throws IOException if the file exists but cannot be read or is damaged; a damaged store is not
     *                     silently emptied, because an empty store trusts the next appliance it meets
     */
    public static PinStore open(Path dataDir) throws IOException {
        PinStore store = new PinStore(dataDir.resolve(FILE_NAME));
        if (Files.exists(store.file)) {
            store.load();
        }
        return store;
    }

    public synchronized List<Pin> pins() {
        return List.copyOf(pins.values());
    }

    public synchronized Optional<Pin> pinFor(ApplianceId applianceId) {
        return Optional.ofNullable(pins.get(applianceId));
    }

    /**
     * Judges a presented certificate; changes nothing.
     *
     * @param applianceId the id the appliance claims (from TXT or the last-good record), if known
     */
    public synchronized PinDecision decide(Optional<ApplianceId> applianceId, CertificateFingerprint presented) {
        if (pins.isEmpty()) {
            return new PinDecision.FirstContact(presented);
        }
        if (applianceId.isPresent() && pins.containsKey(applianceId.get())) {
            Pin pin = pins.get(applianceId.get());
            return pin.fingerprint().equals(presented) ? new PinDecision.Trusted(pin)
                    : new PinDecision.Mismatch(pin, presented, true);
        }
        // An unknown id, or none: only a certificate pinned for some appliance is good enough. That covers an
        // appliance reinstalled with its certificate restored from backup but a new id.
        for (Pin pin : pins.values()) {
            if (pin.fingerprint().equals(presented)) {
                return new PinDecision.Trusted(pin);
            }
        }
        return new PinDecision.Mismatch(mostRecent(), presented, false);
    }

    /**
     * Trusts {@code fingerprint} for {@code applianceId} from now on, replacing any earlier pin for that id:
     * on first contact, or after the user compared the short code with the admin's.
     */
    public synchronized Pin pin(ApplianceId applianceId, String name, CertificateFingerprint fingerprint)
            throws IOException {
        Pin pin = new Pin(applianceId, name, fingerprint, Instant.now());
        Pin previous = pins.put(applianceId, pin);
        try {
            save();
        } catch (IOException e) {
            if (previous == null) {
                pins.remove(applianceId);
            } else {
                pins.put(applianceId, previous);
            }
            throw e;
        }
        log.info("Trusting appliance \"{}\" ({}) with certificate code {}", name, applianceId, fingerprint.shortCode());
        return pin;
    }

    /** Forgets an appliance; the next contact with it needs trust again. */
    public synchronized void forget(ApplianceId applianceId) throws IOException {
        if (pins.remove(applianceId) != null) {
            save();
        }
    }

    private Pin mostRecent() {
        return pins.values().stream().max(Comparator.comparing(Pin::pinnedAt)).orElseThrow();
    }

    private void load() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        TreeSet<String> ids = new TreeSet<>();
        properties.stringPropertyNames().forEach(key -> ids.add(key.substring(0, Math.max(0, key.indexOf('.')))));
        for (String id : ids) {
            try {
                ApplianceId applianceId = new ApplianceId(id);
                pins.put(applianceId, new Pin(applianceId,
                        properties.getProperty(id + ".name", ""),
                        new CertificateFingerprint(required(properties, id + ".fingerprint")),
                        Instant.parse(required(properties, id + ".pinned"))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IOException(file + " is damaged near '" + id + "': " + e.getMessage()
                        + ". Fix or delete it; deleting it means trusting appliances afresh.", e);
            }
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value;
    }

    private void save() throws IOException {
        Properties properties = new Properties();
        for (Pin pin : pins.values()) {
            String id = pin.applianceId().value();
            properties.setProperty(id + ".name", pin.name());
            properties.setProperty(id + ".fingerprint", pin.fingerprint().hex());
            properties.setProperty(id + ".pinned", pin.pinnedAt().toString());
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "LAN Chat: appliances this computer trusts (id -> certificate fingerprint)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OwnerOnlyFile.write(file, text.toString());
    }
}
