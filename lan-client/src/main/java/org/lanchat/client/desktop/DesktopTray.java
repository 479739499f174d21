package org.lanchat.client.desktop;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.i18n.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon (AWT {@link SystemTray}), where the desktop has one: LAN Chat keeps running and notifying while
 * its window is closed. Clicking the icon opens the window; its menu is {@link TrayMenu}. Everything AWT happens
 * on the AWT event thread; what the menu does is the caller's to hand over to the FX thread.
 */
public final class DesktopTray {
    private static final Logger log = LoggerFactory.getLogger(DesktopTray.class);
    private final TrayIcon icon;

    private DesktopTray(TrayIcon icon) {
        this.icon = icon;
    }

    /**
     * Adds the icon, if this desktop has a tray (not under a headless JVM, not on GNOME without the extension).
     * Blocks briefly for the AWT thread.
     */
    public static Optional<DesktopTray> install(TrayMenu menu) {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            return Optional.empty();
        }
        CompletableFuture<Optional<DesktopTray>> added = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                TrayIcon icon = new TrayIcon(image(), Texts.text("app.name"), popup(menu));
                icon.setImageAutoSize(true);
                icon.addActionListener(e -> menu.open());
                SystemTray.getSystemTray().add(icon);
                added.complete(Optional.of(new DesktopTray(icon)));
            } catch (AWTException | RuntimeException e) {
                log.info("No tray icon ({}); closing the window quits LAN Chat", e.toString());
                added.complete(Optional.empty());
            }
        });
        return added.join();
    }

    private static PopupMenu popup(TrayMenu menu) {
        PopupMenu popup = new PopupMenu();
        MenuItem open = new MenuItem(TrayMenu.openText());
        open.addActionListener(e -> menu.open());
        popup.add(open);
        if (menu.offersAutostart()) {
            CheckboxMenuItem atLogin = new CheckboxMenuItem(TrayMenu.startAtLoginText(), menu.startsAtLogin());
            atLogin.addItemListener(e -> atLogin.setState(menu.startAtLogin(atLogin.getState())));
            popup.add(atLogin);
        }
        popup.addSeparator();
        MenuItem quit = new MenuItem(TrayMenu.quitText());
        quit.addActionListener(e -> menu.quit());
        popup.add(quit);
        return popup;
    }

    /** A note from the tray: a message that arrived while the window is closed, say. */
    public void notify(String caption, String text) {
        EventQueue.invokeLater(() -> icon.displayMessage(caption, text, TrayIcon.MessageType.NONE));
    }

    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }

    /** A speech bubble in the app's blue, drawn here: no image file to ship or lose. */
    static BufferedImage image() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x1f, 0x5f, 0xbf));
        g.fill(new RoundRectangle2D.Double(4, 6, 56, 40, 18, 18));
        g.fillPolygon(new int[] {16, 30, 14}, new int[] {42, 42, 58}, 3);
        g.setColor(Color.WHITE);
        for (int x : new int[] {18, 32, 46}) {
            g.fillOval(x - 4, 22, 8, 8);
        }
        g.dispose();
        return image;
    }
}
