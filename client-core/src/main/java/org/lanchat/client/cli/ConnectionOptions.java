package org.lanchat.client.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import picocli.CommandLine.Option;

/** Where the appliance is, how far to trust it, and who signs in: the options every command takes. */
final class ConnectionOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "lanchat.option.help")
    boolean help;

    @Option(names = "--appliance", paramLabel = "HOST[:PORT]", descriptionKey = "lanchat.option.appliance")
    String appliance;

    @Option(names = "--user", paramLabel = "NAME", descriptionKey = "lanchat.option.user")
    String user;

    @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "lanchat.option.dataDir")
    Path dataDir;

    @Option(names = "--no-discovery", descriptionKey = "lanchat.option.noDiscovery")
    boolean noDiscovery;

    @Option(names = "--trust", paramLabel = "CODE|FINGERPRINT", descriptionKey = "lanchat.option.trust")
    List<String> trust = List.of();

    @Option(names = "--password-file", paramLabel = "FILE", descriptionKey = "lanchat.option.passwordFile")
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
            // Its one refusal, a value that is neither a code nor a fingerprint, said in the user's language.
            throw CommandFailure.usage(Texts.text("common.badTrust", String.join(" ", trust)));
        }
    }
}
