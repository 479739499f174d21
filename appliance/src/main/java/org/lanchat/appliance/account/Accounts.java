package org.lanchat.appliance.account;

/**
 * What a connection asks of the accounts: log in (three ways) and out. Every method blocks (password
 * hashing, database), so callers run it off the I/O threads. A refusal is a
 * {@link org.lanchat.appliance.core.Refused} whose message never says whether a name exists.
 */
public interface Accounts {
    /**
     * A logged-in identity and the token to resume it. {@code deviceCookie} is set when the password was
     * given ({@code register}, {@code login}) and goes to the client in its {@code session} reply.
     */
    record Authenticated(long userId, String username, String token, long tokenExpiresAt, String deviceCookie) {
        @Override
        public String toString() {
            return "Authenticated[userId=" + userId + ", username=" + username + "]";
        }
    }

    /**
     * Creates the account (with its avatar and display name, each if given) and logs it in. A display name that
     * breaks §7.17 or looks like another user's name refuses the registration: no account is created.
     */
    Authenticated register(String username, String password, byte[] avatarUpload, String displayName, String address);

    /** Creates the account without a display name. */
    default Authenticated register(String username, String password, byte[] avatarUpload, String address) {
        return register(username, password, avatarUpload, null, address);
    }

    /**
     * Logs in with the password. A valid {@code deviceCookie} for this account (one an earlier login on the
     * same device received) is counted on its own, past any account-wide block; an invalid, expired or
     * foreign one, like {@code null}, is a login without a cookie.
     */
    Authenticated login(String username, String password, String deviceCookie, String address);

    /** Logs in again with the token of an earlier login. */
    Authenticated resume(String token, String address);

    /** Ends the login the token belongs to; connections already logged in with it stay until they close. */
    void logout(String token);
}
