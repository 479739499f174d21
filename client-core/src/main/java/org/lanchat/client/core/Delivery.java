package org.lanchat.client.core;

/**
 * How far a message has got. Messages from others are {@link #DELIVERED}, or {@link #DIRECT} while only a peer
 * link has brought them.
 */
public enum Delivery {
    /** Typed, not yet acknowledged: waiting for a connection, or sent and waiting for the ack. */
    PENDING,
    /** Committed by the appliance (acknowledged), or received. */
    DELIVERED,
    /**
     * Sent directly between colleagues while the appliance did not answer (PROTOCOL.md §7.14): shown, but not yet
     * stored by the appliance, so it has no sequence number; it becomes {@link #DELIVERED} when the appliance has it.
     */
    DIRECT,
    /** Refused by the appliance for good (too long, unknown recipient, ...); the user may retry or discard it. */
    FAILED
}
