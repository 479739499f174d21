package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileRequest.RosterRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.lanchat.protocol.message.SessionMessage.Error;
import org.lanchat.protocol.message.SessionMessage.Ok;
import org.lanchat.protocol.message.SessionMessage.Pong;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionMessage.Welcome;
import org.lanchat.protocol.message.SessionRequest.Hello;
import org.lanchat.protocol.message.SessionRequest.Login;
import org.lanchat.protocol.message.SessionRequest.Logout;
import org.lanchat.protocol.message.SessionRequest.Ping;
import org.lanchat.protocol.message.SessionRequest.Register;

/**
 * One connection's session, PROTOCOL §4 and §7, with no socket and no database: the state machine
 * (hello, login, logged in, logged out), what each state refuses, the timeouts, the hand-over at login
 * and the slow-consumer cut-off.
 */
class ClientSessionTest {
    private static final long MAX_OUTBOUND = 64 * 1024;
    private final SessionHarness session = new SessionHarness(MAX_OUTBOUND);

    @Test
    void helloThenLoginThenASendIsAcknowledgedOnceCommitted() {
        session.send(new Hello("h", 1, "test"));
        assertThat(session.take(Welcome.class).id()).isEqualTo("h");

        session.send(new Login("l", "Alice", SessionHarness.PASSWORD, null));
        assertThat(session.replies()).as("nothing before the password is checked").isEmpty();
        session.runWorkers();
        List<ServerMessage> loggedIn = session.replies();
        assertThat(loggedIn).hasSize(2);
        assertThat(loggedIn.get(0)).isEqualTo(new SessionStarted("l", "alice", "token-alice", 99L, "cookie-alice"));
        assertThat(loggedIn.get(1)).as("the pushed roster, an event").isEqualTo(new Roster(null, List.of("bob"), 1));
        assertThat(session.registry.isOnline(1)).isTrue();

        session.send(new Send("s", "c1", Conversation.GROUP, "hello", null));
        assertThat(session.replies()).as("no ack before the commit").isEmpty();
        session.commit("c1", 100, 7);
        assertThat(session.take(Ack.class)).isEqualTo(new Ack("s", "c1", 100, Conversation.GROUP, 7, 5L, false));
    }

