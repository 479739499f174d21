package org.lanchat.client.core;

/** Hears {@link ClientEvent}s, one at a time and in order, on the executor it was registered with. */
@FunctionalInterface
public interface ClientListener {
    void onEvent(ClientEvent event);
}
