package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.trust.TrustTarget;

/** The appliances the user can choose from. {@link LanApplianceDirectory} is the real one. */
public interface ApplianceDirectory extends AutoCloseable {

    /**
     * Follows the appliances discovered on the LAN; {@code listener} gets the whole list now and after every
     * change, on a discovery thread.
     */
    void watch(Consumer<List<ApplianceChoice>> listener);

    /**
     * The appliances discovered on the LAN now. By default none: a directory that cannot tell leaves every
     * trusted appliance "absent", which makes a stranger a hard warning rather than a soft question.
     */
    default List<ApplianceChoice> onNetwork() {
        return List.of();
    }

    /** The appliance this computer last logged in to, if any. */
    Optional<ApplianceChoice> lastGood();

    /**
     * Resolves an address the user typed ({@code host}, {@code host:port}, {@code [ipv6]:port}). Blocks on DNS.
     *
     * @throws IllegalArgumentException with a message for the user if it is malformed or does not resolve
     */
    ApplianceChoice manual(String typed);

    /** Remembers the appliance after a successful login, for the next start. */
    void remember(ApplianceChoice choice) throws IOException;

    /**
     * Where to (re)connect to {@code choice}: asked on every reconnect, so that an appliance that moved to
     * another address or port (and is still discovered) is followed.
     */
    Supplier<TrustTarget> follow(ApplianceChoice choice);

    /** The browser discovering the LAN, if discovery runs: it finds colleagues' clients in peer mode too. */
    default Optional<ApplianceBrowser> browser() {
        return Optional.empty();
    }

    @Override
    void close();
}
