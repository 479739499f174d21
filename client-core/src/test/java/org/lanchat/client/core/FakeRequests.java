package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ServerMessage;

/**
 * The appliance's side of {@link Requests} for unit tests, without a socket: records every request, and the test
 * answers each with {@link #reply} or {@link #fail}, in any order, whenever it likes.
 */
final class FakeRequests implements Requests {
    record Sent(ClientMessage message, CompletableFuture<ServerMessage> reply) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private int ids;

    @Override
    public <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build, Class<T> expected) {
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        sent.add(new Sent(build.apply(Integer.toString(++ids)), reply));
        return reply.thenApply(expected::cast);
    }

    /** Every request sent so far, oldest first. */
    List<ClientMessage> sent() {
        return sent.stream().map(Sent::message).toList();
    }

    /** Requests of this type not answered yet, oldest first. */
    <M extends ClientMessage> List<M> open(Class<M> type) {
        return sent.stream().filter(s -> !s.reply().isDone() && type.isInstance(s.message()))
                .map(s -> type.cast(s.message())).toList();
    }

    void reply(ClientMessage request, ServerMessage answer) {
        find(request).complete(answer);
    }

    void fail(ClientMessage request, Throwable failure) {
        find(request).completeExceptionally(failure);
    }

    private CompletableFuture<ServerMessage> find(ClientMessage request) {
        return sent.stream().filter(s -> s.message() == request).findFirst().orElseThrow().reply();
    }
}
