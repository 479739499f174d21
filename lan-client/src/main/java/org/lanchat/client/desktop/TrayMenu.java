package org.lanchat.client.desktop;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.lanchat.client.i18n.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tray menu does, apart from how it is drawn: Open, Start when I log in (ticked while autostart is on;
 * absent where there is none), Quit. Both the AWT tray and a JavaFX rendering of the same menu use it.
 */
public final class TrayMenu {
    // Methods rather than constants: a text is read in the language in use when the menu is drawn.
    public static String openText() {
        return Texts.text("tray.open");
    }

    public static String startAtLoginText() {
        return Texts.text("tray.startAtLogin");
    }

    public static String quitText() {
        return Texts.text("tray.quit");
    }
    private static final Logger log = LoggerFactory.getLogger(TrayMenu.class);

    private final Runnable open;
    private final Runnable quit;
    private final Optional<Autostart> autostart;
    private final Consumer<String> problem;

    /** @param problem told, in a sentence, when autostart cannot be changed */
    public TrayMenu(Runnable open, Runnable quit, Optional<Autostart> autostart, Consumer<String> problem) {
        this.open = open;
        this.quit = quit;
        this.autostart = autostart;
        this.problem = problem;
    }

    public void open() {
        open.run();
    }

    public void quit() {
        quit.run();
    }

    public boolean offersAutostart() {
        return autostart.isPresent();
    }

    public boolean startsAtLogin() {
        return autostart.map(Autostart::enabled).orElse(false);
    }

    /** Turns "start when I log in" on or off; answers whether it is on afterwards. */
    public boolean startAtLogin(boolean wanted) {
        if (autostart.isEmpty()) {
            return false;
        }
        try {
            if (wanted) {
                autostart.get().enable();
            } else {
                autostart.get().disable();
            }
        } catch (IOException e) {
            log.warn("Could not change start at login: {}", e.toString());
            problem.accept(Texts.text("tray.startAtLoginFailed", startAtLoginText(), Texts.trouble(e)));
        }
        return startsAtLogin();
    }
}
