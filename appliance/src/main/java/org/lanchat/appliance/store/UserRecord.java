package org.lanchat.appliance.store;

/**
 * An account row. {@code passwordHash} is an argon2id PHC string, never a password; {@code displayName} is
 * null when the user has none (PROTOCOL §7.17).
 */
public record UserRecord(long id, String username, String passwordHash, boolean disabled, String displayName) {
    public UserRecord(long id, String username, String passwordHash, boolean disabled) {
        this(id, username, passwordHash, disabled, null);
    }

    @Override
    public String toString() {
        return "UserRecord[id=" + id + ", username=" + username + ", disabled=" + disabled
                + (displayName == null ? "" : ", displayName=" + displayName) + "]";
    }
}
