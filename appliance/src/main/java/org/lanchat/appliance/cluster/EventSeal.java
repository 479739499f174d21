package org.lanchat.appliance.cluster;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what a member puts on the bus with an HMAC-SHA256 under a key only members know, so that nobody else who
 * can publish on the NATS server (an open server on the LAN, another cluster's member, a stolen bus password) can
 * make members deliver a forged message, disconnect a user or block a login. The key is derived from the
 * cluster's identity in the shared database, which every member reads and nobody else can.
 *
 * <p>A sealed event is the 32-byte MAC followed by the event's JSON.
 */
final class EventSeal {
    static final int MAC_BYTES = 32;
    private final SecretKeySpec key;

    /** @param secret material only members have (the cluster authority's key) */
    EventSeal(byte[] secret) {
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256").digest(concat("LAN Chat cluster bus v1\0".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII), secret));
            key = new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    byte[] seal(byte[] event) {
        return concat(mac(event), event);
    }

    /** The event inside a sealed message, or empty when it was not sealed with the members' key. */
    Optional<byte[]> open(byte[] sealed) {
        if (sealed.length < MAC_BYTES) {
            return Optional.empty();
        }
        byte[] event = Arrays.copyOfRange(sealed, MAC_BYTES, sealed.length);
        return MessageDigest.isEqual(mac(event), Arrays.copyOf(sealed, MAC_BYTES)) ? Optional.of(event) : Optional.empty();
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
