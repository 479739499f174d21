package org.lanchat.client.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What logs a user in again without the password ({@link ChatService#resume}): as secret as the password, so
 * it never shows in {@link #toString()}. Every login and registration issues a new one, valid for 30 days;
 * logging out revokes it (PROTOCOL.md §7.12).
 */
public record ResumeToken(String value, Instant expiresAt) {
    public ResumeToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "ResumeToken[<hidden>, expiresAt=" + expiresAt + "]";
    }
}
