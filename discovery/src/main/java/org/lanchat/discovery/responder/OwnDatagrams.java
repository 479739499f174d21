package org.lanchat.discovery.responder;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The datagrams one advertiser's responders sent in the last few seconds, by fingerprint: how a responder tells its
 * own multicast, looped back to it, from another responder's on the same machine. Both come from the machine's
 * address and port 5353, so the source cannot tell them apart, and RFC 6762 §15 asks that several responders on one
 * host hear each other: a second appliance started beside the first must meet its answer and become "Name (2)", an
 * Avahi publishing our name must be noticed, a goodbye from a sibling for the host name we share must be answered.
 *
 * <p>A datagram of another responder with the very same bytes as one of ours would say exactly what we said;
 * taking it for ours loses nothing. Thread-safe: the responder threads record, the socket threads look up.
 */
final class OwnDatagrams {
    /** Looping back takes microseconds; a socket thread held up by a flood may read its backlog a little later. */
    static final long REMEMBERED_MS = 5000;
    /** Enough for every multicast an advertiser makes in {@link #REMEMBERED_MS}, which the once-a-second rule bounds. */
    private static final int MAX_REMEMBERED = 1024;

    private final LongSupplier clock;
    /** Fingerprint to the time it was sent, oldest first. */
    private final LinkedHashMap<Fingerprint, Long> sentAt = new LinkedHashMap<>();

    /** The length goes first: most datagrams heard differ from all of ours in it, and need no hashing (a flood). */
    private record Fingerprint(int length, ByteBuffer sha256) {
    }

    OwnDatagrams(LongSupplier clock) {
        this.clock = clock;
    }

    /** Remembers a datagram about to be sent: recorded before sending, since its copy may come back before the send returns. */
    synchronized void sending(byte[] datagram) {
        long now = clock.getAsLong();
        forgetOlderThan(now - REMEMBERED_MS);
        Fingerprint fingerprint = fingerprint(datagram, datagram.length);
        sentAt.remove(fingerprint); // re-inserted, so it moves to the end of the oldest-first order
        sentAt.put(fingerprint, now);
        if (sentAt.size() > MAX_REMEMBERED) {
            sentAt.pollFirstEntry();
        }
    }

    /** Whether the first {@code length} bytes of {@code data} are a datagram we sent within the last few seconds. */
    synchronized boolean sentLately(byte[] data, int length) {
        forgetOlderThan(clock.getAsLong() - REMEMBERED_MS);
        return sentAt.keySet().stream().anyMatch(sent -> sent.length() == length)
                && sentAt.containsKey(fingerprint(data, length));
    }

    private void forgetOlderThan(long cutoff) {
        for (var oldest = sentAt.firstEntry(); oldest != null && oldest.getValue() < cutoff;
                oldest = sentAt.firstEntry()) {
            sentAt.pollFirstEntry();
        }
    }

    private static Fingerprint fingerprint(byte[] data, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(data, 0, length);
            return new Fingerprint(length, ByteBuffer.wrap(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
