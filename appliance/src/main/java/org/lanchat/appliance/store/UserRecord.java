package org.lanchat.appliance.store;

/** An account row. {@code passwordHash} is an argon2id PHC string, never a password. */
public record UserRecord(long id, String username, String passwordHash, boolean disabled) {
    @Override
    public String toString() {
        return "UserRecord[id=" + id + ", username=" + username + ", disabled=" + disabled + "]";
    }
}
