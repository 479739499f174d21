package org.lanchat.client.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ServerMessage;

/** How the parts of the client ask the appliance something: {@link Link} is the real one, tests fake it. */
interface Requests {
    /**
     * Sends the request {@code build} makes from a fresh id on the current connection. The future completes on
     * the client's loop with the reply, or fails with {@link ChatException} when the appliance refuses, with
     * {@link org.lanchat.client.core.net.ConnectionClosedException} when there is no connection or it is lost
     * first, with a {@link java.util.concurrent.TimeoutException}, or with an {@link java.io.IOException} when
     * the appliance answers something else than {@code expected}.
     */
    <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build, Class<T> expected);
}
