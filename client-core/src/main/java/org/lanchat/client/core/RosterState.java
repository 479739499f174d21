package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanchat.protocol.message.Usernames;

/**
 * Who is online: the pushed roster plus presence events applied as set operations, keyed ignoring case
 * (a presence event may repeat a change the roster already holds), with the appliance's count as truth.
 */
final class RosterState {
    private final Map<String, String> online = new TreeMap<>();
    private int count;

    void replace(List<String> users, int newCount) {
        online.clear();
        users.forEach(u -> online.put(Usernames.key(u), u));
        count = newCount;
    }

    /** Applies a presence event; returns who really joined and left (ignoring repeats). */
    Change apply(List<String> joined, List<String> left, int newCount) {
        List<String> reallyJoined = new ArrayList<>();
        List<String> reallyLeft = new ArrayList<>();
        for (String name : left) {
            if (online.remove(Usernames.key(name)) != null) {
                reallyLeft.add(name);
            }
        }
        for (String name : joined) {
            if (online.put(Usernames.key(name), name) == null) {
                reallyJoined.add(name);
            }
        }
        count = newCount;
        return new Change(reallyJoined, reallyLeft);
    }

    void clear() {
        online.clear();
        count = 0;
    }

    List<String> users() {
        return online.values().stream().sorted(Comparator.comparing(Usernames::key)).toList();
    }

    int count() {
        return count;
    }

    record Change(List<String> joined, List<String> left) {
    }
}
