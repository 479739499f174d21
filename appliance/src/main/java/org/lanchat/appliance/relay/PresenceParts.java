package org.lanchat.appliance.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanchat.appliance.relay.FramedParts.Detail;
import org.lanchat.appliance.relay.FramedParts.Run;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * One presence change as the {@code presence} events that tell it (PROTOCOL.md §6.6): one event when it fits a
 * frame, otherwise consecutive ones, first those who left, then those who joined, then states alone, each event's
 * {@code count} the number online once it is applied. Applied in order, the parts leave a client with what the
 * whole would have, and the count is right after every one of them.
 */
final class PresenceParts {
    private enum Kind { LEFT, JOINED, RESTATED }

    private record Item(Kind kind, String username) {
    }

    private PresenceParts() {
    }

    static List<byte[]> frames(Presence change, MessageCodec codec) {
        List<Item> items = new ArrayList<>();
        change.left().forEach(name -> items.add(new Item(Kind.LEFT, name)));
        change.joined().forEach(name -> items.add(new Item(Kind.JOINED, name)));
        Set<String> joined = new HashSet<>(change.joined()); // a login storm joins thousands, many of them with a state
        change.states().keySet().stream()
                .filter(name -> !joined.contains(name))
                .forEach(name -> items.add(new Item(Kind.RESTATED, name)));
        int countBefore = change.count() - change.joined().size() + change.left().size();
        return FramedParts.encode(items, (run, detail) -> part(change, countBefore, run, detail), codec);
    }

    private static Presence part(Presence whole, int countBefore, Run<Item> run, Detail detail) {
        List<String> joined = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Map<String, String> displayNames = new HashMap<>();
        Map<String, UserState> states = new HashMap<>();
        for (Item item : run.items()) {
            switch (item.kind()) {
                case LEFT -> left.add(item.username());
                case JOINED -> {
                    joined.add(item.username());
                    String displayName = whole.displayNames().get(item.username());
                    if (displayName != null && detail == Detail.FULL) {
                        displayNames.put(item.username(), displayName);
                    }
                }
                case RESTATED -> {
                }
            }
            UserState state = whole.states().get(item.username());
            if (state != null && item.kind() != Kind.LEFT) {
                states.put(item.username(), detail == Detail.FULL ? state : new UserState(state.state(), null));
            }
        }
        int count = countBefore + net(run.before()) + net(run.items());
        return new Presence(joined, left, count, displayNames, states);
    }

    /** How many more are online once these items are applied. */
    private static int net(List<Item> items) {
        int net = 0;
        for (Item item : items) {
            net += switch (item.kind()) {
                case LEFT -> -1;
                case JOINED -> 1;
                case RESTATED -> 0;
            };
        }
        return net;
    }
}
