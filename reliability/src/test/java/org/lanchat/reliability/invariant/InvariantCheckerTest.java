package org.lanchat.reliability.invariant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.reliability.invariant.InvariantChecker.Acked;
import org.lanchat.reliability.invariant.InvariantChecker.Seen;
import org.lanchat.reliability.invariant.InvariantChecker.Sent;
import org.lanchat.reliability.invariant.InvariantChecker.Snapshot;

/**
 * The checker that every fault scenario relies on must itself catch violations, or a green scenario
 * proves nothing. Each test starts from a small consistent world (alice and bob, one group message, one
 * private message, both clients holding everything) that passes, breaks exactly one thing — in the
 * database or in what a client saw — and expects the checker to name it.
 *
 * <p>The tables are plain copies of the appliance's columns without its unique constraints, so the
 * database itself can be made to hold what the real schema would refuse (a seq stored twice).
 */
class InvariantCheckerTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final String DM = "dm:1:2";

    private Connection db;
    private final Map<String, Client> clients = new LinkedHashMap<>();

    /** A mutable stand-in for what a participant records, turned into a {@link Snapshot} at the end. */
    private static final class Client {
        final String name;
        boolean requireLive = true;
        final Map<String, Sent> sent = new LinkedHashMap<>();
        final Map<String, Acked> acks = new LinkedHashMap<>();
        final List<Seen> store = new ArrayList<>();
        final List<Long> live = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        int outboxLeft;

        Client(String name) {
            this.name = name;
        }

        Snapshot snapshot() {
            return new Snapshot(name, requireLive, sent, acks, store, live, 0, 0, 0, 0, outboxLeft, 1, Map.of(), violations);
        }
    }

    @BeforeEach
    void consistentWorld() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:checker-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE users (id BIGINT, username VARCHAR(32))");
            s.execute("CREATE TABLE messages (id BIGINT, conversation VARCHAR(64), seq BIGINT, sender_id BIGINT,"
                    + " recipient_id BIGINT NULL, client_msg_id VARCHAR(64), body_text TEXT NULL, sticker VARCHAR(32) NULL)");
            s.execute("INSERT INTO users VALUES (1, 'alice'), (2, 'bob'), (3, 'carol')");
        }
        Client alice = client("alice");
        Client bob = client("bob");
        client("carol");
        // alice -> group, seq 1; bob -> @alice, seq 1 of their private conversation.
        stored(10, "group", 1, ALICE, null, "a-1", "hello all");
        alice.sent.put("a-1", new Sent("group", "hello all"));
        alice.acks.put("a-1", new Acked(10, "group", 1));
        alice.store.add(Seen.of(10, "group", 1, "alice", "a-1", "hello all"));
        bob.store.add(Seen.of(10, "group", 1, "alice", "a-1", "hello all"));
        bob.live.add(10L);
        clients.get("carol").store.add(Seen.of(10, "group", 1, "alice", "a-1", "hello all"));
        clients.get("carol").live.add(10L);

        stored(11, DM, 1, BOB, ALICE, "b-1", "just us");
        bob.sent.put("b-1", new Sent("@alice", "just us"));
        bob.acks.put("b-1", new Acked(11, "@alice", 1));
        bob.store.add(Seen.of(11, "@alice", 1, "bob", "b-1", "just us"));
        alice.store.add(Seen.of(11, "@bob", 1, "bob", "b-1", "just us"));
        alice.live.add(11L);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void theConsistentWorldPasses() throws SQLException {
        InvariantChecker.Report report = check();
        assertThat(report.failures()).isEmpty();
        assertThat(report.storedMessages()).isEqualTo(2);
        assertThat(report.acked()).isEqualTo(2);
        report.assertHolds();
    }

    @Test
    void aGapInAConversationsSequenceIsCaught() throws SQLException {
        stored(12, "group", 3, BOB, null, "b-2", "where is seq 2?"); // seq 2 was never stored
        everyoneHolds(Seen.of(12, "group", 3, "bob", "b-2", "where is seq 2?"));
        assertThat(check().failures()).anyMatch(f -> f.contains("group jumps from seq 1 to 3"));
    }

    @Test
    void theSameClientMessageIdStoredTwiceIsCaught() throws SQLException {
        stored(12, "group", 2, ALICE, null, "a-1", "hello all"); // a resend that was stored again
        everyoneHolds(Seen.of(12, "group", 2, "alice", "a-1", "hello all"));
        assertThat(check().failures()).anyMatch(f -> f.contains("clientMsgId a-1 stored twice"));
    }

    @Test
    void twoMessagesWithOneSequenceNumberAreCaught() throws SQLException {
        stored(12, "group", 1, BOB, null, "b-2", "me too");
        assertThat(check().failures()).anyMatch(f -> f.contains("group seq 1 stored twice"));
    }

    @Test
    void anAcknowledgedMessageMissingFromTheDatabaseIsCaught() throws SQLException {
        Client alice = clients.get("alice");
        alice.sent.put("a-2", new Sent("group", "lost after the ack"));
        alice.acks.put("a-2", new Acked(99, "group", 2)); // acked, never committed
        assertThat(check().failures())
                .anyMatch(f -> f.contains("acked message 99 (a-2) is not in the database"))
                .anyMatch(f -> f.contains("acknowledged a-2 missing"));
    }

    @Test
    void anAckThatDoesNotMatchTheStoredMessageIsCaught() throws SQLException {
        clients.get("alice").sent.put("a-1", new Sent("group", "what alice actually typed"));
        assertThat(check().failures()).anyMatch(f -> f.startsWith("alice: ack") && f.contains("does not match the stored"));
    }

    @Test
    void aSendNeverStoredThoughTheOutboxIsEmptyIsCaught() throws SQLException {
        clients.get("bob").sent.put("b-9", new Sent("group", "dropped on the floor"));
        assertThat(check().failures()).anyMatch(f -> f.contains("bob: sent b-9 never stored though the outbox is empty"));
    }

    @Test
    void aMissedDeliveryIsCaught() throws SQLException {
        Client carol = clients.get("carol");
        carol.store.clear(); // carol never got the group message, live or from history
        carol.live.clear();
        assertThat(check().failures()).anyMatch(f -> f.startsWith("carol: missing 1 messages"));
    }

    @Test
    void aMessageThatOnlyCameFromHistoryFailsAClientThatStayedOnline() throws SQLException {
        clients.get("carol").live.clear(); // she holds it, but from catch-up, although she never left
        assertThat(check().failures()).anyMatch(f -> f.startsWith("carol: stayed online but 1 messages never arrived live"));
        clients.get("carol").requireLive = false;
        assertThat(check().failures()).as("a client that was away may catch up from history").isEmpty();
    }

    @Test
    void aMessageHeldTwiceIsCaught() throws SQLException {
        clients.get("bob").store.add(Seen.of(10, "group", 1, "alice", "a-1", "hello all"));
        assertThat(check().failures()).anyMatch(f -> f.equals("bob: holds message 10 twice"));
    }

    @Test
    void aPrivateMessageReachingAThirdUserIsCaught() throws SQLException {
        clients.get("carol").store.add(Seen.of(11, "@bob", 1, "bob", "b-1", "just us"));
        assertThat(check().failures()).anyMatch(f -> f.startsWith("carol: holds 1 messages of conversations it is not in"));
    }

    @Test
    void aMessageSeenDifferentlyFromTheDatabaseIsCaught() throws SQLException {
        Client bob = clients.get("bob");
        bob.store.set(0, Seen.of(10, "group", 1, "alice", "a-1", "hello al1"));
        assertThat(check().failures()).anyMatch(f -> f.startsWith("bob: holds Seen[messageId=10") && f.contains("but the database has"));
    }

    @Test
    void violationsAClientRecordedAndUnacknowledgedLeftoversFailTheCheck() throws SQLException {
        clients.get("bob").violations.add("connection 2 received seq 1 of group after seq 1");
        clients.get("alice").outboxLeft = 3;
        InvariantChecker.Report report = check();
        assertThat(report.failures())
                .contains("bob: connection 2 received seq 1 of group after seq 1")
                .contains("alice: 3 sends still unacknowledged at the end");
        assertThatThrownBy(report::assertHolds).isInstanceOf(AssertionError.class).hasMessageContaining("invariant violated (2)");
    }

    private Client client(String name) {
        Client c = new Client(name);
        clients.put(name, c);
        return c;
    }

    private void everyoneHolds(Seen message) {
        for (Client c : clients.values()) {
            c.store.add(message);
            c.live.add(message.messageId());
        }
    }

    private void stored(long id, String conversation, long seq, long sender, Long recipient, String clientMsgId, String text)
            throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
            s.setLong(1, id);
            s.setString(2, conversation);
            s.setLong(3, seq);
            s.setLong(4, sender);
            s.setObject(5, recipient);
            s.setString(6, clientMsgId);
            s.setString(7, text);
            s.executeUpdate();
        }
    }

    private InvariantChecker.Report check() throws SQLException {
        return InvariantChecker.check(db, clients.values().stream().map(Client::snapshot).toList());
    }
}
