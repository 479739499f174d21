package org.lanchat.client.core;

import com.github.f4b6a3.uuid.UuidCreator;

/**
 * New client message ids (PROTOCOL §7.3): UUIDs of version 7 (RFC 9562), whose text sorts in the order they were
 * made (within one millisecond too: the random part counts up). The appliance keeps a unique index on (account, client message id); ids that arrive in order are added
 * at the end of the account's part of that index instead of at a random place in it, which makes every stored
 * message cheaper to commit. They are as unique as random UUIDs, and the appliance accepts any id either way.
 */
public final class ClientMessageIds {
    private ClientMessageIds() {
    }

    public static String next() {
        return UuidCreator.getTimeOrderedEpochPlus1().toString();
    }
}
