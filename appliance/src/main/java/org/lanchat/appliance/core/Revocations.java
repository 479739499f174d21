package org.lanchat.appliance.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.protocol.ErrorCode;

/**
 * When the administrator last ended each account's sessions (disabled it, reset its password), on a counter rather
 * than a clock. A login whose checks passed just before the change was stored, and which joins the relay just after
 * the account's connections were ended, would otherwise outlive the change; so whoever checks an account takes
 * {@link #now()} before the checks and asks {@link #since} once it has joined. The change is recorded after it is
 * stored and before the connections are ended: a check that read the database before the change then always sees
 * either its connection ended or the revocation.
 */
public final class Revocations {
    /** The account's sessions were ended at {@code at}, each told {@code reason} and {@code message}. */
    public record Revocation(long at, ErrorCode reason, String message) {
    }

    private final AtomicLong counter = new AtomicLong();
    private final Map<Long, Revocation> latest = new ConcurrentHashMap<>();

    /** Take before checking an account; pass to {@link #since}. */
    public long now() {
        return counter.get();
    }

    /** The account's sessions end now: call once the change is stored, before ending its connections. */
    public void revoke(long userId, ErrorCode reason, String message) {
        latest.put(userId, new Revocation(counter.incrementAndGet(), reason, message));
    }

    /** The revocation that came after {@code checkedAt} (a {@link #now()} taken before the checks), if any. */
    public Optional<Revocation> since(long userId, long checkedAt) {
        Revocation revocation = latest.get(userId);
        return revocation != null && revocation.at() > checkedAt ? Optional.of(revocation) : Optional.empty();
    }
}
