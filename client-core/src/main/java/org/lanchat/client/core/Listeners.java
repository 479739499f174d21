package org.lanchat.client.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everyone listening to a client: each event goes to every listener, in order, on the executor it chose. The
 * parts of the client emit through this as a plain {@link ClientListener}.
 */
final class Listeners implements ClientListener {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    void add(ClientListener listener, Executor executor) {
        registrations.add(new Registration(listener, executor));
    }

    @Override
    public void onEvent(ClientEvent event) {
        for (Registration registration : registrations) {
            registration.executor().execute(() -> {
                try {
                    registration.listener().onEvent(event);
                } catch (RuntimeException e) {
                    log.error("A listener failed on {}", event, e);
                }
            });
        }
    }

    private record Registration(ClientListener listener, Executor executor) {
    }
}
