package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lanchat.appliance.e2e.FilesEndToEndTest.randomBytes;
import static org.lanchat.appliance.e2e.FilesEndToEndTest.sha256;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.RawTransferClient;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.Transfer;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest.Ping;

/**
 * Raw transfer connections (PROTOCOL.md §5.40, §6.27–6.28, §7.25) over real TLS on the embedded database
 * ({@link RawTransfersOnMariaDbEndToEndTest} runs the same on MariaDB): a ticket from the chat connection, a new
 * connection that redeems it once and then carries the file's bytes raw, with the chunked path's checks, resume and
 * access rules.
 */
class RawTransfersEndToEndTest extends OneApplianceTest {

    @Test
    void aFileGoesUpAndComesDownRawByteForByteAndTheChunkedPathSeesTheSameFile() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        assertThat(alice.hello().limits().offersRawTransfers()).as("welcome says the raw path exists").isTrue();
        byte[] data = randomBytes(3_000_000); // several TLS records and Netty reads, and more than one disk read

        String fileId = uploadRaw(alice, data);
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "video.bin", fileId), Ack.class);

        TransferTicket ticket = bob.request(TransferTicketRequest.download(bob.nextId(), Conversation.GROUP, sent.seq(), 0),
                TransferTicket.class);
        assertThat(ticket.length()).isEqualTo(data.length);
        assertThat(ticket.expiresInMs()).isEqualTo(60_000L);
        try (RawTransferClient raw = connect()) {
            assertThat(raw.redeem(ticket.ticket())).isEqualTo(new TransferReady("t1", "download", fileId, data.length, 0,
                    data.length));
            assertThat(raw.readToEnd()).as("the raw bytes, then the end of the stream").isEqualTo(data);
        }
        assertThat(bob.downloadFile(Conversation.GROUP, sent.seq())).as("the chunked path serves the same file")
                .isEqualTo(data);
    }

    /**
     * An attacker held raw downloads it never read until the appliance ran out of file descriptors below
     * {@code --max-connections}, two each (the socket and the file): accepting failed, and every login with it. The
     * file a transfer holds open now counts as a connection would: here 4 in all, the chat connection, the unread
     * download's socket and file, and the socket of a second transfer, which is refused busy without using its ticket.
     */
    @Test
    void aTransfersOpenFileCountsAgainstTheConnectionsInAllAndARefusedTicketStaysValid() {
        restartWith(b -> b.maxConnections(4));
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(24_000_000); // more than loopback's socket buffers take from a download nobody reads
        long seq = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "big.bin", uploadRaw(alice, data)),
                Ack.class).seq();
        TransferTicket first = downloadTicket(alice, seq, 0);
        TransferTicket second = downloadTicket(alice, seq, 0);
        try (RawTransferClient unread = readyFor(first); RawTransferClient refused = connect()) {
            assertThat(refused.redeem(second.ticket())).isInstanceOfSatisfying(SessionMessage.Error.class, error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.BUSY);
                assertThat(error.id()).isEqualTo("t1");
                assertThat(error.retryAfterMs()).isEqualTo(5000L);
                assertThat(error.message()).contains("(4)");
            });
            assertThat(refused.isClosedByPeer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (RawTransferClient raw = connect()) {
                assertThat(raw.redeem(second.ticket())).as("the same ticket, once the first download is closed")
                        .isInstanceOf(TransferReady.class);
                assertThat(raw.readToEnd()).isEqualTo(data);
            }
        });
    }

    @Test
    void aDownloadGoesOnFromTheOffsetAsked() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(100_000);
        long seq = sendToGroup(alice, data);

        TransferTicket ticket = downloadTicket(alice, seq, 60_000);

        assertThat(ticket.offset()).isEqualTo(60_000);
        assertThat(ticket.length()).isEqualTo(40_000);
        try (RawTransferClient raw = readyFor(ticket)) {
            assertThat(raw.readToEnd()).isEqualTo(Arrays.copyOfRange(data, 60_000, data.length));
        }
        TransferTicket atTheEnd = downloadTicket(alice, seq, data.length);
        try (RawTransferClient raw = connect()) {
            assertThat(raw.redeem(atTheEnd.ticket())).as("nothing left: ready for 0 bytes")
                    .isEqualTo(new TransferReady("t1", "download", atTheEnd.fileId(), data.length, data.length, 0));
            assertThat(raw.readToEnd()).isEmpty();
        }
        assertThat(alice.requestError(TransferTicketRequest.download(alice.nextId(), Conversation.GROUP, seq,
                data.length + 1)).code()).as("past the end").isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void aCutRawUploadKeepsWhatArrivedAndTheNextTicketGoesOnFromThere() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(1_000_000);
        String fileId = sha256(data);
        TransferTicket first = uploadTicket(alice, fileId, data.length);
        assertThat(first.offset()).isZero();
        try (RawTransferClient raw = readyFor(first)) {
            raw.write(Arrays.copyOf(data, 400_000));
        } // cut after 400 000 bytes

        // The appliance writes what arrived on a worker; once it is written the next ticket starts there.
        await().atMost(Duration.ofSeconds(20)).until(() -> uploadTicket(alice, fileId, data.length).offset() == 400_000);
        TransferTicket second = uploadTicket(alice, fileId, data.length);
        assertThat(second.length()).isEqualTo(600_000);
        try (RawTransferClient raw = readyFor(second)) {
            raw.write(Arrays.copyOfRange(data, 400_000, data.length));
            UploadStatus done = (UploadStatus) raw.readFrame();
            assertThat(done.complete()).isTrue();
            assertThat(done.offset()).isEqualTo(data.length);
            assertThat(raw.isClosedByPeer()).as("closed after the final frame").isTrue();
        }
        TransferTicket again = uploadTicket(alice, fileId, data.length);
        assertThat(again.complete()).as("stored and uploaded by alice: nothing to send").isTrue();
        assertThat(again.ticket()).isNull();
    }

    /**
     * Tried: while 30,000 bytes of a raw upload are in and its connection stays open, a chunk of the same file from the
     * same user, and a second ticket's transfer. Both were once {@code wrong_offset}, whose remedy (upload_begin, go on
     * at its offset) answered the same again and again: a client following it spun. Now both say to wait.
     */
    @Test
    void whileARawUploadStreamsAChunkOrASecondTransferOfTheSameFileIsToldToWait() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(100_000);
        String fileId = sha256(data);
        try (RawTransferClient streaming = readyFor(uploadTicket(alice, fileId, data.length))) {
            streaming.write(Arrays.copyOf(data, 30_000));
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.request(
                    new UploadBegin(alice.nextId(), fileId, (long) data.length, null), UploadStatus.class).offset() == 30_000);

            SessionMessage.Error chunk = alice.requestError(new org.lanchat.protocol.message.FileRequest.UploadChunk(
                    alice.nextId(), fileId, 30_000L, Arrays.copyOfRange(data, 30_000, 40_000)));
            assertThat(chunk.code()).isEqualTo(ErrorCode.BUSY);
            assertThat(chunk.retryAfterMs()).isEqualTo(1000);
            assertThat(chunk.message()).contains("transfer connection");

            TransferTicket second = uploadTicket(alice, fileId, data.length);
            assertThat(second.offset()).isEqualTo(30_000);
            try (RawTransferClient other = connect()) {
                ServerMessage answer = other.redeem(second.ticket());
                assertThat(TestClient.codeOf(answer)).isEqualTo(ErrorCode.BUSY);
                assertThat(((SessionMessage.Error) answer).retryAfterMs()).isEqualTo(1000);
                assertThat(other.isClosedByPeer()).isTrue();
            }

            streaming.write(Arrays.copyOfRange(data, 30_000, data.length));
            assertThat(((UploadStatus) streaming.readFrame()).complete()).as("the first upload went on unharmed").isTrue();
        }
    }

    @Test
    void aChunkedUploadCutHalfWayGoesOnRawAndTheOtherWayRound() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(200_000);
        String fileId = sha256(data);
        alice.request(new UploadBegin(alice.nextId(), fileId, (long) data.length, null), UploadStatus.class);
        alice.request(new org.lanchat.protocol.message.FileRequest.UploadChunk(alice.nextId(), fileId, 0L,
                Arrays.copyOf(data, 50_000)), UploadStatus.class);

        TransferTicket ticket = uploadTicket(alice, fileId, data.length);

        assertThat(ticket.offset()).as("the chunks' bytes count").isEqualTo(50_000);
        try (RawTransferClient raw = redeemed(ticket)) {
            raw.write(Arrays.copyOfRange(data, 50_000, data.length));
            assertThat(((UploadStatus) raw.readFrame()).complete()).isTrue();
        }
    }

    @Test
    void bytesThatDoNotHaveTheAnnouncedHashAreDiscardedAndNeverStored() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(300_000);
        String fileId = sha256(data);
        byte[] corrupted = data.clone();
        corrupted[123_456] ^= 1; // one bit flipped on the way
        TransferTicket ticket = uploadTicket(alice, fileId, data.length);

        try (RawTransferClient raw = redeemed(ticket)) {
            raw.write(corrupted);
            ServerMessage last = raw.readFrame();
            assertThat(TestClient.codeOf(last)).isEqualTo(ErrorCode.HASH_MISMATCH);
            assertThat(last.replyId()).contains("t1");
        }
        assertThat(uploadTicket(alice, fileId, data.length).offset()).as("the partial upload was discarded").isZero();
        assertThat(alice.requestError(Send.file(alice.nextId(), "c1", Conversation.GROUP, "data.bin", fileId)).code())
                .isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
    }

    @Test
    void aTicketIsGoodOnceAndAForgedOneIsNothing() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(10_000);
        TransferTicket ticket = downloadTicket(alice, sendToGroup(alice, data), 0);
        try (RawTransferClient raw = redeemed(ticket)) {
            assertThat(raw.readToEnd()).isEqualTo(data);
        }

        for (String[] tried : new String[][] {{"the same ticket again", ticket.ticket()},
                {"a forged ticket", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                {"another ticket's text with one character changed", ticket.ticket().substring(1) + "x"}}) {
            try (RawTransferClient raw = connect()) {
                ServerMessage answer = raw.redeem(tried[1]);
                assertThat(TestClient.codeOf(answer)).as(tried[0]).isEqualTo(ErrorCode.TICKET_INVALID);
                assertThat(raw.isClosedByPeer()).as(tried[0] + " closes the connection").isTrue();
            }
        }
    }

    /** The attacker's ticket still opened a download after the user had logged out. */
    @Test
    void aTicketOpensNothingOnceItsSessionLoggedOut() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        long seq = sendToGroup(alice, randomBytes(10_000));
        TransferTicket bobsDownload = downloadTicket(bob, seq, 0);
        TransferTicket bobsUpload = uploadTicket(bob, sha256(randomBytes(1000)), 1000);
        TransferTicket alices = downloadTicket(alice, seq, 0);

        bob.request(new SessionRequest.Logout(bob.nextId()), SessionMessage.Ok.class);

        for (TransferTicket ticket : List.of(bobsDownload, bobsUpload)) {
            try (RawTransferClient raw = connect()) {
                assertThat(TestClient.codeOf(raw.redeem(ticket.ticket()))).as(ticket.direction())
                        .isEqualTo(ErrorCode.TICKET_INVALID);
            }
        }
        try (RawTransferClient raw = redeemed(alices)) {
            assertThat(raw.readToEnd()).as("another session's ticket still opens").hasSize(10_000);
        }
    }

    @Test
    void aTicketMovesOnlyTheUploadOfTheUserItWasIssuedTo() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] data = randomBytes(20_000);
        String fileId = sha256(data);
        TransferTicket bobs = uploadTicket(bob, fileId, data.length);
        uploadTicket(alice, fileId, data.length);

        try (RawTransferClient raw = redeemed(bobs)) { // whoever holds bob's ticket uploads for bob, never for alice
            raw.write(Arrays.copyOf(data, 5000));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> uploadTicket(bob, fileId, data.length).offset() == 5000);
        assertThat(uploadTicket(alice, fileId, data.length).offset()).as("alice's upload untouched").isZero();
    }

    @Test
    void noTicketForAFileTheUserMayNotRead() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.with("bob"), "private.bin",
                alice.uploadFile(randomBytes(1000), null)), Ack.class);

        SessionMessage.Error refused = carol.requestError(TransferTicketRequest.download(carol.nextId(),
                Conversation.with("bob"), sent.seq(), 0));
        SessionMessage.Error chunked = carol.requestError(new Download(carol.nextId(), Conversation.with("bob"),
                sent.seq(), 0L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
        assertThat(refused.message()).as("the same answer as download, so nothing is learnt").isEqualTo(chunked.message());
        assertThat(bob.request(TransferTicketRequest.download(bob.nextId(), Conversation.with("alice"), sent.seq(), 0),
                TransferTicket.class).length()).as("bob may").isEqualTo(1000);
    }

    /**
     * A member removed from a private room loses its files from that moment (§7.23): a ticket taken before the removal
     * is checked again when redeemed. An outside tester downloaded the whole file with one.
     */
    @Test
    void aTicketTakenBeforeItsUserWasRemovedFromThePrivateRoomMovesNothing() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Plans", null, "private"),
                RoomMessage.Room.class).room().conversation();
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "bob"), SessionMessage.Ok.class);
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", room, "plan.bin", alice.uploadFile(randomBytes(3000), null)),
                Ack.class);
        TransferTicket taken = bob.request(TransferTicketRequest.download(bob.nextId(), room, sent.seq(), 0),
                TransferTicket.class);

        alice.request(new RoomRequest.RemoveMember(alice.nextId(), room, "bob"), SessionMessage.Ok.class);

        try (RawTransferClient raw = connect()) {
            ServerMessage answer = raw.redeem(taken.ticket());
            assertThat(TestClient.codeOf(answer)).as(String.valueOf(answer)).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
            assertThat(raw.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void anUploadTicketIsRefusedAsUploadBeginWouldBe() {
        TestClient alice = appliance.newUser("alice");
        long tooLarge = alice.hello().limits().maxFileBytes() + 1;

        assertThat(alice.requestError(TransferTicketRequest.upload(alice.nextId(), sha256(new byte[1]), tooLarge, null))
                .code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void aChatRequestInsteadOfTheBytesIsTakenAsBytesAndRefusedWhenItOverrunsTheLength() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(20);
        String fileId = sha256(data);
        TransferTicket ticket = uploadTicket(alice, fileId, data.length);

        try (RawTransferClient raw = redeemed(ticket)) {
            raw.send(new Ping("2")); // 28 bytes framed, where 20 raw ones were due
            ServerMessage answer = raw.readFrame();
            assertThat(TestClient.codeOf(answer)).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(((SessionMessage.Error) answer).message()).contains("more bytes", "20");
            assertThat(raw.isClosedByPeer()).isTrue();
        }
        assertThat(uploadTicket(alice, fileId, data.length).offset()).as("nothing of it kept").isZero();
    }

    @Test
    void moreBytesThanTheTicketSaysAreRefusedAndNothingIsStored() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(5000);
        String fileId = sha256(data);
        TransferTicket ticket = uploadTicket(alice, fileId, data.length);

        try (RawTransferClient raw = redeemed(ticket)) {
            raw.write(Arrays.copyOf(data, data.length + 7)); // the file and 7 bytes more, in one write
            assertThat(TestClient.codeOf(raw.readFrame())).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(raw.isClosedByPeer()).isTrue();
        }
        assertThat(alice.requestError(Send.file(alice.nextId(), "c1", Conversation.GROUP, "a.bin", fileId)).code())
                .isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
    }

    @Test
    void transferIsOnlyTheFirstFrameOfANewConnection() {
        TestClient alice = appliance.newUser("alice");

        SessionMessage.Error error = alice.requestError(new Transfer(alice.nextId(), "whatever"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(alice.request(new Ping(alice.nextId()), SessionMessage.Pong.class))
                .as("the chat connection carries on").isNotNull();
    }

    @Test
    void aTransferConnectionGetsNoRosterAndNoMessages() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(1000);
        String fileId = sha256(data);
        TransferTicket ticket = uploadTicket(alice, fileId, data.length);
        try (RawTransferClient raw = connect()) {
            assertThat(raw.redeem(ticket.ticket())).as("the first frame is the answer, no roster before it")
                    .isInstanceOf(TransferReady.class);
            alice.send(Conversation.GROUP, "chat while the file moves");
            raw.write(data);
            assertThat(raw.readFrame()).as("and the last is the upload's status, no message between")
                    .isInstanceOf(UploadStatus.class);
        }
    }

    @Test
    void anIdleRawUploadIsClosedAndKeepsWhatArrived() {
        restartWith(b -> b.idleTimeout(Duration.ofSeconds(2)));
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(10_000);
        String fileId = sha256(data);
        TransferTicket ticket = uploadTicket(alice, fileId, data.length);

        try (RawTransferClient raw = redeemed(ticket)) {
            raw.write(Arrays.copyOf(data, 3000));
            assertThat(raw.isClosedByPeer()).as("closed after 2 s without a byte either way").isTrue();
        }

        TestClient again = appliance.login("alice"); // the chat connection idled out as well meanwhile
        await().atMost(Duration.ofSeconds(20)).until(() -> uploadTicket(again, fileId, data.length).offset() == 3000);
    }

    @Test
    void transferConnectionsCountAgainstTheConnectionsPerAddress() {
        restartWith(b -> b.rateLimits(new RateLimits(30, 2, 20, 40, false)));
        TestClient alice = appliance.newUser("alice"); // the first connection from 127.0.0.1
        TransferTicket ticket = uploadTicket(alice, sha256(randomBytes(100)), 100);
        try (RawTransferClient second = connect(); RawTransferClient third = connect()) {
            assertThat(second.redeem(ticket.ticket())).isInstanceOf(TransferReady.class);

            ServerMessage refused = third.readFrame(); // said right after the handshake, before anything is sent

            assertThat(TestClient.codeOf(refused)).isEqualTo(ErrorCode.RATE_LIMITED);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void restartWith(UnaryOperator<ApplianceConfig.Builder> tweak) {
        appliance.close();
        appliance = RunningAppliance.start(dir, database, tweak);
    }

    private RawTransferClient connect() {
        return RawTransferClient.connect(appliance.port(), appliance.fingerprint());
    }

    /** A new transfer connection on which {@code ticket} was redeemed; the scenario does not look at the answer. */
    private RawTransferClient redeemed(TransferTicket ticket) {
        RawTransferClient raw = connect();
        raw.redeem(ticket.ticket());
        return raw;
    }

    /** A new transfer connection on which {@code ticket} was redeemed and answered with {@code transfer_ready}. */
    private RawTransferClient readyFor(TransferTicket ticket) {
        RawTransferClient raw = connect();
        ServerMessage answer = raw.redeem(ticket.ticket());
        if (!(answer instanceof TransferReady)) {
            raw.close(); // the assertion below fails the test; the connection must not outlive it
        }
        assertThat(answer).isInstanceOf(TransferReady.class);
        return raw;
    }

    /** Uploads {@code data} in chunks and sends it to the group; returns the message's seq. */
    private static long sendToGroup(TestClient client, byte[] data) {
        return client.request(Send.file(client.nextId(), "c1", Conversation.GROUP, "a.bin",
                client.uploadFile(data, null)), Ack.class).seq();
    }

    private static TransferTicket downloadTicket(TestClient client, long seq, long offset) {
        return client.request(TransferTicketRequest.download(client.nextId(), Conversation.GROUP, seq, offset),
                TransferTicket.class);
    }

    private static TransferTicket uploadTicket(TestClient client, String fileId, long size) {
        return client.request(TransferTicketRequest.upload(client.nextId(), fileId, size, null), TransferTicket.class);
    }

    /** Uploads {@code data} over one transfer connection; returns its file id. */
    private String uploadRaw(TestClient client, byte[] data) {
        String fileId = sha256(data);
        TransferTicket ticket = uploadTicket(client, fileId, data.length);
        try (RawTransferClient raw = connect()) {
            assertThat(raw.redeem(ticket.ticket())).isEqualTo(new TransferReady("t1", "upload", fileId, data.length, 0,
                    data.length));
            raw.write(data);
            assertThat(raw.readFrame()).isEqualTo(new UploadStatus("t1", fileId, data.length, data.length, true,
                    chunkBytes(client)));
        }
        return fileId;
    }

    private static int chunkBytes(TestClient client) {
        return client.hello().limits().chunkBytes();
    }
}
