package org.lanchat.client.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import picocli.CommandLine.Option;

/** Where the appliance is, how far to trust it, and who signs in: the options every command takes. */
final class ConnectionOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--appliance", paramLabel = "HOST[:PORT]",
            description = "The appliance's address. Without it: the appliance found on the network (mDNS), or the one used last.")
    String appliance;

    @Option(names = "--user", paramLabel = "NAME", description = "Who to sign in as (default: whoever is signed in).")
    String user;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The client's data directory, with the trusted appliances and the sign-in "
                    + "(default: the desktop app's: $XDG_DATA_HOME/lanchat, else $HOME/.local/share/lanchat).")
    Path dataDir;

    @Option(names = "--no-discovery", description = "Do not look for appliances on the network: use --appliance or the last one.")
    boolean noDiscovery;

    @Option(names = "--trust", paramLabel = "CODE|FINGERPRINT",
            description = "Trust the appliance if it presents this short code (7KQ2-M9XD-4TBE) or full SHA-256 fingerprint, "
                    + "without asking, and no other: for scripts, after comparing the code with your administrator's. "
                    + "Codes in /etc/lanchat/trusted-appliances are trusted the same way.")
    List<String> trust = List.of();

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (else from $" + Context.PASSWORD_VARIABLE
                    + ", else from the terminal). Never give a password as an argument: others can see those.")
    Path passwordFile;

    Path dataDir() {
        return dataDir != null ? dataDir : ClientHome.defaultDataDir();
    }

    Optional<String> user() {
        return Optional.ofNullable(user).filter(u -> !u.isBlank());
    }

    /** The administrator's trust file, and the codes given with {@code --trust}. */
    ProvisionedTrust provisioned() {
        try {
            return ProvisionedTrust.load(trust);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }
}
