package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.testing.Images;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.ConversationRequest.ClearHistory;
import org.lanchat.protocol.message.FileMessage.Attachment;
import org.lanchat.protocol.message.FileMessage.Thumbnail;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.GetThumbnail;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.Invite;
import org.lanchat.protocol.message.RoomRequest.LeaveRoom;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Files and pictures (PROTOCOL.md §5.36–5.39, §6.24–6.26, §7.24) over real TLS on the embedded database
 * ({@link FilesOnMariaDbEndToEndTest} runs the same on MariaDB): uploads in chunks that resume after a cut, the hash
 * checked at the end, the size limit and the quota, pictures checked and thumbnailed, and downloads only for those
 * who can read the message.
 */
class FilesEndToEndTest extends OneApplianceTest {
    private static final Random RANDOM = new Random(17);

    @Test
    void aFileSentToTheGroupIsDownloadedByAnotherMemberByteForByte() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] report = randomBytes(1_300_000); // three chunks of at most 512 KiB

        String fileId = alice.uploadFile(report, "application/pdf");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "report.pdf", fileId), Ack.class);

        ChatMessage arrived = bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst();
        assertThat(arrived.text()).as("the name, what older clients show").isEqualTo("report.pdf");
        assertThat(arrived.attachment()).isEqualTo(new Attachment(fileId, report.length, "application/pdf", null, null));
        assertThat(bob.downloadFile(Conversation.GROUP, sent.seq())).isEqualTo(report);
    }

    @Test
    void aCutUploadContinuesWhereItStoppedAndAFinishedOneCompletesAtOnce() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(700_000);
        String fileId = sha256(data);
        UploadStatus begun = alice.request(new UploadBegin(alice.nextId(), fileId, (long) data.length, "application/pdf"),
                UploadStatus.class);
        assertThat(begun.offset()).isZero();
        alice.request(new UploadChunk(alice.nextId(), fileId, 0L, Arrays.copyOf(data, 300_000)), UploadStatus.class);
        alice.close(); // the connection drops after the first chunk

        TestClient again = appliance.login("alice");
        UploadStatus resumed = again.request(new UploadBegin(again.nextId(), fileId, (long) data.length, null),
                UploadStatus.class);
        assertThat(resumed.offset()).as("held from before the cut").isEqualTo(300_000);
        UploadStatus done = again.request(new UploadChunk(again.nextId(), fileId, 300_000L,
                Arrays.copyOfRange(data, 300_000, data.length)), UploadStatus.class);
        assertThat(done.complete()).isTrue();

        UploadStatus once = again.request(new UploadBegin(again.nextId(), fileId, (long) data.length, null),
                UploadStatus.class);
        assertThat(once.complete()).as("already stored, and uploaded by alice").isTrue();
        assertThat(once.offset()).isEqualTo(data.length);
        Ack sent = again.request(Send.file(again.nextId(), "c1", Conversation.GROUP, "plan.pdf", fileId), Ack.class);
        ChatMessage stored = again.request(new HistoryRequest(again.nextId(), Conversation.GROUP, null, null, 1),
                HistoryPage.class).messages().getFirst();
        assertThat(stored.seq()).isEqualTo(sent.seq());
        assertThat(stored.attachment().mediaType()).as("begun as a PDF, resumed without a media type")
                .isEqualTo("application/pdf");
    }

    @Test
    void anUploadBegunAgainWithAnotherSizeStartsAtZeroWhetherTheSizeGrewOrShrank() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(1000);
        String fileId = sha256(data);
        alice.request(new UploadBegin(alice.nextId(), fileId, 1000L, null), UploadStatus.class);
        alice.request(new UploadChunk(alice.nextId(), fileId, 0L, Arrays.copyOf(data, 500)), UploadStatus.class);

        UploadStatus larger = alice.request(new UploadBegin(alice.nextId(), fileId, 1007L, null), UploadStatus.class);
        assertThat(larger.offset()).as("the 500 bytes held were of a 1,000-byte file").isZero();
        assertThat(larger.size()).isEqualTo(1007);

        alice.request(new UploadChunk(alice.nextId(), fileId, 0L, Arrays.copyOf(data, 800)), UploadStatus.class);
        UploadStatus smaller = alice.request(new UploadBegin(alice.nextId(), fileId, 1000L, null), UploadStatus.class);
        assertThat(smaller.offset()).isZero();

        alice.request(new UploadChunk(alice.nextId(), fileId, 0L, data), UploadStatus.class);
        assertThat(alice.request(new UploadBegin(alice.nextId(), fileId, 1000L, null), UploadStatus.class).complete())
                .as("the file itself, sent at its own size, is stored").isTrue();
    }

    @Test
    void aChunkThatDoesNotStartWhereTheCopyEndsIsRefusedAndNothingIsLost() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(1000);
        String fileId = sha256(data);
        alice.request(new UploadBegin(alice.nextId(), fileId, 1000L, null), UploadStatus.class);
        alice.request(new UploadChunk(alice.nextId(), fileId, 0L, Arrays.copyOf(data, 400)), UploadStatus.class);

        SessionMessage.Error skipped = alice.requestError(new UploadChunk(alice.nextId(), fileId, 600L,
                Arrays.copyOfRange(data, 600, 1000)));
        assertThat(skipped.code()).isEqualTo(ErrorCode.WRONG_OFFSET);
        assertThat(skipped.message()).contains("400");
        assertThat(alice.request(new UploadBegin(alice.nextId(), fileId, 1000L, null), UploadStatus.class).offset())
                .isEqualTo(400);
    }

    @Test
    void bytesThatDoNotHaveTheAnnouncedHashAreDiscardedAndNeverSent() {
        TestClient alice = appliance.newUser("alice");
        byte[] data = randomBytes(5000);
        String fileId = sha256(data);
        byte[] corrupted = data.clone();
        corrupted[4321] ^= 1; // one bit flipped on the way
        alice.request(new UploadBegin(alice.nextId(), fileId, 5000L, null), UploadStatus.class);

        SessionMessage.Error error = alice.requestError(new UploadChunk(alice.nextId(), fileId, 0L, corrupted));

        assertThat(error.code()).isEqualTo(ErrorCode.HASH_MISMATCH);
        assertThat(alice.request(new UploadBegin(alice.nextId(), fileId, 5000L, null), UploadStatus.class).offset())
                .as("the partial upload was discarded").isZero();
        assertThat(alice.requestError(Send.file(alice.nextId(), "c1", Conversation.GROUP, "data.bin", fileId)).code())
                .isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedAtTheStart() {
        restartWith(b -> b.maxFileBytes(10_000).maxFrameBytes(64 * 1024));
        try (TestClient fresh = appliance.connectWithoutHello("127.0.0.1")) {
            SessionMessage.Limits announced = fresh.hello().limits();
            assertThat(announced.maxFileBytes()).as("the limit is announced").isEqualTo(10_000L);
            assertThat(announced.chunkBytes()).as("(65536 - 1024) / 4 * 3").isEqualTo(48_384);
        }
        TestClient alice = appliance.newUser("alice");

        SessionMessage.Error error = alice.requestError(new UploadBegin(alice.nextId(), sha256(new byte[10_001]),
                10_001L, null));

        assertThat(error.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        assertThat(error.message()).contains("10000");
        assertThat(alice.request(new UploadBegin(alice.nextId(), sha256(new byte[10_000]), 10_000L, null),
                UploadStatus.class).offset()).as("exactly the limit is fine").isZero();
    }

    @Test
    void uploadsPastTheQuotaAreRefusedCountingWhatUnfinishedOnesDeclared() {
        restartWith(b -> b.maxFileBytes(6000).attachmentQuotaBytes(8000)); // one account's share: 6000
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        alice.uploadFile(randomBytes(5000), null);
        byte[] second = randomBytes(2000);
        bob.request(new UploadBegin(bob.nextId(), sha256(second), 2000L, null), UploadStatus.class);
        bob.request(new UploadChunk(bob.nextId(), sha256(second), 0L, Arrays.copyOf(second, 500)),
                UploadStatus.class); // 5000 stored + 2000 reserved by an unfinished upload that holds 500

        SessionMessage.Error error = carol.requestError(new UploadBegin(carol.nextId(), sha256(randomBytes(1500)),
                1500L, null));

        assertThat(error.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(error.message()).contains("7000 of 8000");
        assertThat(carol.request(new UploadBegin(carol.nextId(), sha256(randomBytes(1000)), 1000L, null),
                UploadStatus.class).offset()).as("one that fits exactly is fine").isZero();
        assertThat(bob.request(new UploadBegin(bob.nextId(), sha256(second), 2000L, null), UploadStatus.class)
                .offset()).as("beginning again the upload that holds the reservation needs no more space").isEqualTo(500);
    }

    @Test
    void aBeginWithAnotherSizeThatTheQuotaRefusesLeavesTheEarlierUploadAsItWas() {
        restartWith(b -> b.maxFileBytes(6000).attachmentQuotaBytes(8000));
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.uploadFile(randomBytes(5000), null);
        byte[] second = randomBytes(2000);
        String fileId = sha256(second);
        bob.request(new UploadBegin(bob.nextId(), fileId, 2000L, null), UploadStatus.class);
        bob.request(new UploadChunk(bob.nextId(), fileId, 0L, Arrays.copyOf(second, 500)), UploadStatus.class);

        SessionMessage.Error refused = bob.requestError(new UploadBegin(bob.nextId(), fileId, 3500L, null));

        assertThat(refused.code()).as("5000 stored + 3500 would pass 8000").isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        UploadStatus earlier = bob.request(new UploadChunk(bob.nextId(), fileId, 500L,
                Arrays.copyOfRange(second, 500, 2000)), UploadStatus.class);
        assertThat(earlier.complete()).as("the 500 bytes held and the 2,000-byte size were kept").isTrue();
    }

    @Test
    void twoUploadsBegunTogetherCannotTogetherPassTheQuota() {
        restartWith(b -> b.maxFileBytes(6000).attachmentQuotaBytes(8000));
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] first = randomBytes(5000);

        alice.request(new UploadBegin(alice.nextId(), sha256(first), 5000L, null), UploadStatus.class);
        SessionMessage.Error refused = bob.requestError(new UploadBegin(bob.nextId(), sha256(randomBytes(4000)), 4000L,
                null)); // nothing of alice's is sent yet: her declared 5000 bytes are reserved all the same

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("5000 of 8000");
        alice.request(new UploadChunk(alice.nextId(), sha256(first), 0L, first), UploadStatus.class);
        assertThat(bob.request(new UploadBegin(bob.nextId(), sha256(randomBytes(3000)), 3000L, null),
                UploadStatus.class).offset()).as("once alice's file is stored, what is left").isZero();
    }

    @Test
    void anUploadOfAFileAlreadyStoredReservesOnlyWhatItHoldsSoOthersCanStillUpload() {
        restartWith(b -> b.maxFileBytes(5000).attachmentQuotaBytes(10_000));
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] stored = randomBytes(5000);
        alice.uploadFile(stored, null);
        // bob proves he has alice's stored file (§5.36: no quota check) and sends 1000 of its 5000 bytes for now.
        bob.request(new UploadBegin(bob.nextId(), sha256(stored), 5000L, null), UploadStatus.class);
        bob.request(new UploadChunk(bob.nextId(), sha256(stored), 0L, Arrays.copyOf(stored, 1000)), UploadStatus.class);

        TestClient dave = appliance.newUser("dave");
        assertThat(dave.request(new UploadBegin(dave.nextId(), sha256(randomBytes(4000)), 4000L, null),
                UploadStatus.class).offset()).as("5000 stored + 1000 held by bob's proof + 4000 fit 10000").isZero();
        TestClient carol = appliance.newUser("carol");
        SessionMessage.Error full = carol.requestError(new UploadBegin(carol.nextId(), sha256(randomBytes(1)), 1L, null));
        assertThat(full.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(full.message()).contains("10000 of 10000");
    }

    /**
     * Copies of a stored file sent all but their last byte stay on the disk for days: they count in the shares; and
     * once complete, a copy counts in its uploader's share as any file they uploaded.
     */
    @Test
    void unfinishedCopiesOfStoredFilesTakeTheirWholeSizeFromTheAccountsShare() {
        restartWith(b -> b.maxFileBytes(1000).attachmentQuotaBytes(100_000));
        TestClient alice = appliance.newUser("alice");
        TestClient carol = appliance.newUser("carol");
        TestClient bob = appliance.newUser("bob");
        List<byte[]> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) { // alice's share holds ten
            byte[] file = randomBytes(1000);
            (i < 10 ? alice : carol).uploadFile(file, null);
            stored.add(file);
        }
        for (int i = 0; i < 10; i++) { // bob "proves" he has ten of them and stops one byte short: his whole share
            byte[] file = stored.get(i);
            bob.request(new UploadBegin(bob.nextId(), sha256(file), 1000L, null), UploadStatus.class);
            bob.request(new UploadChunk(bob.nextId(), sha256(file), 0L, Arrays.copyOf(file, 999)), UploadStatus.class);
        }

        SessionMessage.Error refused = bob.requestError(new UploadBegin(bob.nextId(), sha256(stored.get(10)), 1000L,
                null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("one account may reserve at most 10000");
        bob.request(new UploadChunk(bob.nextId(), sha256(stored.getFirst()), 999L, Arrays.copyOfRange(stored.getFirst(),
                999, 1000)), UploadStatus.class);
        SessionMessage.Error still = bob.requestError(new UploadBegin(bob.nextId(), sha256(stored.get(10)), 1000L, null));
        assertThat(still.code()).as("a copy completed is a file of his: it takes its whole size from his share")
                .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(still.message()).contains("(1000 uploaded, 9000 reserved by your unfinished uploads)",
                "one account's share for such files is 10000 bytes");
    }

    @Test
    void unfinishedCopiesOfAStoredFileFromOneAddressTakeItsShareHoweverManyAccountsBeganThem() {
        // This machine is not exempt here, as it is in the other tests: all these accounts share its address.
        restartWith(b -> b.maxFileBytes(1000).attachmentQuotaBytes(100_000).rateLimits(RateLimits.DEFAULTS));
        TestClient owner = appliance.newUser("owner");
        byte[] stored = randomBytes(1000);
        owner.uploadFile(stored, null);
        for (int i = 0; i < 10; i++) { // ten accounts, each one copy of the same file, one byte short
            TestClient throwaway = appliance.newUser("throwaway" + i);
            throwaway.request(new UploadBegin(throwaway.nextId(), sha256(stored), 1000L, null), UploadStatus.class);
            throwaway.request(new UploadChunk(throwaway.nextId(), sha256(stored), 0L, Arrays.copyOf(stored, 999)),
                    UploadStatus.class);
        }

        TestClient another = appliance.newUser("another");
        SessionMessage.Error refused = another.requestError(new UploadBegin(another.nextId(), sha256(stored), 1000L,
                null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("one address may reserve at most 10000");
    }

    @Test
    void oneAccountHasAtMost64UnfinishedUploadsCopiesOfStoredFilesIncluded() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        for (int i = 0; i < 65; i++) {
            alice.uploadFile(new byte[] {(byte) i, 7}, null);
        }
        for (int i = 0; i < 64; i++) { // one byte of two each
            String fileId = sha256(new byte[] {(byte) i, 7});
            bob.request(new UploadBegin(bob.nextId(), fileId, 2L, null), UploadStatus.class);
            bob.request(new UploadChunk(bob.nextId(), fileId, 0L, new byte[] {(byte) i}), UploadStatus.class);
        }

        SessionMessage.Error refused = bob.requestError(new UploadBegin(bob.nextId(), sha256(new byte[] {(byte) 64, 7}),
                2L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("64 unfinished uploads");
    }

    @Test
    void theUnfinishedUploadsFromOneAddressReserveATenthOfTheQuotaAtMostHoweverManyAccountsBeganThem() {
        // This machine is not exempt here, as it is in the other tests: all these accounts share its address.
        restartWith(b -> b.maxFileBytes(1000).attachmentQuotaBytes(100_000).rateLimits(RateLimits.DEFAULTS));
        TestClient first = null;
        byte[] firstFile = null;
        for (int i = 0; i < 5; i++) { // each within its own tenth: 2 x 1000 reserved, not a byte sent
            TestClient throwaway = appliance.newUser("throwaway" + i);
            for (int j = 0; j < 2; j++) {
                byte[] file = randomBytes(1000);
                throwaway.request(new UploadBegin(throwaway.nextId(), sha256(file), 1000L, null), UploadStatus.class);
                if (first == null) {
                    first = throwaway;
                    firstFile = file;
                }
            }
        }

        TestClient another = appliance.newUser("another");
        SessionMessage.Error refused = another.requestError(new UploadBegin(another.nextId(), sha256(randomBytes(1000)),
                1000L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("one address may reserve at most 10000");
        first.request(new UploadChunk(first.nextId(), sha256(firstFile), 0L, firstFile), UploadStatus.class);
        assertThat(another.request(new UploadBegin(another.nextId(), sha256(randomBytes(1000)), 1000L, null),
                UploadStatus.class).offset()).as("a finished upload frees its share of the address's").isZero();
    }

    @Test
    void oneAccountHasAtMost64UnfinishedUploadsHoweverSmall() {
        TestClient alice = appliance.newUser("alice");
        for (int i = 0; i < 64; i++) { // one byte each: far inside any quota
            alice.request(new UploadBegin(alice.nextId(), sha256(new byte[] {(byte) i}), 1L, null), UploadStatus.class);
        }

        SessionMessage.Error refused = alice.requestError(new UploadBegin(alice.nextId(), sha256(new byte[] {(byte) 64, 1}), 2L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("64 unfinished uploads");
        alice.request(new UploadChunk(alice.nextId(), sha256(new byte[] {0}), 0L, new byte[] {0}), UploadStatus.class);
        assertThat(alice.request(new UploadBegin(alice.nextId(), sha256(new byte[] {(byte) 64, 1}), 2L, null),
                UploadStatus.class).offset()).as("once one is finished").isZero();
    }

    @Test
    void oneAccountsUnfinishedUploadsReserveATenthOfTheQuotaAtMostSoOthersCanStillUpload() {
        restartWith(b -> b.maxFileBytes(1000).attachmentQuotaBytes(100_000));
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        List<byte[]> begun = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) { // made-up files, not a byte sent: 10 x 1000 reserved
            byte[] file = randomBytes(1000);
            alice.request(new UploadBegin(alice.nextId(), sha256(file), 1000L, null), UploadStatus.class);
            begun.add(file);
        }

        SessionMessage.Error refused = alice.requestError(new UploadBegin(alice.nextId(), sha256(randomBytes(1000)),
                1000L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("one account may reserve at most 10000");
        assertThat(bob.request(new UploadBegin(bob.nextId(), sha256(randomBytes(1000)), 1000L, null),
                UploadStatus.class).offset()).as("the others' uploads go on").isZero();
        alice.request(new UploadChunk(alice.nextId(), sha256(begun.getFirst()), 0L, begun.getFirst()), UploadStatus.class);
        SessionMessage.Error still = alice.requestError(new UploadBegin(alice.nextId(), sha256(randomBytes(1000)), 1000L,
                null));
        assertThat(still.message()).as("a finished upload reserves nothing more, but is a file of hers, in her share")
                .contains("(1000 uploaded, 9000 reserved by your unfinished uploads)");
    }

    /**
     * The attack that filled the appliance: one account uploads file after file to the end and sends none of them.
     * Its completed files not sent yet take at most its share of the quota, so everyone else can still upload.
     */
    @Test
    void oneAccountsFilesTakeATenthOfTheQuotaAtMostSoOthersCanStillUpload() {
        restartWith(b -> b.maxFileBytes(1000).attachmentQuotaBytes(10_000)); // a share: a tenth, one whole file
        TestClient mallory = appliance.newUser("mallory");
        TestClient alice = appliance.newUser("alice");
        String mine = mallory.uploadFile(randomBytes(1000), null);

        SessionMessage.Error refused = mallory.requestError(new UploadBegin(mallory.nextId(), sha256(randomBytes(1000)),
                1000L, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("your files not sent in any message yet take 1000 bytes (1000 uploaded, 0 reserved",
                "one account's share for such files is 1000 bytes of 10000; this file needs 1000");
        SessionMessage.Error small = mallory.requestError(new UploadBegin(mallory.nextId(), sha256(randomBytes(1)), 1L,
                null));
        assertThat(small.code()).as("not even one byte more").isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        byte[] note = randomBytes(1000);
        String fileId = alice.uploadFile(note, "text/plain");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "note.txt", fileId), Ack.class);
        assertThat(mallory.downloadFile(Conversation.GROUP, sent.seq())).as("alice's upload went through").isEqualTo(note);

        // A file sent is in a message for everyone to see: it no longer counts in its uploader's share.
        mallory.request(Send.file(mallory.nextId(), "m1", Conversation.GROUP, "first.bin", mine), Ack.class);
        assertThat(mallory.request(new UploadBegin(mallory.nextId(), sha256(randomBytes(1000)), 1000L, null),
                UploadStatus.class).offset()).as("mallory may upload again").isZero();
    }

    @Test
    void aPictureIsCheckedAndGetsAThumbnailThatMembersCanFetch() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] png = Images.real("png", 1200, 600);
        String fileId = alice.uploadFile(png, "image/png");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.with("bob"), "screen.png", fileId),
                Ack.class);

        ChatMessage arrived = bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst();
        assertThat(arrived.attachment()).isEqualTo(new Attachment(fileId, png.length, "image/png", 1200, 600));
        Thumbnail thumbnail = bob.request(new GetThumbnail(bob.nextId(), Conversation.with("alice"), sent.seq()),
                Thumbnail.class);
        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(Images.dimensions(thumbnail.image())).containsExactly(256, 128);
    }

    @Test
    void hostilePicturesAreRefusedAndNotStored() {
        TestClient alice = appliance.newUser("alice");
        byte[] polyglot = concat(Images.real("png", 16, 16), "PK\u0003\u0004 a zip archive follows".getBytes(
                StandardCharsets.ISO_8859_1));
        for (Object[] hostile : List.of(
                new Object[] {"a PNG bomb of 20000x20000 pixels", Images.pngBomb(20_000), ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a GIF claiming 65535x65535", Images.gifClaiming(65_535, 65_535), ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a 1x1 GIF on a screen claiming 65535x65535", Images.gifClaiming(65_535, 65_535, 1, 1),
                        ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a 1x1 GIF whose second frame claims 30000x30000",
                        Images.gifFrames(new int[] {1, 1}, new int[] {30_000, 30_000}), ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a 1x1 GIF followed by 1000 frames of 16384x4096", thousandLargeFrames(),
                        ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a GIF of 5001 frames of 1x1", Images.gifFrames(java.util.Collections.nCopies(5001,
                        new int[] {1, 1}).toArray(int[][]::new)), ErrorCode.IMAGE_TOO_LARGE},
                new Object[] {"a PNG with a ZIP appended", polyglot, ErrorCode.INVALID_IMAGE},
                new Object[] {"a PNG cut short", Arrays.copyOf(Images.real("png", 64, 64), 100), ErrorCode.INVALID_IMAGE},
                new Object[] {"a JPEG cut short with its end marker appended", jpegCutShortThenEnded(),
                        ErrorCode.INVALID_IMAGE})) {
            byte[] bytes = (byte[]) hostile[1];
            String fileId = sha256(bytes);
            alice.request(new UploadBegin(alice.nextId(), fileId, (long) bytes.length, "image/png"), UploadStatus.class);
            SessionMessage.Error error = alice.requestError(new UploadChunk(alice.nextId(), fileId, 0L, bytes));
            assertThat(error.code()).as((String) hostile[0]).isEqualTo(hostile[2]);
            assertThat(alice.requestError(Send.file(alice.nextId(), UUID.randomUUID().toString(), Conversation.GROUP,
                    "x.png", fileId)).code()).as((String) hostile[0] + " is not stored").isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
        }
    }

    @Test
    void anAnimatedGifWhoseFramesAreAllSmallIsAPicture() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] animated = Images.gifFrames(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
        String fileId = alice.uploadFile(animated, "image/gif");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.with("bob"), "wave.gif", fileId), Ack.class);
        assertThat(bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst().attachment())
                .isEqualTo(new Attachment(fileId, animated.length, "image/gif", 1, 1));
    }

    private static byte[] thousandLargeFrames() {
        int[][] frames = new int[1001][];
        frames[0] = new int[] {1, 1};
        Arrays.fill(frames, 1, frames.length, new int[] {16_384, 4_096});
        return Images.gifFrames(frames);
    }

    /** A real JPEG cut at 60% of its bytes, then FF D9, so that its last bytes look like a whole JPEG's. */
    private static byte[] jpegCutShortThenEnded() {
        byte[] jpeg = Images.real("jpeg", 200, 200);
        return concat(Arrays.copyOf(jpeg, jpeg.length * 6 / 10), new byte[] {(byte) 0xFF, (byte) 0xD9});
    }

    @Test
    void aFileIsNeverDrawnAsAPictureUnlessItIsOne() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        String fileId = alice.uploadFile(html, "image/png");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "cat.png", fileId), Ack.class);

        Attachment shown = bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst().attachment();
        assertThat(shown.mediaType()).as("declared image/png, but it is not one").isEqualTo("application/octet-stream");
        assertThat(shown.isPicture()).isFalse();
    }

    @Test
    void aRecipientWhoWasOfflineGetsTheFileLater() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob").close();
        byte[] data = randomBytes(2000);
        String fileId = alice.uploadFile(data, "text/plain");
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.with("bob"), "notes.txt", fileId),
                Ack.class);

        TestClient bob = appliance.login("bob");
        ChatMessage arrived = bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst();
        assertThat(arrived.attachment().fileId()).isEqualTo(fileId);
        assertThat(bob.downloadFile(Conversation.with("alice"), sent.seq())).isEqualTo(data);
    }

    @Test
    void onlyThoseWhoCanReadTheMessageCanDownloadItsFileAndForgedNamesLearnNothing() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        carol.send(Conversation.with("alice"), "hi alice"); // carol has a conversation with alice, seq 1
        String fileId = alice.uploadFile(randomBytes(3000), null);
        Ack sent = alice.request(Send.file(alice.nextId(), "c1", Conversation.with("bob"), "salary.xlsx", fileId),
                Ack.class);

        for (Conversation forged : List.of(Conversation.with("alice"), Conversation.with("bob"),
                Conversation.with("nobody"), Conversation.GROUP)) {
            for (long seq : new long[] {1, sent.seq()}) {
                SessionMessage.Error error = carol.requestError(new Download(carol.nextId(), forged, seq, 0L, null));
                assertThat(error.code()).as("carol asking %s seq %d", forged, seq).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
                assertThat(error.message()).as("the same words whatever the reason")
                        .isEqualTo(carol.requestError(new Download(carol.nextId(), Conversation.GROUP, 999L, 0L, null))
                                .message());
            }
        }
        assertThat(carol.requestError(Send.file(carol.nextId(), "c9", Conversation.GROUP, "stolen.xlsx", fileId)).code())
                .as("knowing the hash is not having the file").isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
        assertThat(carol.request(new UploadBegin(carol.nextId(), fileId, 3000L, null), UploadStatus.class).complete())
                .as("nor does it skip the upload").isFalse();

        bob.request(new ClearHistory(bob.nextId(), Conversation.with("alice")), SessionMessage.Ok.class);
        assertThat(bob.requestError(new Download(bob.nextId(), Conversation.with("alice"), sent.seq(), 0L, null)).code())
                .as("cleared for bob").isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
        assertThat(alice.downloadFile(Conversation.with("bob"), sent.seq())).hasSize(3000);
    }

    @Test
    void aFileInAPrivateRoomReachesItsMembersAndNobodyElseOrAfterLeaving() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Conversation room = alice.request(new CreateRoom(alice.nextId(), "Plans", null, "private"),
                RoomMessage.Room.class).room().conversation();
        alice.request(new Invite(alice.nextId(), room, "bob"), SessionMessage.Ok.class);
        byte[] plan = randomBytes(4000);
        String fileId = alice.uploadFile(plan, "application/pdf");

        Ack sent = alice.request(Send.file(alice.nextId(), "c1", room, "plan.pdf", fileId), Ack.class);

        assertThat(bob.awaitChat(1, m -> m.seq() == sent.seq()).getFirst().attachment().fileId()).isEqualTo(fileId);
        assertThat(bob.downloadFile(room, sent.seq())).isEqualTo(plan);
        assertThat(carol.requestError(new Download(carol.nextId(), room, sent.seq(), 0L, null)).code())
                .as("carol, not a member, asking for the room's file").isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
        bob.request(new LeaveRoom(bob.nextId(), room), SessionMessage.Ok.class);
        assertThat(bob.requestError(new Download(bob.nextId(), room, sent.seq(), 0L, null)).code())
                .as("bob, once he left").isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT);
    }

    // ------------------------------------------------------------------ helpers

    private void restartWith(UnaryOperator<ApplianceConfig.Builder> tweak) {
        appliance.close();
        appliance = RunningAppliance.start(dir, database, tweak);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
