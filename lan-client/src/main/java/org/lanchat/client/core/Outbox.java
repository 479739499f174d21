package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages typed but not yet acknowledged, in the order they were typed, keyed by client message id.
 * A message leaves only when its {@code ack} arrives (or the user logs out); a failed one stays, marked,
 * until retried. Confined to the client's core thread.
 */
final class Outbox {
    private final Map<String, Item> items = new LinkedHashMap<>();

    static final class Item {
        ChatEntry entry;
        boolean inFlight;

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

    /** Pending messages not on the wire right now, oldest first: what to (re)send. */
    List<Item> waiting() {
        List<Item> waiting = new ArrayList<>();
        for (Item item : items.values()) {
            if (!item.inFlight && item.entry.delivery() == Delivery.PENDING) {
                waiting.add(item);
            }
        }
        return waiting;
    }

    /** Forgets every message (on logout); returns them so they can be shown as failed. */
    List<ChatEntry> drain() {
        List<ChatEntry> all = items.values().stream().map(i -> i.entry).toList();
        items.clear();
        return all;
    }

    void allOffTheWire() {
        items.values().forEach(i -> i.inFlight = false);
    }

    int size() {
        return items.size();
    }
}
