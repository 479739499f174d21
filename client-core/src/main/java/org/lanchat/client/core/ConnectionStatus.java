package org.lanchat.client.core;

/** Where the client's link to the appliance stands, as the user should see it. */
public enum ConnectionStatus {
    /** Not connected and not trying: before the first login, after logout, or after the session ended. */
    OFFLINE,
    /** Opening the connection and logging in. */
    CONNECTING,
    /** Logged in; messages flow. */
    ONLINE,
    /** The connection was lost; retrying with backoff, messages typed meanwhile wait in the outbox. */
    RECONNECTING
}
