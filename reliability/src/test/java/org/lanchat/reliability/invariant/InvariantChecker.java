package org.lanchat.reliability.invariant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.reliability.report.Figures;

/**
 * The invariant every fault scenario must keep, checked from both ends: the database, and what each
 * client received.
 *
 * <ol>
 *   <li>History is well-formed: in every conversation the sequence numbers are exactly 1..n, and every
 *       (sender, clientMsgId) is stored at most once.</li>
 *   <li>Nothing acknowledged is lost or altered: every {@code ack} a client got names a stored message
 *       with that id, conversation, sequence number, sender, clientMsgId and text. So no ack was ever sent
 *       for a message that was not committed.</li>
 *   <li>Resends never duplicate: every message a client sent is stored exactly once (at most once while
 *       it still waits in the client's outbox).</li>
 *   <li>Everyone has everything exactly once: after catching up, each client holds exactly the messages of
 *       its conversations (the group, and the private ones it is in), each once, identical to the
 *       database; no two messages share a (conversation, seq).</li>
 *   <li>Online recipients got it live: for clients that stayed connected ({@link Snapshot#requireLive}),
 *       every message of their conversations arrived as a live event or as their own ack.</li>
 *   <li>Within one connection live events of a conversation arrive in rising seq order (recorded by the
 *       client as a violation).</li>
 * </ol>
 */
public final class InvariantChecker {
    /**
     * A message as a client saw it; {@code conversation} from that client's side. The text is kept as a
     * digest: dozens of clients each holding every long message of a large history would need gigabytes.
     */
    public record Seen(long messageId, String conversation, long seq, String from, String clientMsgId, String textDigest) {
        public static Seen of(long messageId, String conversation, long seq, String from, String clientMsgId, String text) {
            return new Seen(messageId, conversation, seq, from, clientMsgId, digest(text));
        }
    }

    /** SHA-256 of the text's UTF-8 bytes: equal exactly when the texts are (short of a SHA-256 collision). */
    public static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** What a client sent under one clientMsgId. */
    public record Sent(String conversation, String text) {
    }

    /** The ack a client got for one clientMsgId. */
    public record Acked(long messageId, String conversation, long seq) {
    }

    /**
     * Everything one client knows at the end of a scenario (serializable: child processes write it as JSON).
     *
     * @param resends     sends transmitted again with their original clientMsgId (after a reconnect, or after
     *                    {@code busy}/{@code store_unavailable}), counted per transmission
     * @param sessions    logins on this client: the first one plus every reconnect
     */
    public record Snapshot(String username, boolean requireLive, Map<String, Sent> sent, Map<String, Acked> acks,
                           List<Seen> store, List<Long> liveIds, long crossDuplicates, long historyMessages,
                           long duplicateAcks, long resends, int outboxLeft, int sessions, Map<String, Integer> refusals,
                           List<String> violations) {
    }

    /** What was checked, for the report. */
    public record Report(int conversations, int storedMessages, int acked, int duplicateAcks, long liveDeliveries,
                         long historyFetched, long crossDuplicates, long resends, int reconnectedClients,
                         Map<String, Integer> refusals, List<String> failures) {
        public void assertHolds() {
            if (!failures.isEmpty()) {
                throw new AssertionError("invariant violated (" + failures.size() + "):\n  "
                        + String.join("\n  ", failures.subList(0, Math.min(40, failures.size()))));
            }
        }

        public void record(String scenario) {
            Figures.record(scenario, "messages in history", storedMessages);
            Figures.record(scenario, "acknowledged sends", acked);
            Figures.record(scenario, "sends transmitted again with the same clientMsgId", resends);
            Figures.record(scenario, "resends answered duplicate:true", duplicateAcks);
            Figures.record(scenario, "clients that logged in again", reconnectedClients);
            Figures.record(scenario, "live deliveries", liveDeliveries);
            Figures.record(scenario, "messages fetched by history catch-up", historyFetched);
            Figures.record(scenario, "refusals seen by senders", refusals.isEmpty() ? "none" : refusals.toString());
            Figures.record(scenario, "invariant", failures.isEmpty() ? "holds" : "VIOLATED (" + failures.size() + ")");
        }
    }

    private record Row(long id, String conversation, long seq, long senderId, Long recipientId, String clientMsgId,
                       String textDigest) {
    }

    private InvariantChecker() {
    }

