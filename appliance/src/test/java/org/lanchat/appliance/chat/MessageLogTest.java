package org.lanchat.appliance.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;

/**
 * The group-commit writer of PROTOCOL §7.1 and §7.3 on a journal in memory: what is acknowledged, in
 * which order it is relayed, what is committed together, and what a failed commit leaves behind.
 */
class MessageLogTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long OFFLINE_CAROL = 3;

    private final InMemoryJournal journal = new InMemoryJournal();
    /** What the relay was given, as "id@thread". */
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch relayGate = new CountDownLatch(0);
    /** Counted down when the writer has stopped inside a commit held by {@link #holdNextCommit()}. */
    private final CountDownLatch writerHeld = new CountDownLatch(1);
    private volatile boolean relayFails;
    private final MessageLog log = new MessageLog(journal, user -> user != OFFLINE_CAROL, (m, origin) -> {
        awaitQuietly(relayGate);
        if (relayFails) {
            throw new IllegalStateException("out of memory for frames");
        }
        relayed.add(m.id() + "@" + Thread.currentThread().getName());
    }, () -> 1_000L, 100, 4);

    MessageLogTest() {
        log.start();
    }

    @AfterEach
    void close() {
        relayGate.countDown();
        log.close();
    }

    @Test
    void aSendIsAcknowledgedAfterItIsCommittedAndRelayedOffTheWriter() throws Exception {
        Accepted accepted = get(log.append(group(ALICE, "c1", "hello")));
        assertThat(accepted.duplicate()).isFalse();
        assertThat(accepted.message()).isEqualTo(new StoredMessage(1, ConversationKey.GROUP, 1, ALICE, null, "c1", "hello", null, 1_000L));
        assertThat(journal.committed).containsExactly(accepted.message());
        assertThat(relayed).as("relayed before the ack, on the relay thread").containsExactly("1@lanchat-relay");
    }

    @Test
    void sendsQueuedWhileACommitIsInFlightAreCommittedTogether() throws Exception {
        CountDownLatch release = holdNextCommit();
        CompletableFuture<Accepted> first = log.append(group(ALICE, "c1", "one"));
        awaitQuietly(writerHeld);
        List<CompletableFuture<Accepted>> next = List.of(log.append(group(BOB, "c2", "two")),
                log.append(group(ALICE, "c3", "three")), log.append(group(BOB, "c4", "four")));
        release.countDown();
        get(first);
        for (CompletableFuture<Accepted> f : next) {
            get(f);
        }
        assertThat(journal.batchSizes).containsExactly(1, 3);
        assertThat(journal.committed).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(relayed).extracting(s -> s.split("@")[0]).as("in commit order").containsExactly("1", "2", "3", "4");
    }

    @Test
    void theWriterCommitsTheNextBatchWhileTheRelayIsStillBusy() throws Exception {
        relayGate = new CountDownLatch(1);
        CompletableFuture<Accepted> first = log.append(group(ALICE, "c1", "one"));
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.committed.size() == 1);
        CompletableFuture<Accepted> second = log.append(group(ALICE, "c2", "two"));
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.committed.size() == 2);
        assertThat(journal.batchSizes).as("two transactions").containsExactly(1, 1);
        assertThat(first).as("not acknowledged before it is relayed").isNotDone();
        assertThat(second).isNotDone();
        relayGate.countDown();
        get(first);
        get(second);
        assertThat(relayed).extracting(s -> s.split("@")[0]).containsExactly("1", "2");
    }

    @Test
    void aMessageThatCannotBeRelayedIsStillAcknowledgedAndTheLogGoesOn() {
        relayFails = true;
        Accepted accepted = get(log.append(group(ALICE, "c1", "stored, not relayed")));
        assertThat(journal.committed).containsExactly(accepted.message());
        relayFails = false;
        get(log.append(group(ALICE, "c2", "next")));
        assertThat(relayed).extracting(s -> s.split("@")[0]).containsExactly("2");
    }

    @Test
    void aResendIsAnsweredWithTheOriginalAndNotRelayedAgain() throws Exception {
        StoredMessage original = get(log.append(group(ALICE, "c1", "hello"))).message();
        Accepted again = get(log.append(group(ALICE, "c1", "hello")));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(original);
        assertThat(journal.committed).hasSize(1);
        assertThat(relayed).hasSize(1);
        assertThat(get(log.append(group(BOB, "c1", "hello"))).duplicate())
                .as("the key is the sender's own: bob's c1 is a new message").isFalse();
    }

    @Test
    void reusingAClientMessageIdForOtherContentIsRefused() {
        get(log.append(group(ALICE, "c1", "hello")));
        assertThat(failure(log.append(group(ALICE, "c1", "something else"))))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT));
        assertThat(journal.committed).hasSize(1);
    }

    @Test
    void aFailedCommitAcknowledgesNothingAndTheNextBatchReReadsTheCounters() throws Exception {
        get(log.append(group(ALICE, "c0", "before")));
        int idReads = journal.maxIdReads.get();
        int seqReads = journal.maxSeqReads.get();
        journal.failNextCommit();
        assertThat(failure(log.append(group(ALICE, "c1", "lost")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(relayed).as("nothing of the failed batch relayed").hasSize(1);

        StoredMessage after = get(log.append(group(ALICE, "c1", "lost"))).message();
        assertThat(journal.maxIdReads.get()).as("the id counter re-read from the journal").isEqualTo(idReads + 1);
        assertThat(journal.maxSeqReads.get()).as("the sequence counter re-read").isEqualTo(seqReads + 1);
        assertThat(after.id()).isEqualTo(2);
        assertThat(after.seq()).as("no gap where the failed batch was").isEqualTo(2);
        assertThat(journal.committed).extracting(StoredMessage::text).containsExactly("before", "lost");
    }

    /** The database committed, then went away before it could say so: the sender saw a failure, the message is stored. */
    @Test
    void aCommitWhoseAnswerWasLostIsRelayedBeforeAnythingElseAndOnlyOnce() throws Exception {
        journal.loseNextCommitsAnswer();
        assertThat(failure(log.append(group(ALICE, "c1", "stored after all")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(relayed).as("not relayed while its outcome is unknown").isEmpty();

        StoredMessage next = get(log.append(group(BOB, "c2", "next"))).message();
        assertThat(next.seq()).isEqualTo(2);
        assertThat(relayed).as("the stored one relayed first, then the next").containsExactly("1@lanchat-relay", "2@lanchat-relay");

        Accepted resent = get(log.append(group(ALICE, "c1", "stored after all")));
        assertThat(resent.duplicate()).as("the sender's resend finds it").isTrue();
        assertThat(resent.message().id()).isEqualTo(1);
        assertThat(relayed).as("and it is not relayed twice").hasSize(2);
    }

    @Test
    void aPrivateMessageToSomeoneOfflineIsKeptForThemAndSequencedPerConversation() throws Exception {
        StoredMessage toBob = get(log.append(direct(ALICE, BOB, "c1"))).message();
        StoredMessage toCarol = get(log.append(direct(ALICE, OFFLINE_CAROL, "c2"))).message();
        StoredMessage group = get(log.append(group(ALICE, "c3", "hi all"))).message();
        assertThat(List.of(toBob.seq(), toCarol.seq(), group.seq())).as("each conversation counts from 1").containsExactly(1L, 1L, 1L);
        assertThat(journal.pending()).containsExactly(Map.entry(toCarol.id(), OFFLINE_CAROL));
    }

    @Test
    void aFullQueueIsBusyAndAClosedLogIsShuttingDownButWhatWasQueuedIsCommitted() throws Exception {
        CountDownLatch release = holdNextCommit();
        CompletableFuture<Accepted> inFlight = log.append(group(ALICE, "c0", "in flight"));
        awaitQuietly(writerHeld);
        List<CompletableFuture<Accepted>> queued = List.of(log.append(group(ALICE, "c1", "1")), log.append(group(ALICE, "c2", "2")),
                log.append(group(ALICE, "c3", "3")), log.append(group(ALICE, "c4", "4")));
        assertThat(failure(log.append(group(ALICE, "c5", "one too many"))))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.BUSY);
                    assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(500));
                });
        release.countDown();
        log.close();
        assertThat(inFlight).isCompleted();
        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(journal.committed).hasSize(5);
        assertThat(failure(log.append(group(ALICE, "c6", "too late"))))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
    }

    /** Makes the writer stop inside its next commit until the returned latch is counted down. */
    private CountDownLatch holdNextCommit() {
        CountDownLatch release = new CountDownLatch(1);
        journal.beforeCommit = () -> {
            journal.beforeCommit = () -> { };
            writerHeld.countDown();
            awaitQuietly(release);
        };
        return release;
    }

    private static Append group(long sender, String clientMsgId, String text) {
        return new Append(sender, ConversationKey.GROUP, null, clientMsgId, text, null, 0);
    }

    private static Append direct(long sender, long recipient, String clientMsgId) {
        return new Append(sender, ConversationKey.direct(sender, recipient), recipient, clientMsgId, "psst", null, 0);
    }

    private static Accepted get(CompletableFuture<Accepted> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no acknowledgement", e);
        }
    }

    private static Throwable failure(CompletableFuture<Accepted> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("acknowledged, but should have failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the test");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
