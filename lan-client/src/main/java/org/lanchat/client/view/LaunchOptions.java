package org.lanchat.client.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.i18n.Texts;

/**
 * The desktop app's command line. Each option takes its value as {@code --name=value} or {@code --name value}:
 *
 * <ul>
 *   <li>{@code --data-dir DIR}: where trust, the last appliance and sign-ins are kept (default
 *       {@code ~/.local/share/lanchat});</li>
 *   <li>{@code --appliance HOST[:PORT]}: connect to that address straight away;</li>
 *   <li>{@code --no-discovery}: do not browse the LAN;</li>
 *   <li>{@code --trust CODE|FINGERPRINT} (repeatable): trust only this appliance, as the administrator's
 *       trust file does; the user can then trust no other;</li>
 *   <li>{@code --background}: start in the tray, without opening the window (used by "start when I log in");</li>
 *   <li>{@code --lang system|en|zh-CN}: speak this language, whatever the settings say (this run only).</li>
 * </ul>
 *
 * @param trust the {@code --trust} values, unchecked; {@code ProvisionedTrust.load} checks them
 * @param language the {@code --lang} value; empty means the saved setting
 */
public record LaunchOptions(Path dataDir, Optional<String> appliance, boolean discovery, List<String> trust,
        boolean background, Optional<Language> language) {

    public LaunchOptions {
        trust = List.copyOf(trust);
    }

    /**
     * @throws IllegalArgumentException naming the option, for an unknown option or a missing value
     */
    public static LaunchOptions parse(List<String> args) {
        Path dataDir = null;
        Optional<String> appliance = Optional.empty();
        boolean discovery = true;
        boolean background = false;
        Optional<Language> language = Optional.empty();
        List<String> trust = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--no-discovery" -> discovery = false;
                case "--background" -> background = true;
                case "--data-dir", "--appliance", "--trust", "--lang" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(Texts.text("launch.needsValue", name));
                    }
                    switch (name) {
                        case "--data-dir" -> dataDir = Path.of(value);
                        case "--appliance" -> appliance = Optional.of(value);
                        case "--lang" -> language = Optional.of(Language.of(value));
                        default -> trust.add(value);
                    }
                }
                default -> throw new IllegalArgumentException(Texts.text("launch.unknownOption", arg,
                        "--data-dir, --appliance, --no-discovery, --trust, --background, --lang"));
            }
        }
        return new LaunchOptions(dataDir != null ? dataDir : ClientHome.defaultDataDir(), appliance, discovery, trust,
                background, language);
    }
}
