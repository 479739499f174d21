package org.lanchat.discovery.locate;

/** Which way the client found the appliance; the client says so to the user. */
public enum FoundBy {
    /** Answered on the LAN over mDNS/DNS-SD. */
    DISCOVERY,
    /** Nothing answered; the last appliance that worked is reachable at the address it had then. */
    CACHED,
    /** Nothing answered and nothing cached worked; the address the user gave. */
    MANUAL
}
