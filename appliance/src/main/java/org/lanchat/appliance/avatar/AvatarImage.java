package org.lanchat.appliance.avatar;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A ready-to-serve avatar: PNG bytes and their SHA-256, which clients use as a cache key. */
public record AvatarImage(String contentType, String sha256, byte[] png) {

    static AvatarImage ofPng(byte[] png) {
        try {
            return new AvatarImage("image/png", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), png);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
