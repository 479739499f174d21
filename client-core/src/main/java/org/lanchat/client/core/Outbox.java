package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Messages typed but not yet acknowledged, in the order they were typed, keyed by client message id.
 * A message leaves only when its {@code ack} arrives (or the user logs out); a failed one stays, marked,
 * until retried. Confined to the client's loop.
 */
final class Outbox {
    private final Map<String, Item> items = new LinkedHashMap<>();

    static final class Item {
        ChatEntry entry;
        /** Counts transmissions, so that the outcome of one overtaken by a later one is ignored. */
        int attempt;
        boolean inFlight;
        /** Set once it went out over peer links: then it is handed to the appliance as sent, with its send time. */
        PeerAssistStore.Held direct;
        /** Who waits for the acknowledgement ({@link ChatService#delivered}). */
        final List<CompletableFuture<ChatEntry>> waiting = new ArrayList<>();

        Item(ChatEntry entry) {
            this.entry = entry;
        }
    }

    Item add(ChatEntry entry) {
        Item item = new Item(entry);
        items.put(entry.clientMsgId(), item);
        return item;
    }

    Optional<Item> get(String clientMsgId) {
        return Optional.ofNullable(items.get(clientMsgId));
    }

    void remove(String clientMsgId) {
        items.remove(clientMsgId);
    }

    /** Pending messages (or sent directly) not on the wire right now, oldest first: what to (re)send. */
    List<Item> waiting() {
        List<Item> waiting = new ArrayList<>();
        for (Item item : items.values()) {
            Delivery delivery = item.entry.delivery();
            if (!item.inFlight && (delivery == Delivery.PENDING || delivery == Delivery.DIRECT)) {
                waiting.add(item);
            }
        }
        return waiting;
    }

    /**
     * Whether a later message sent now could be stored before this one. The appliance stores a plain message in the order
     * it arrives, but one it must first look into (a message handed in as sent directly, a reply, a file) may be stored
     * after a later plain one (PROTOCOL.md §7.1): so nothing after it goes out until it is acknowledged.
     */
    static boolean mayBeOvertaken(Item item) {
        return item.direct != null || item.entry.replyTo() != null || item.entry.hasFile();
    }

    /** Whether such a message is on the wire: then the ones after it wait for its acknowledgement. */
    boolean overtakableInFlight() {
        return items.values().stream().anyMatch(item -> item.inFlight && mayBeOvertaken(item));
    }

    /** Forgets every message; returns them so they can be shown as failed. */
    List<Item> drain() {
        List<Item> all = List.copyOf(items.values());
        items.clear();
        return all;
    }

    /** The connection is gone: nothing is on the wire any more. */
    void allOffTheWire() {
        items.values().forEach(i -> i.inFlight = false);
    }
}
