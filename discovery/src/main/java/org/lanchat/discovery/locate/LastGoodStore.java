package org.lanchat.discovery.locate;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the {@link LastGoodAppliance} in the file {@value #FILE_NAME} in the client's data directory. */
public final class LastGoodStore {
    public static final String FILE_NAME = "last-appliance.properties";
    private static final Logger log = LoggerFactory.getLogger(LastGoodStore.class);

    private final Path file;

    public LastGoodStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** The last appliance that worked; empty if none, or if the file is unreadable (it is only a cache). */
    public synchronized Optional<LastGoodAppliance> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            String id = properties.getProperty("id", "");
            return Optional.of(new LastGoodAppliance(
                    id.isEmpty() ? Optional.empty() : Optional.of(new ApplianceId(id)),
                    properties.getProperty("name", ""),
                    new HostPort(properties.getProperty("host", ""), Integer.parseInt(properties.getProperty("port")))));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the last-appliance cache {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    public synchronized void save(LastGoodAppliance appliance) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("id", appliance.applianceId().map(ApplianceId::value).orElse(""));
        properties.setProperty("name", appliance.name());
        properties.setProperty("host", appliance.address().host());
        properties.setProperty("port", Integer.toString(appliance.address().port()));
        StringWriter text = new StringWriter();
        properties.store(text, "LAN Chat: the appliance this computer last logged in to");
        OwnerOnlyFile.write(file, text.toString());
    }
}