    public static Report check(TestDatabase database, Collection<Snapshot> clients) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            return check(c, clients);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database for the invariant check", e);
        }
    }

    static Report check(Connection c, Collection<Snapshot> clients) throws SQLException {
        List<String> failures = new ArrayList<>();
        Map<String, Long> userIds = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, username FROM users");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                userIds.put(rows.getString(2).toLowerCase(java.util.Locale.ROOT), rows.getLong(1));
                names.put(rows.getLong(1), rows.getString(2));
            }
        }
        Map<Long, Row> byId = new HashMap<>();
        Map<String, TreeMap<Long, Long>> seqs = new TreeMap<>();
        Map<String, Long> byClientId = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sticker FROM messages");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                long recipient = rows.getLong(5);
                Long recipientId = rows.wasNull() ? null : recipient;
                String text = rows.getString(7) != null ? rows.getString(7) : "sticker:" + rows.getString(8);
                Row r = new Row(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4), recipientId,
                        rows.getString(6), digest(text));
                byId.put(r.id(), r);
                Long clash = seqs.computeIfAbsent(r.conversation(), k -> new TreeMap<>()).put(r.seq(), r.id());
                if (clash != null) {
                    failures.add("db: " + r.conversation() + " seq " + r.seq() + " stored twice (ids " + clash + ", " + r.id() + ")");
                }
                Long twice = byClientId.put(r.senderId() + "|" + r.clientMsgId(), r.id());
                if (twice != null) {
                    failures.add("db: sender " + r.senderId() + " clientMsgId " + r.clientMsgId() + " stored twice");
                }
            }
        }
        // 1. Contiguous sequence numbers.
        seqs.forEach((conversation, bySeq) -> {
            long expect = 1;
            for (long seq : bySeq.keySet()) {
                if (seq != expect) {
                    failures.add("db: " + conversation + " jumps from seq " + (expect - 1) + " to " + seq);
                    break;
                }
                expect++;
            }
        });

        int acked = 0;
        int duplicateAcks = 0;
        long resends = 0;
        int reconnected = 0;
        long live = 0;
        long history = 0;
        long cross = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        for (Snapshot client : clients) {
            String who = client.username();
            Long me = userIds.get(who.toLowerCase(java.util.Locale.ROOT));
            if (me == null) {
                failures.add(who + ": no such user in the database");
                continue;
            }
            client.violations().forEach(v -> failures.add(who + ": " + v));
            duplicateAcks += (int) client.duplicateAcks();
            live += client.liveIds().size();
            history += client.historyMessages();
            cross += client.crossDuplicates();
            client.refusals().forEach((code, n) -> refusals.merge(code, n, Integer::sum));

            // 2. Every ack names the stored message.
            for (Map.Entry<String, Acked> e : client.acks().entrySet()) {
                acked++;
                Acked ack = e.getValue();
                Row row = byId.get(ack.messageId());
                Sent sent = client.sent().get(e.getKey());
                if (row == null) {
                    failures.add(who + ": acked message " + ack.messageId() + " (" + e.getKey() + ") is not in the database");
                    continue;
                }
                String expectedKey = key(ack.conversation(), me, userIds);
                if (!row.conversation().equals(expectedKey) || row.seq() != ack.seq() || row.senderId() != me
                        || !row.clientMsgId().equals(e.getKey()) || sent == null || !row.textDigest().equals(digest(sent.text()))
                        || !Objects.equals(key(sent.conversation(), me, userIds), row.conversation())) {
                    failures.add(who + ": ack " + ack + " for " + e.getKey() + " does not match the stored " + row);
                }
            }
            // 3. Every send stored exactly once (at most once if still unacknowledged).
            for (Map.Entry<String, Sent> e : client.sent().entrySet()) {
                boolean stored = byClientId.containsKey(me + "|" + e.getKey());
                if (!stored && client.acks().containsKey(e.getKey())) {
                    failures.add(who + ": acknowledged " + e.getKey() + " missing");
                }
                if (!stored && client.outboxLeft() == 0) {
                    failures.add(who + ": sent " + e.getKey() + " never stored though the outbox is empty");
                }
            }
            resends += client.resends();
            reconnected += client.sessions() > 1 ? 1 : 0;

            // 4. Exactly the messages of its conversations, each once, as stored.
            Set<Long> expected = new HashSet<>();
            for (Row r : byId.values()) {
                if (r.recipientId() == null || r.senderId() == me || r.recipientId().longValue() == me) {
                    expected.add(r.id());
                }
            }
            Map<Long, Seen> held = new HashMap<>();
            for (Seen s : client.store()) {
                if (held.put(s.messageId(), s) != null) {
                    failures.add(who + ": holds message " + s.messageId() + " twice");
                }
                Row r = byId.get(s.messageId());
                if (r == null) {
                    failures.add(who + ": holds message " + s.messageId() + " that is not in the database");
                    continue;
                }
                String sender = names.get(r.senderId());
                if (!key(s.conversation(), me, userIds).equals(r.conversation()) || s.seq() != r.seq()
                        || !s.from().equals(sender) || !s.clientMsgId().equals(r.clientMsgId()) || !s.textDigest().equals(r.textDigest())) {
                    failures.add(who + ": holds " + s + " but the database has " + r);
                }
            }
            Set<Long> missing = new HashSet<>(expected);
            missing.removeAll(held.keySet());
            if (!missing.isEmpty()) {
                failures.add(who + ": missing " + missing.size() + " messages, e.g. " + describe(missing, byId));
            }
            Set<Long> extra = new HashSet<>(held.keySet());
            extra.removeAll(expected);
            if (!extra.isEmpty()) {
                failures.add(who + ": holds " + extra.size() + " messages of conversations it is not in: " + extra);
            }
            // 5. Stayed online: got everything live (or as its own ack).
            if (client.requireLive()) {
                Set<Long> gotLive = new HashSet<>(client.liveIds());
                client.acks().values().forEach(a -> gotLive.add(a.messageId()));
                Set<Long> notLive = new HashSet<>(expected);
                notLive.removeAll(gotLive);
                if (!notLive.isEmpty()) {
                    failures.add(who + ": stayed online but " + notLive.size() + " messages never arrived live, e.g. "
                            + describe(notLive, byId));
                }
            }
            if (client.outboxLeft() > 0) {
                failures.add(who + ": " + client.outboxLeft() + " sends still unacknowledged at the end");
            }
        }
        return new Report(seqs.size(), byId.size(), acked, duplicateAcks, live, history, cross, resends, reconnected,
                refusals, failures);
    }

    private static String describe(Set<Long> ids, Map<Long, Row> byId) {
        return ids.stream().sorted().limit(5).map(byId::get).toList().toString();
    }

    /** The stored conversation key of a conversation named from one user's side. */
    private static String key(String conversation, long me, Map<String, Long> userIds) {
        if (conversation.equals("group")) {
            return "group";
        }
        Long peer = userIds.get(conversation.substring(1).toLowerCase(java.util.Locale.ROOT));
        if (peer == null) {
            return "unknown:" + conversation;
        }
        return "dm:" + Math.min(me, peer) + ":" + Math.max(me, peer);
    }
}
