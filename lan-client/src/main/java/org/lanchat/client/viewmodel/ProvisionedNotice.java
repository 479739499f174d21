package org.lanchat.client.viewmodel;

import java.util.ArrayList;
import java.util.List;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.client.i18n.Texts;

/**
 * Tells the user when the administrator, not they, decides which appliances are trusted, so that a refused
 * appliance is not a mystery and an ignored trust file does not go unnoticed.
 */
final class ProvisionedNotice {
    private ProvisionedNotice() {
    }

    /** Empty when the user decides; otherwise the trusted codes, then why a trust file was ignored. */
    static String of(ProvisionedTrust provisioned) {
        List<String> lines = new ArrayList<>();
        if (provisioned.isProvisioned()) {
            lines.add(Texts.text("provisioned.notice", String.join(", ", provisioned.shortCodes())));
        }
        provisioned.warnings().forEach(warning -> lines.add(sentence(warning)));
        return String.join("\n", lines);
    }

    /** Why the trust file, or a line of it, was not believed: the core's English stays in the log. */
    static String sentence(TrustFileWarning warning) {
        String key = "coreTexts.trustFile." + warning.kind().name();
        return Texts.text(key, warning.arguments().toArray());
    }
}