    @Test
    void aLoginHandsItsDeviceCookieToTheAccountsAndTheSessionCarriesTheOneTheyIssue() {
        session.hello();
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, "cookie-from-an-earlier-login"));
        session.runWorkers();
        assertThat(session.presentedCookies).containsExactly("cookie-from-an-earlier-login");
        assertThat(session.replies()).first().isInstanceOfSatisfying(SessionStarted.class,
                started -> assertThat(started.deviceCookie()).isEqualTo("cookie-alice"));
    }

    @Test
    void aPrivateSendWhoseRecipientMustBeLookedUpIsAcknowledgedNamingThePeerFromTheSendersSide() {
        session.loggedInAsAlice();
        session.send(new Send("s", "c1", Conversation.with("BOB"), "psst", null));
        session.runWorkers(); // the lookup the I/O thread may not do
        assertThat(session.appended).singleElement()
                .satisfies(a -> assertThat(a.conversation()).isEqualTo(ConversationKey.direct(1, 2)));
        session.commit("c1", 100, 1);
        assertThat(session.take(Ack.class).conversation()).isEqualTo(Conversation.with("bob"));
    }

    @Test
    void aSendTheRulesRefuseIsAnsweredWithTheirErrorAndCommitsNothing() {
        session.loggedInAsAlice();
        session.send(new Send("s", "c1", Conversation.GROUP, "   ", null));
        assertThat(session.take(Error.class)).isEqualTo(new Error("s", ErrorCode.EMPTY_MESSAGE, "the message is empty", null));
        session.send(new Send("t", "c2", Conversation.with("nobody"), "hi", null));
        session.runWorkers();
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(session.appended).isEmpty();
    }

    @Test
    void beforeHelloOnlyHelloAndPingAreAnswered() {
        session.send(new Ping("p"));
        assertThat(session.take(Pong.class).id()).isEqualTo("p");
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        session.send(new RosterRequest("r"));
        assertThat(session.take(Error.class)).isEqualTo(new Error("r", ErrorCode.HELLO_REQUIRED, "send hello first", null));
        assertThat(session.workers).as("nothing was hashed").isEmpty();
    }

    @Test
    void beforeLoginRequestsThatNeedOneAreRefused() {
        session.hello();
        session.send(new RosterRequest("r"));
        assertThat(session.take(Error.class)).isEqualTo(new Error("r", ErrorCode.NOT_AUTHENTICATED, "log in first", null));
    }

    @Test
    void whileALoginIsCheckedOtherLoginsAndRequestsAreBusyWithoutARetryDelay() {
        session.hello();
        session.send(new Login("l1", "alice", SessionHarness.PASSWORD, null));
        session.send(new Register("l2", "dave", SessionHarness.PASSWORD, null));
        assertThat(session.take(Error.class))
                .isEqualTo(new Error("l2", ErrorCode.BUSY, "a login is already in progress on this connection", null));
        session.send(new RosterRequest("r"));
        assertThat(session.take(Error.class)).isEqualTo(new Error("r", ErrorCode.BUSY, "wait for the login to finish", null));
        session.runWorkers();
        assertThat(session.replies()).first().isInstanceOf(SessionStarted.class);
        session.send(new Login("l3", "bob", SessionHarness.PASSWORD, null));
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.ALREADY_AUTHENTICATED);
    }

    /**
     * The race an outside attacker won: a resume loop whose check passed just before the administrator disabled the
     * account joined the relay just after its connections were ended, and kept a full session.
     */
    @Test
    void aLoginCheckedBeforeTheAccountWasDisabledAndJoiningAfterIsEndedAtOnce() {
        session.hello();
        session.send(new Login("l1", "alice", SessionHarness.PASSWORD, null));
        session.workers.poll().run(); // the check passes: the account is not disabled yet

        // The administrator disables alice now: nothing of hers has joined yet, so nothing is closed.
        assertThat(session.registry.disconnectUser(1, ErrorCode.ACCOUNT_DISABLED, "your account was disabled")).isZero();
        List<ServerMessage> out = session.replies(); // the login joins the relay

        assertThat(out).last().isEqualTo(new Bye(ErrorCode.ACCOUNT_DISABLED, "your account was disabled"));
        assertThat(session.channel.isOpen()).isFalse();
        assertThat(session.registry.isOnline(1)).as("gone from the relay too").isFalse();
    }

    @Test
    void aLoginCheckedAfterTheAccountsSessionsWereEndedStays() {
        session.registry.disconnectUser(1, ErrorCode.TOKEN_INVALID, "the administrator reset your password");

        session.loggedInAsAlice(); // with the new password

        assertThat(session.channel.isOpen()).isTrue();
        assertThat(session.registry.isOnline(1)).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedAndTheConnectionMayTryAgain() {
        session.hello();
        session.send(new Login("l1", "alice", "wrong", null));
        session.runWorkers();
        assertThat(session.take(Error.class)).isEqualTo(new Error("l1", ErrorCode.AUTH_FAILED, "wrong username or password", null));
        session.send(new Login("l2", "alice", SessionHarness.PASSWORD, null));
        session.runWorkers();
        assertThat(session.replies()).first().isInstanceOf(SessionStarted.class);
    }

    @Test
    void aClientSpeakingAnotherProtocolVersionIsToldSoAndDisconnected() {
        session.send(new Hello("h", 2, "future client"));
        Error error = session.take(Error.class);
        assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(error.message()).contains("protocol 1, the client 2");
        assertThat(session.channel.isActive()).isFalse();
    }

    @Test
    void invalidJsonIsAnsweredAndForgivenUntilTwentyInARow() {
        session.hello();
        session.sendRaw("{\"type\":\"ping\",".getBytes(StandardCharsets.UTF_8));
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.INVALID_JSON);
        session.send(new Ping("p")); // a good message resets the count
        session.take(Pong.class);
        for (int i = 1; i < ClientSession.MAX_CONSECUTIVE_ERRORS; i++) {
            session.sendRaw("not json".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(session.channel.isActive()).as("19 in a row are still answered").isTrue();
        session.sendRaw("not json".getBytes(StandardCharsets.UTF_8));
        List<ServerMessage> replies = session.replies();
        assertThat(replies).hasSize(ClientSession.MAX_CONSECUTIVE_ERRORS + 1);
        assertThat(replies.getLast()).isEqualTo(new Bye(ErrorCode.TOO_MANY_ERRORS, "20 invalid messages in a row"));
        assertThat(session.channel.isActive()).isFalse();
    }

    @Test
    void aConnectionNotLoggedInByTheLoginTimeoutIsClosed() {
        session.hello();
        session.advance(SessionHarness.LOGIN_TIMEOUT.minusSeconds(1));
        assertThat(session.channel.isActive()).isTrue();
        session.advance(Duration.ofSeconds(1));
        assertThat(session.take(Bye.class)).isEqualTo(new Bye(ErrorCode.LOGIN_TIMEOUT, "no login within 30 s"));
        assertThat(session.channel.isActive()).isFalse();
    }

    @Test
    void aLoginStillBeingCheckedAtTheTimeoutIsWaitedFor() {
        session.hello();
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.advance(SessionHarness.LOGIN_TIMEOUT);
        assertThat(session.channel.isActive()).isTrue();
        session.runWorkers();
        assertThat(session.replies()).first().isInstanceOf(SessionStarted.class);
        session.advance(SessionHarness.LOGIN_TIMEOUT);
        assertThat(session.channel.isActive()).as("logged in: no login timeout").isTrue();
    }

    @Test
    void aLoginThatFailsAfterTheTimeoutPassedGetsTheWholeTimeoutAgainFromTheFailure() {
        session.hello();
        session.send(new Login("l", "alice", "a wrong password", null));
        session.advance(SessionHarness.LOGIN_TIMEOUT);
        session.runWorkers();
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.AUTH_FAILED);
        session.advance(SessionHarness.LOGIN_TIMEOUT.minusSeconds(1));
        assertThat(session.channel.isActive()).as("a full timeout from the failure").isTrue();
        session.advance(Duration.ofSeconds(1));
        assertThat(session.take(Bye.class).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleEventUnlessItIsOwedAReply() {
        session.loggedInAsAlice();
        session.send(new ConversationsRequest("c"));
        session.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(session.channel.isActive()).as("waiting for our reply is not silence").isTrue();
        session.runWorkers();
        assertThat(session.take(ConversationList.class).id()).isEqualTo("c");
        session.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(session.take(Bye.class).reason()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        assertThat(session.channel.isActive()).isFalse();
        assertThat(session.registry.isOnline(1)).as("closed connections leave the registry").isFalse();
    }

    @Test
    void aBlockingRequestThatCannotReachTheDatabaseGetsStoreUnavailableAndTheConnectionStays() {
        session.loggedInAsAlice();
        session.conversationsWork = () -> {
            throw new StoreUnavailableException("connection refused", null);
        };
        session.send(new ConversationsRequest("c"));
        session.runWorkers();
        Error error = session.take(Error.class);
        assertThat(error.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(error.retryAfterMs()).isEqualTo(2000L);
        assertThat(error.message()).doesNotContain("connection refused");
        assertThat(session.channel.isActive()).isTrue();
    }

    @Test
    void moreThanThirtyTwoBlockingRequestsAtOnceAreBusy() {
        session.loggedInAsAlice();
        for (int i = 0; i < RequestRunner.MAX_IN_FLIGHT; i++) {
            session.send(new ConversationsRequest("c" + i));
        }
        session.send(new ConversationsRequest("one too many"));
        assertThat(session.take(Error.class)).isEqualTo(new Error("one too many", ErrorCode.BUSY,
                "too many requests in progress on this connection", 1000L));
        session.runWorkers();
        assertThat(session.replies()).hasSize(RequestRunner.MAX_IN_FLIGHT).allMatch(ConversationList.class::isInstance);
    }

    @Test
    void afterLogoutTheConnectionIsLoggedOutAndTheLoginTimeoutAppliesAgain() {
        session.loggedInAsAlice();
        session.send(new Logout("o"));
        session.runWorkers();
        assertThat(session.take(Ok.class).id()).isEqualTo("o");
        assertThat(session.registry.isOnline(1)).isFalse();
        session.send(new RosterRequest("r"));
        assertThat(session.take(Error.class).code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        session.advance(SessionHarness.LOGIN_TIMEOUT);
        assertThat(session.take(Bye.class).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
    }

    @Test
    void offlineMessagesComeFirstAndLiveOnesThatRaceThemFollowOnce() {
        StoredMessage whileAway = new StoredMessage(10, ConversationKey.direct(1, 2), 1, 2, 1L, "b1", "are you there?", null, 1);
        StoredMessage both = new StoredMessage(11, ConversationKey.direct(1, 2), 2, 2, 1L, "b2", "hello?", null, 2);
        StoredMessage live = new StoredMessage(12, ConversationKey.GROUP, 1, 3, null, "c1", "hi all", null, 3);
        session.pending.put(1L, List.of(whileAway, both));
        session.hello();
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.workers.poll().run(); // the login
        session.channel.runPendingTasks(); // logged in; the hand-over's fetch now waits in the queue
        relayToAlice(both); // committed as she logged in: pending and relayed live
        relayToAlice(live);

        session.runWorkers(); // the fetch, then its hand-over
        assertThat(session.replies()).extracting(m -> m instanceof ChatMessage c ? c.messageId() : m.getClass().getSimpleName())
                .containsExactly("SessionStarted", "Roster", 10L, 11L, 12L);
        assertThat(session.handedOver).containsExactly(10L, 11L);

        relayToAlice(both); // a late live copy of a handed-over message
        relayToAlice(new StoredMessage(13, ConversationKey.GROUP, 2, 3, null, "c2", "anyone?", null, 4));
        assertThat(session.replies()).extracting(m -> ((ChatMessage) m).messageId()).containsExactly(13L);
    }

    @Test
    void offlineMessagesGoOutABatchAtATimeAndWhatWasNotWrittenStaysPending() {
        // Each about 1.6 KB as a frame: one a batch under a 64 KiB bound.
        List<StoredMessage> waiting = LongStream.rangeClosed(1, 3).mapToObj(seq -> new StoredMessage(9 + seq,
                ConversationKey.direct(1, 2), seq, 2, 1L, "b" + seq, "x".repeat(1500), null, seq)).toList();
        session.pending.put(1L, waiting);
        session.hello();
        WriteGate gate = new WriteGate();
        session.channel.pipeline().addFirst(gate);
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.runWorkers(); // the login, then the first batch: written, not yet gone to the socket

        assertThat(session.workers).as("nothing more fetched while the batch is on its way").isEmpty();
        gate.open();
        assertThat(session.replies()).extracting(m -> m instanceof ChatMessage c ? c.messageId() : m.getClass().getSimpleName())
                .containsExactly("SessionStarted", "Roster", 10L);
        assertThat(session.handedOver).as("forgotten only by the next step").isEmpty();
        gate.close();
        session.runWorkers(); // forgets 10, fetches 11 and writes it
        assertThat(session.handedOver).containsExactly(10L);
        assertThat(session.replies()).as("11 is on its way").isEmpty();

        session.channel.close(); // the connection ends before 11 has gone out
        session.runWorkers();
        assertThat(session.handedOver).as("11 and 12 wait for the next login").containsExactly(10L);
    }

    @Test
    void liveMessagesPastAQuarterOfTheBoundEndTheHandOverAndTheRestStaysPending() {
        session.pending.put(1L, LongStream.rangeClosed(1, 2).mapToObj(seq -> new StoredMessage(9 + seq,
                ConversationKey.direct(1, 2), seq, 2, 1L, "b" + seq, "x".repeat(1500), null, seq)).toList());
        session.hello();
        WriteGate gate = new WriteGate();
        session.channel.pipeline().addFirst(gate);
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.runWorkers(); // 10 is on its way and the client does not read
        for (long id = 20; id < 24; id++) { // 4 x 5 KB held: past 16 KiB
            relayToAlice(new StoredMessage(id, ConversationKey.GROUP, id, 3, null, "c" + id, "y".repeat(5000), null, id));
        }

        gate.open();
        assertThat(session.replies()).extracting(m -> m instanceof ChatMessage c ? c.messageId() : m.getClass().getSimpleName())
                .containsExactly("SessionStarted", "Roster", 10L, 20L, 21L, 22L, 23L);
        session.runWorkers();
        assertThat(session.handedOver).as("11 waits for the next login").containsExactly(10L);
        relayToAlice(new StoredMessage(24, ConversationKey.GROUP, 24, 3, null, "c24", "hi", null, 24));
        assertThat(session.replies()).extracting(m -> ((ChatMessage) m).messageId()).containsExactly(24L);
    }

    @Test
    void theSessionReplyLeavesOnlyOnceTheConnectionIsInTheRelay() {
        // A client may send the moment it reads the reply; were it not in the relay yet, a message committed just
        // then would pass it by. So whenever anything leaves after the login, alice must already be online.
        List<Boolean> onlineAtFlush = new ArrayList<>();
        session.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                onlineAtFlush.add(session.registry.isOnline(1));
                ctx.flush();
            }
        });
        session.hello();
        onlineAtFlush.clear();
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.runWorkers();
        assertThat(session.replies()).first().isInstanceOf(SessionStarted.class);
        assertThat(onlineAtFlush).isNotEmpty().doesNotContain(false);
    }

    @Test
    void liveMessagesStillFlowWhenTheOfflineFetchFailsUnexpectedly() {
        StoredMessage whileAway = new StoredMessage(10, ConversationKey.direct(1, 2), 1, 2, 1L, "b1", "are you there?", null, 1);
        session.pending.put(1L, List.of(whileAway));
        session.pendingFailure = new IllegalStateException("a driver bug, not an outage");
        session.hello();
        session.send(new Login("l", "alice", SessionHarness.PASSWORD, null));
        session.workers.poll().run(); // the login
        session.channel.runPendingTasks(); // logged in; the hand-over's fetch waits in the queue
        relayToAlice(new StoredMessage(12, ConversationKey.GROUP, 1, 3, null, "c1", "hi all", null, 3)); // held

        session.runWorkers(); // the fetch throws
        assertThat(session.replies()).extracting(m -> m instanceof ChatMessage c ? c.messageId() : m.getClass().getSimpleName())
                .containsExactly("SessionStarted", "Roster", 12L);
        assertThat(session.handedOver).as("what could not be fetched stays pending").isEmpty();
        relayToAlice(new StoredMessage(13, ConversationKey.GROUP, 2, 3, null, "c2", "anyone?", null, 4));
        assertThat(session.replies()).extracting(m -> ((ChatMessage) m).messageId()).containsExactly(13L);
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithoutAByeAndLeavesTheRegistry() {
        session.loggedInAsAlice();
        byte[] big = new MessageCodec(FrameLimits.DEFAULT).encodeFrame(new Pong("x".repeat(40 * 1024)));
        session.registry.broadcast(Unpooled.wrappedBuffer(big), -1, 0);
        assertThat(session.replies()).as("40 KiB queued is within the 64 KiB bound").hasSize(1);
        // Two more before the socket takes any (here: before the pass's flush): 80 KiB queued.
        session.registry.broadcast(Unpooled.wrappedBuffer(big), -1, 0);
        session.registry.broadcast(Unpooled.wrappedBuffer(big), -1, 0);
        session.channel.runPendingTasks();
        assertThat(session.channel.isActive()).isFalse();
        assertThat(session.replies()).noneMatch(Bye.class::isInstance);
        assertThat(session.registry.isOnline(1)).isFalse();
    }

    @Test
    void aHistoryPageTooLargeForOneFrameIsCutShortAndSaysThereIsMore() {
        session.loggedInAsAlice();
        List<ChatMessage> messages = LongStream.rangeClosed(1, 200)
                .mapToObj(seq -> new ChatMessage(seq, Conversation.GROUP, seq, "bob", "c" + seq, "\u4e2d".repeat(4000), null, seq))
                .toList();
        session.history = r -> new HistoryPage(r.id(), r.conversation(), messages, false, 0);
        session.send(new HistoryRequest("h", Conversation.GROUP, null, 0L, 200));
        session.runWorkers();
        HistoryPage page = session.take(HistoryPage.class);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.messages()).isNotEmpty().hasSizeLessThan(200);
        assertThat(page.messages().getFirst().seq()).as("the oldest kept, for a catch-up page").isEqualTo(1);
    }

    /**
     * Holds what is written until opened, as a socket the client does not read would: the write is not done, and the
     * appliance must not count on it. Closing the connection fails what it holds.
     */
    private static final class WriteGate extends ChannelOutboundHandlerAdapter {
        private final List<Object> held = new ArrayList<>();
        private final List<ChannelPromise> promises = new ArrayList<>();
        private ChannelHandlerContext context;
        private boolean open;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (open) {
                ctx.write(msg, promise);
            } else {
                held.add(msg);
                promises.add(promise);
            }
        }

        /** Lets through what it held, and what comes, until closed. */
        void open() {
            open = true;
            for (int i = 0; i < held.size(); i++) {
                context.write(held.get(i), promises.get(i));
            }
            held.clear();
            promises.clear();
            context.flush();
        }

        void close() {
            open = false;
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            held.forEach(ReferenceCountUtil::release);
            promises.forEach(p -> p.tryFailure(new ClosedChannelException()));
            held.clear();
            promises.clear();
            ctx.close(promise);
        }
    }

    private void relayToAlice(StoredMessage m) {
        byte[] frame = session.codec.encodeFrame(new MessageViews(SessionHarness.NAMES::get).view(m, 1));
        session.registry.sendToUser(1, Unpooled.wrappedBuffer(frame), m.id(), 0);
        session.channel.runPendingTasks();
    }
}
