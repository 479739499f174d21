package org.lanchat.client.core;

/** How far one of the user's own messages has got. Messages from others are always {@link #DELIVERED}. */
public enum Delivery {
    /** Typed, not yet acknowledged: waiting for a connection, or sent and waiting for the ack. */
    PENDING,
    /** Committed by the appliance (acknowledged), or received. */
    DELIVERED,
    /** Refused by the appliance for good (too long, unknown recipient, ...); the user may retry or discard it. */
    FAILED
}
