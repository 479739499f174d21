package org.lanchat.reliability.participant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client put on the wire and got back, as a {@link WireTap} saw it: each send's transmissions by
 * clientMsgId, the acks (and which said {@code duplicate}), refusals, live events per connection, history
 * fetched, and whatever broke a rule only the wire shows: two different acks for one clientMsgId, live events
 * of a conversation out of order within one connection, a refused resume token. Thread-safe.
 */
final class WireLog implements WireTap.Listener {
    private static final Logger log = LoggerFactory.getLogger(WireLog.class);

    private final String username;
    /**
     * Request id of every send and resume, with its connection ({@link #request}), to know what a reply answers:
     * every connection numbers its requests from 1 again.
     */
    private final Map<String, String> sendRequests = new HashMap<>();
    private final Set<String> resumeRequests = new HashSet<>();
    private final Map<String, Integer> transmissions = new LinkedHashMap<>();
    private final Map<String, Ack> acks = new LinkedHashMap<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private final Map<Integer, Map<String, Long>> lastLiveSeq = new HashMap<>();
    private final List<Long> liveIds = new ArrayList<>();
    private final Set<Long> seenIds = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private long resends;
    private long duplicateAcks;
    private long crossDuplicates;
    private long historyMessages;
    private int tokenRefusals;

    WireLog(String username) {
        this.username = username;
    }

    @Override
    public synchronized void sent(int connection, ClientMessage message) {
        switch (message) {
            case Posting.Send send -> {
                sendRequests.put(request(connection, send.id()), send.clientMsgId());
                if (transmissions.merge(send.clientMsgId(), 1, Integer::sum) > 1) {
                    resends++;
                }
            }
            case SessionRequest.Resume resume -> resumeRequests.add(request(connection, resume.id()));
            default -> {
            }
        }
    }

    @Override
    public synchronized void received(int connection, ServerMessage message) {
        switch (message) {
            case Ack ack -> acked(connection, ack);
            case SessionMessage.Error error -> refused(connection, error);
            case HistoryPage page -> page.messages().forEach(m -> {
                historyMessages++;
                seenIds.add(m.messageId());
            });
            case ChatMessage live -> live(connection, live);
            default -> {
            }
        }
    }

    private static String request(int connection, String id) {
        return connection + "/" + id;
    }

    private void acked(int connection, Ack ack) {
        String clientMsgId = sendRequests.remove(request(connection, ack.id()));
        if (clientMsgId == null) {
            clientMsgId = ack.clientMsgId();
        }
        Ack earlier = acks.putIfAbsent(clientMsgId, ack);
        if (earlier != null && (earlier.messageId() != ack.messageId() || earlier.seq() != ack.seq())) {
            violation("two different acks for " + clientMsgId + ": " + earlier + " and " + ack);
        }
        if (ack.duplicate()) {
            duplicateAcks++;
        }
        seenIds.add(ack.messageId());
    }

    private void refused(int connection, SessionMessage.Error error) {
        if (error.id() == null) {
            return;
        }
        String clientMsgId = sendRequests.remove(request(connection, error.id()));
        if (clientMsgId != null) {
            refusals.merge(error.code().wireName(), 1, Integer::sum);
            if (!error.code().retryable()) {
                violation("send " + clientMsgId + " refused unexpectedly: " + error);
            }
        } else if (resumeRequests.remove(request(connection, error.id())) && error.code() == ErrorCode.TOKEN_INVALID) {
            // In these scenarios a token must always survive: a refusal is a fault, not a reason to ask for the password.
            tokenRefusals++;
            violation("resume token refused (" + error.message() + ")");
        }
    }

    private void live(int connection, ChatMessage m) {
        Long previous = lastLiveSeq.computeIfAbsent(connection, c -> new HashMap<>()).put(m.conversation().value(), m.seq());
        if (previous != null && m.seq() <= previous) {
            violation("connection " + connection + " received seq " + m.seq() + " of " + m.conversation()
                    + " after seq " + previous + " (live events must rise within one connection)");
        }
        liveIds.add(m.messageId());
        if (!seenIds.add(m.messageId())) {
            crossDuplicates++;
        }
    }

    synchronized void violation(String what) {
        violations.add(what);
        log.warn("{}: VIOLATION {}", username, what);
    }

    synchronized Map<String, InvariantChecker.Acked> acks() {
        Map<String, InvariantChecker.Acked> out = new LinkedHashMap<>();
        acks.forEach((id, a) -> out.put(id, new InvariantChecker.Acked(a.messageId(), a.conversation().value(), a.seq())));
        return out;
    }

    synchronized int ackCount() {
        return acks.size();
    }

    /** Sends that went out at least once with no ack seen: in flight, as far as the wire shows. */
    synchronized int unacknowledgedTransmitted() {
        return (int) transmissions.keySet().stream().filter(id -> !acks.containsKey(id)).count();
    }

    synchronized List<Long> liveIds() {
        return List.copyOf(liveIds);
    }

    synchronized long resends() {
        return resends;
    }

    synchronized long duplicateAcks() {
        return duplicateAcks;
    }

    synchronized long crossDuplicates() {
        return crossDuplicates;
    }

    synchronized long historyMessages() {
        return historyMessages;
    }

    synchronized int tokenRefusals() {
        return tokenRefusals;
    }

    synchronized Map<String, Integer> refusals() {
        return new TreeMap<>(refusals);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
