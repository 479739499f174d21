package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.limits.RoomLimits;
import org.lanchat.appliance.limits.SearchLimits;
import org.lanchat.appliance.testing.Images;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * PROTOCOL.md §7.11's limits over real TLS connections: registrations per address per hour, connections
 * per address, and sends per second per connection and per user, each refused with {@code rate_limited}
 * and how long to wait. Connections from 127.0.0.x are loopback, and the limits apply to them as to any
 * other address unless the appliance is told to exempt loopback.
 */
class RateLimitsEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @AfterEach
    void stop() {
        if (appliance != null) {
            appliance.close();
        }
    }

    private RunningAppliance start(RateLimits limits) {
        UnaryOperator<ApplianceConfig.Builder> tweak = b -> b.rateLimits(limits);
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), tweak);
        return appliance;
    }

    @Test
    void anAddressThatRegisteredItsShareThisHourIsRateLimitedAndOthersAreNot() {
        start(new RateLimits(2, 1000, 20, 40, false));
        appliance.connectFrom("127.0.0.2").register("first", RunningAppliance.PASSWORD);
        appliance.connectFrom("127.0.0.2").register("second", RunningAppliance.PASSWORD);

        TestClient third = appliance.connectFrom("127.0.0.2");
        SessionMessage.Error refused = third.requestError(new SessionRequest.Register(third.nextId(), "third",
                RunningAppliance.PASSWORD, null));
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
        assertThat(refused.message()).contains("2 accounts").contains("an hour");

        appliance.connectFrom("127.0.0.3").register("third", RunningAppliance.PASSWORD); // another address
    }

    @Test
    void aConnectionPastTheLimitPerAddressIsToldWhyAndClosed() {
        start(new RateLimits(30, 3, 20, 40, false));
        List<TestClient> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(appliance.connectFrom("127.0.0.4"));
        }
        assertToldWhyAndClosed(appliance.connectWithoutHello("127.0.0.4"), ErrorCode.RATE_LIMITED, "at most 3");

        appliance.connectFrom("127.0.0.5").hello(); // another address is not affected
        three.get(0).close();
        awaitAdmitted("127.0.0.4");
    }

    /** §4.2: a connection past a connection limit gets an error without id saying why, then bye, then is closed. */
    private static void assertToldWhyAndClosed(TestClient refused, ErrorCode code, String says) {
        SessionMessage.Error error = refused.await(SessionMessage.Error.class, e -> true);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.id()).isNull();
        assertThat(error.retryAfterMs()).isEqualTo(5000L);
        assertThat(error.message()).contains(says);
        assertThat(refused.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(code);
        refused.awaitClosed();
    }

    /** A connection from {@code address} is admitted again (once the appliance has seen one close). */
    private void awaitAdmitted(String address) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestClient again = appliance.connectWithoutHello(address);
            try {
                assertThat(again.hello().applianceName()).isNotEmpty();
            } finally {
                again.close();
            }
        });
    }

    /**
     * Past the connections in all (here 3; by default the open-file limit less 512) a connection from any address is
     * told the appliance is busy and closed, so connections never take the descriptors its own files need.
     */
    @Test
    void aConnectionPastTheLimitInAllIsToldTheApplianceIsBusyAndClosed() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.rateLimits(RateLimits.DEFAULTS).maxConnections(3));
        List<TestClient> three = new ArrayList<>();
        for (String address : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
            three.add(appliance.connectFrom(address));
        }
        assertToldWhyAndClosed(appliance.connectWithoutHello("127.0.0.7"), ErrorCode.BUSY, "(3)");

        three.get(0).close();
        awaitAdmitted("127.0.0.7");
    }

    /**
     * One token resumed on connection after connection (no password to check) stops at 64 logged in: the 65th is
     * refused rate_limited and stays open, not logged in, until one of the others closes.
     */
    @Test
    void oneAccountIsLoggedInOnAtMost64ConnectionsAtOnce() {
        start(RateLimits.DEFAULTS);
        TestClient alice = appliance.connectFrom("127.0.0.8");
        alice.register("alice", RunningAppliance.PASSWORD);
        List<TestClient> more = new ArrayList<>();
        for (int i = 1; i < 64; i++) {
            TestClient another = appliance.connectFrom("127.0.0.8");
            another.resume(alice.token());
            more.add(another);
        }
        TestClient sixtyFifth = appliance.connectFrom("127.0.0.9");
        SessionMessage.Error refused = sixtyFifth.requestError(new SessionRequest.Resume(sixtyFifth.nextId(), alice.token()));
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(5000L);
        assertThat(refused.message()).contains("64 connections");
        assertThat(sixtyFifth.requestError(new ConversationRequest.ConversationsRequest(sixtyFifth.nextId())).code())
                .as("still open, not logged in").isEqualTo(ErrorCode.NOT_AUTHENTICATED);

        more.getFirst().close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sixtyFifth.resume(alice.token()).username()).isEqualTo("alice"));
    }

    /**
     * A 65th connection logging in with the password is refused like a resume, and the token that login made is
     * withdrawn: it reached nobody, so it must not stay valid in the database (sessions counted on MariaDB).
     */
    @Test
    void aLoginPastThe64ConnectionsLeavesNoTokenBehind() throws Exception {
        // The database is dropped once the appliance is closed: a run of the suite leaves no lanchat_test_ behind.
        try (TestDatabase database = TestDatabase.mysql();
             RunningAppliance running = RunningAppliance.start(dir, database, b -> b.rateLimits(RateLimits.DEFAULTS))) {
            TestClient alice = running.connectFrom("127.0.0.8");
            alice.register("alice", RunningAppliance.PASSWORD);
            for (int i = 1; i < 64; i++) {
                running.connectFrom("127.0.0.8").resume(alice.token());
            }
            TestClient sixtyFifth = running.connectFrom("127.0.0.9");
            SessionMessage.Error refused = sixtyFifth.requestError(new SessionRequest.Login(sixtyFifth.nextId(), "alice",
                    RunningAppliance.PASSWORD, null));
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(tokensOf(database, "alice")).as("only the registration's token").isEqualTo(1));
        }
    }

    private static int tokensOf(TestDatabase database, String username) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement count = c.prepareStatement(
                     "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?")) {
            count.setString(1, username);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void aConnectionSendingFasterThanItsRateIsRateLimitedAndNothingRefusedIsStored() {
        start(new RateLimits(30, 1000, 5, 1000, false));
        TestClient flooder = appliance.newUser("flooder");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // pipelined: far faster than 5 a second
            Posting.Send send = new Posting.Send(flooder.nextId(), UUID.randomUUID().toString(),
                    Conversation.GROUP, "flood " + i, null);
            ids.add(send.id());
            flooder.sendMessage(send);
        }
        int acked = 0;
        List<SessionMessage.Error> limited = new ArrayList<>();
        for (String id : ids) {
            ServerMessage reply = flooder.awaitReply(id);
            if (reply instanceof ConversationMessage.Ack) {
                acked++;
            } else {
                SessionMessage.Error e = (SessionMessage.Error) reply;
                assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                limited.add(e);
            }
        }
        assertThat(acked).as("the burst of two seconds' worth, and what refilled meanwhile").isBetween(10, 20);
        assertThat(limited).isNotEmpty().allSatisfy(e -> assertThat(e.retryAfterMs()).isBetween(1L, 200L));
        assertThat(limited.get(0).message()).contains("5 messages a second on this connection");

        ConversationMessage.HistoryPage page = flooder.request(new ConversationRequest.HistoryRequest(flooder.nextId(),
                Conversation.GROUP, null, null, 100), ConversationMessage.HistoryPage.class);
        assertThat(page.messages()).hasSize(acked);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(flooder.send(Conversation.GROUP, "after waiting").duplicate()).isFalse());
    }

    @Test
    void aUserCannotRaiseTheirRateByOpeningMoreConnections() {
        start(new RateLimits(30, 1000, 1000, 5, false));
        appliance.newUser("many");
        List<TestClient> connections = List.of(appliance.login("many"), appliance.login("many"), appliance.login("many"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestClient c = connections.get(i % 3);
            Posting.Send send = new Posting.Send(c.nextId(), UUID.randomUUID().toString(), Conversation.GROUP,
                    "spread " + i, null);
            ids.add(send.id());
            c.sendMessage(send);
        }
        int acked = 0;
        for (int i = 0; i < ids.size(); i++) {
            ServerMessage reply = connections.get(i % 3).awaitReply(ids.get(i));
            if (reply instanceof ConversationMessage.Ack) {
                acked++;
            } else {
                assertThat(TestClient.codeOf(reply)).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(((SessionMessage.Error) reply).message()).contains("from this account");
            }
        }
        assertThat(acked).isBetween(10, 20);
    }

    @Test
    void loopbackIsLimitedLikeAnyAddressUnlessExempted() {
        start(new RateLimits(1, 1000, 20, 40, true));
        appliance.connectFrom("127.0.0.6").register("one", RunningAppliance.PASSWORD);
        appliance.connectFrom("127.0.0.6").register("two", RunningAppliance.PASSWORD);
        appliance.connectFrom("127.0.0.6").register("three", RunningAppliance.PASSWORD);
    }

    /** How a burst of requests from one account ended: how many were admitted, and the refusal that stopped it. */
    private record Burst(int admitted, SessionMessage.Error refusal) {
    }

    /**
     * Sends the requests {@code next} makes (given the number admitted so far), alternating between two connections of
     * one account, until one is refused, and checks the refusal is {@code rate_limited} with a wait of at most a second
     * and a message naming {@code what}. The bucket refills one a second, so on a slow machine a few more than the
     * burst may pass first; {@code afterEach} runs after each admitted one.
     */
    private static Burst untilRefused(TestClient first, TestClient second, int burst, String what,
                                      BiFunction<TestClient, Integer, ClientMessage> next, IntConsumer afterEach) {
        ServerMessage reply = null;
        int admitted = 0;
        while (!(reply instanceof SessionMessage.Error) && admitted < 3 * burst) {
            TestClient either = admitted % 2 == 0 ? first : second;
            reply = either.roundTrip(next.apply(either, admitted));
            if (!(reply instanceof SessionMessage.Error)) {
                admitted++;
                afterEach.accept(admitted);
            }
        }
        assertThat(admitted).isGreaterThanOrEqualTo(burst);
        assertThat(reply).isInstanceOf(SessionMessage.Error.class);
        SessionMessage.Error error = (SessionMessage.Error) reply;
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.retryAfterMs()).isBetween(1L, 1000L);
        assertThat(error.message()).contains(what);
        return new Burst(admitted, error);
    }

    private static Burst untilRefused(TestClient first, TestClient second, int burst, String what,
                                      BiFunction<TestClient, Integer, ClientMessage> next) {
        return untilRefused(first, second, burst, what, next, admitted -> { });
    }

    @Test
    void searchesAreLimitedPerAccountAcrossItsConnections() {
        start(RateLimits.DEFAULTS);
        TestClient first = appliance.newUser("alice");
        TestClient second = appliance.login("alice");

        untilRefused(first, second, SearchLimits.BURST, "searches",
                (either, n) -> new ConversationRequest.Search(either.nextId(), "anything", null, null, null));
    }

    @Test
    void newRoomsAreLimitedPerAccountAcrossItsConnectionsAndARefusedOneIsNotCreated() {
        start(RateLimits.DEFAULTS);
        TestClient first = appliance.newUser("alice");
        TestClient second = appliance.login("alice");

        Burst burst = untilRefused(first, second, RoomLimits.BURST, "new rooms",
                (either, n) -> new RoomRequest.CreateRoom(either.nextId(), "room " + n, null, null));

        assertThat(first.request(new RoomRequest.RoomsRequest(first.nextId()), RoomMessage.RoomList.class).joined())
                .as("every room admitted, and not the refused one").hasSize(burst.admitted());
    }

    @Test
    void displayNameChangesAreLimitedPerAccountAcrossItsConnectionsAndARefusedOneIsNotAnnounced() {
        start(RateLimits.DEFAULTS);
        TestClient first = appliance.newUser("alice");
        TestClient second = appliance.login("alice");
        TestClient bystander = appliance.newUser("bob");

        Burst burst = untilRefused(first, second, ProfileLimits.BURST, "display-name changes",
                (either, n) -> new ProfileRequest.SetProfile(either.nextId(), "Alice " + n));

        String last = "Alice " + (burst.admitted() - 1);
        bystander.await(ProfileMessage.Profile.class, p -> last.equals(p.displayName()));
        assertThat(bystander.received()).filteredOn(ProfileMessage.Profile.class::isInstance)
                .as("one event per change admitted, none for the refused one").hasSize(burst.admitted());
    }

    @Test
    void newAvatarsAreLimitedPerAccountAcrossItsConnectionsAndARefusedOneIsNotStored() {
        start(RateLimits.DEFAULTS);
        TestClient first = appliance.newUser("alice");
        TestClient second = appliance.login("alice");
        String[] lastStored = new String[1];

        // Each a picture to decode.
        untilRefused(first, second, ProfileLimits.BURST, "new avatars",
                (either, n) -> new ProfileRequest.SetAvatar(either.nextId(), Images.real("png", 8 + n, 8)),
                admitted -> lastStored[0] = avatarHash(first));

        assertThat(avatarHash(first)).as("the refused picture was not stored").isEqualTo(lastStored[0]);
    }

    private static String avatarHash(TestClient client) {
        return client.request(new ProfileRequest.GetAvatar(client.nextId(), "alice", null), ProfileMessage.Avatar.class).hash();
    }

    @Test
    void presenceChangesAreLimitedPerAccountAcrossItsConnections() {
        start(RateLimits.DEFAULTS);
        TestClient first = appliance.newUser("alice");
        TestClient second = appliance.login("alice");

        // Each is stored and announced to everyone.
        untilRefused(first, second, ProfileLimits.BURST, "presence changes",
                (either, n) -> new ProfileRequest.SetPresence(either.nextId(), n % 2 == 0 ? "away" : "busy", "change " + n));
    }

    /** An invitation needs no consent: a script could add a colleague to a new room every second, and back again. */
    @Test
    void oneAccountInvitesOneUserTenTimesAnHourAtMostWhicheverRoomsAndOthersStillInviteThem() {
        start(RateLimits.DEFAULTS);
        TestClient mallory = appliance.newUser("mallory");
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob").close();
        appliance.newUser("carol").close();
        Conversation room = mallory.request(new RoomRequest.CreateRoom(mallory.nextId(), "Spam", null, "private"),
                RoomMessage.Room.class).room().conversation();
        for (int i = 0; i < RoomLimits.INVITATIONS_PER_HOUR; i++) { // inviting a member changes nothing, yet counts
            mallory.request(new RoomRequest.Invite(mallory.nextId(), room, i % 2 == 0 ? "bob" : "BOB"), SessionMessage.Ok.class);
        }

        SessionMessage.Error refused = mallory.requestError(new RoomRequest.Invite(mallory.nextId(), room, "Bob"));
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.message()).contains("invited Bob 10 times within an hour");
        assertThat(refused.retryAfterMs()).isGreaterThan(Duration.ofMinutes(59).toMillis());
        mallory.request(new RoomRequest.Invite(mallory.nextId(), room, "carol"), SessionMessage.Ok.class);
        mallory.request(new RoomRequest.Invite(mallory.nextId(), room, "alice"), SessionMessage.Ok.class);
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "bob"), SessionMessage.Ok.class);
    }

    @Test
    void joiningAndLeavingARoomOverAndOverIsLimitedPerAccountButListingItsMembersIsNot() {
        start(RateLimits.DEFAULTS);
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Lobby", null, null),
                RoomMessage.Room.class).room().conversation();
        ServerMessage refused = null;
        int admitted = 0;
        // The bucket refills five a second, so on a slow machine a few more than the burst may pass first.
        while (!(refused instanceof SessionMessage.Error) && admitted < 3 * RoomLimits.CHANGES_BURST) {
            refused = admitted % 2 == 0 ? bob.roundTrip(new RoomRequest.JoinRoom(bob.nextId(), room))
                    : bob.roundTrip(new RoomRequest.LeaveRoom(bob.nextId(), room));
            admitted += refused instanceof SessionMessage.Error ? 0 : 1;
        }

        assertThat(admitted).isGreaterThanOrEqualTo(RoomLimits.CHANGES_BURST);
        SessionMessage.Error error = (SessionMessage.Error) refused;
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.message()).contains("changes to rooms");
        ServerMessage members = bob.roundTrip(new RoomRequest.RoomMembersRequest(bob.nextId(), room, null, null));
        assertThat(TestClient.codeOf(members)).as("reading is not a change: answered, a member or not")
                .isNotEqualTo(ErrorCode.RATE_LIMITED);
    }
}
