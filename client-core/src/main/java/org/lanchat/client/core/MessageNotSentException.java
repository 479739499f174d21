package org.lanchat.client.core;

/**
 * A message the client gave up on: the appliance refused it for good, or the user logged out before it was
 * acknowledged. {@link #entry()} is the message as it now stands, failed, with the reason.
 */
public final class MessageNotSentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ChatEntry entry;

    public MessageNotSentException(ChatEntry entry) {
        super(entry.failure().map(ClientProblem::detail).orElse("not sent"));
        this.entry = entry;
    }

    public ChatEntry entry() {
        return entry;
    }
}
