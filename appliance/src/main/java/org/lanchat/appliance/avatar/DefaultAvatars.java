package org.lanchat.appliance.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;
import org.lanchat.protocol.message.Usernames;

/**
 * Generated avatars for users who never set one: a symmetric 5x5 pattern in a colour, both derived from
 * the username, so each person is recognisable at a glance and the picture never changes. Drawn with
 * rectangles only, because a headless server may have no fonts installed.
 */
public final class DefaultAvatars {
    private static final int CELLS = 5;
    private final ConcurrentHashMap<String, AvatarImage> cache = new ConcurrentHashMap<>();

    public AvatarImage forUser(String username) {
        return cache.computeIfAbsent(Usernames.key(username), DefaultAvatars::draw);
    }

    private static AvatarImage draw(String key) {
        byte[] digest = sha256(key);
        float hue = ((digest[0] & 0xFF) | (digest[1] & 0xFF) << 8) / 65536f;
        Color ink = Color.getHSBColor(hue, 0.55f, 0.75f);
        Color paper = new Color(0xF2, 0xF2, 0xF2);
        int size = AvatarProcessor.SIZE;
        int margin = size / 8;
        int cell = (size - 2 * margin) / CELLS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(paper);
            g.fillRect(0, 0, size, size);
            g.setColor(ink);
            for (int row = 0; row < CELLS; row++) {
                for (int col = 0; col < (CELLS + 1) / 2; col++) {
                    boolean filled = ((digest[2 + row] >> col) & 1) == 1;
                    if (filled) {
                        g.fillRect(margin + col * cell, margin + row * cell, cell, cell);
                        g.fillRect(margin + (CELLS - 1 - col) * cell, margin + row * cell, cell, cell);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return AvatarImage.ofPng(AvatarProcessor.encodePng(image));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
