package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.GatedConnector;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/**
 * Files through the client core, against the real appliance over TLS (PROTOCOL.md §7.24, §7.25): sending uploads
 * first, downloading goes through a {@code .part} file that is resumed, checked against the SHA-256 and fetched again
 * when wrong, and only then gets the file's name. The appliance offers raw transfer connections, which the client
 * takes by default; {@link #CHUNKS} makes it use the chunked path, as it does with an appliance that predates them.
 */
class ChatClientFilesTest {
    private static final ClientOptions CHUNKS = LiveAppliance.OPTIONS.withChunkedTransfersOnly();
    @TempDir
    static Path dir;
    static LiveAppliance live;
    private static final Random RANDOM = new Random(17);

    @BeforeAll
    static void start() {
        live = LiveAppliance.start(dir);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void aFileSentByOneMemberIsDownloadedByAnotherWithProgressInChunks() throws Exception {
        ChatClient alice = live.user("filer", new EventRecorder(), CHUNKS);
        ChatClient bob = live.user("reader", new EventRecorder(), CHUNKS);
        byte[] bytes = randomBytes(1_200_000);
        Path report = Files.write(dir.resolve("report.pdf"), bytes);
        List<Long> sending = new CopyOnWriteArrayList<>();

        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, report, (done, total) -> sending.add(done)))
                .join();

        assertThat(sent.hasFile()).isTrue();
        assertThat(sent.text()).isEqualTo("report.pdf");
        assertThat(sending).as("progress after each chunk").startsWith(0L).endsWith((long) bytes.length).hasSize(4);
        ChatMessage message = bob.fileMessage(Conversation.GROUP, sent.seq());
        assertThat(message.attachment().size()).isEqualTo(bytes.length);
        Path target = dir.resolve("saved.pdf");
        List<Long> receiving = new CopyOnWriteArrayList<>();
        bob.downloadFile(Conversation.GROUP, sent.seq(), target, (done, total) -> receiving.add(done));
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(receiving).endsWith((long) bytes.length);
        assertThat(dir.resolve("saved.pdf.part")).doesNotExist();
    }

    @Test
    void aDownloadGoesOnFromItsPartFile() throws Exception {
        ChatClient alice = live.user("resumer", new EventRecorder());
        byte[] bytes = randomBytes(1_000_000);
        ChatEntry sent = sentToTheGroup(alice, "big.bin", bytes);
        Path target = dir.resolve("resumed.bin");
        Files.write(dir.resolve("resumed.bin.part"), Arrays.copyOf(bytes, 600_000)); // a download cut at 600,000 bytes
        List<Long> progress = new CopyOnWriteArrayList<>();

        alice.downloadFile(Conversation.GROUP, sent.seq(), target, (done, total) -> progress.add(done));

        assertThat(progress).as("went on from the part, not from 0").startsWith(600_000L).endsWith(1_000_000L)
                .allMatch(done -> done >= 600_000L);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }

    /**
     * Tried: in a download folder others may write to, a link planted under the {@code .part} name, pointing at a file
     * the user owns (a desktop autostart entry, say), over raw transfers and in chunks.
     */
    @Test
    void aDownloadNeverWritesThroughALinkPlantedAsItsPart() throws Exception {
        ChatClient alice = live.user("linkvictim", new EventRecorder());
        ChatClient chunked = live.user("linkvictim2", new EventRecorder(), CHUNKS);
        ChatEntry sent = sentToTheGroup(alice, "evil.desktop", randomBytes(5_000));
        Path victim = Files.writeString(dir.resolve("autostart.desktop"), "the user's own");
        for (ChatClient client : List.of(alice, chunked)) {
            Path target = dir.resolve("planted-" + client.hashCode());
            Path part = Files.createSymbolicLink(dir.resolve(target.getFileName() + ".part"), victim);

            assertThatThrownBy(() -> client.downloadFile(Conversation.GROUP, sent.seq(), target, TransferProgress.NONE))
                    .isInstanceOf(FileTransfers.UnsafePart.class).hasMessageContaining(part + " is a symbolic link");

            assertThat(Files.readString(victim)).isEqualTo("the user's own");
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void aCorruptPartIsFetchedAgainAndNeverSavedUnderTheName() throws Exception {
        ChatClient alice = live.user("checker", new EventRecorder());
        byte[] bytes = randomBytes(700_000);
        ChatEntry sent = sentToTheGroup(alice, "c.bin", bytes);
        Path target = dir.resolve("checked.bin");
        Files.write(dir.resolve("checked.bin.part"), randomBytes(300_000)); // wrong bytes where the file begins

        alice.downloadFile(Conversation.GROUP, sent.seq(), target, TransferProgress.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }

    @Test
    void aFileGoesUpAndComesDownRawWithProgressEveryQuarterMegabyte() throws Exception {
        ChatClient alice = live.user("rawfiler", new EventRecorder());
        ChatClient bob = live.user("rawreader", new EventRecorder());
        byte[] bytes = randomBytes(1_200_000);
        List<Long> sending = new CopyOnWriteArrayList<>();

        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, Files.write(dir.resolve("raw.bin"), bytes),
                (done, total) -> sending.add(done))).join();
        Path target = dir.resolve("raw-copy.bin");
        List<Long> receiving = new CopyOnWriteArrayList<>();
        bob.downloadFile(Conversation.GROUP, sent.seq(), target, (done, total) -> receiving.add(done));

        assertThat(sending).as("the ticket's offset, then every 256 KiB sent")
                .containsExactly(0L, 262_144L, 524_288L, 786_432L, 1_048_576L, 1_200_000L);
        assertThat(receiving).containsExactly(0L, 262_144L, 524_288L, 786_432L, 1_048_576L, 1_200_000L);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(dir.resolve("raw-copy.bin.part")).doesNotExist();
    }

    @Test
    void aRawUploadAndARawDownloadCutByALostConnectionGoOnWhereTheyStoppedAndAreChecked() throws Exception {
        GatedConnector cable = new GatedConnector(live.connector());
        ChatClient alice = live.client(cable, new EventRecorder());
        alice.register("rawcutter", RunningAppliance.PASSWORD, null).join();
        alice.caughtUp().join();
        byte[] bytes = randomBytes(1_500_000);
        Path file = Files.write(dir.resolve("rawcut.bin"), bytes);
        List<Long> sending = new CopyOnWriteArrayList<>();

        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, file, cutAfterFirstChunk(cable, sending)))
                .join();

        assertThat(sending).as("the appliance kept what arrived before the cut: never back to 0").startsWith(0L)
                .endsWith((long) bytes.length)
                .satisfies(list -> assertThat(list.subList(1, list.size())).allMatch(done -> done > 0));
        List<Long> receiving = new CopyOnWriteArrayList<>();
        Path target = dir.resolve("rawcut-copy.bin");
        alice.downloadFile(Conversation.GROUP, sent.seq(), target, cutAfterFirstChunk(cable, receiving));
        assertThat(receiving).as("went on from the .part after the cut, then checked").startsWith(0L, 262_144L)
                .endsWith((long) bytes.length)
                .satisfies(list -> assertThat(list.subList(1, list.size())).allMatch(done -> done > 0));
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(dir.resolve("rawcut-copy.bin.part")).doesNotExist();
    }

    /**
     * Tried: alice's other computer holds a raw upload of the same file open with 30,000 bytes in (a connection cut
     * without a close looks the same), and this client sends the file. The appliance answers its transfer {@code busy};
     * the client waits and asks again, until the other upload ends, and then goes on from where that one stopped.
     */
    @Test
    void aRawUploadToldToWaitWhileAnotherOfTheSameFileStreamsGoesOnOnceThatEnds() throws Exception {
        byte[] bytes = randomBytes(200_000);
        Path file = Files.write(dir.resolve("twice.bin"), bytes);
        String fileId = org.lanchat.protocol.message.FileIds.of(file);
        org.lanchat.appliance.testing.TestClient otherComputer = live.appliance().newUser("twocomputers");
        org.lanchat.appliance.testing.RawTransferClient held = org.lanchat.appliance.testing.RawTransferClient.connect(
                live.appliance().port(), live.appliance().fingerprint());
        live.track(held);
        held.redeem(otherComputer.request(org.lanchat.protocol.message.FileRequest.TransferTicketRequest.upload(
                otherComputer.nextId(), fileId, bytes.length, null),
                org.lanchat.protocol.message.FileMessage.TransferTicket.class).ticket());
        held.write(Arrays.copyOf(bytes, 30_000));
        ChatClient alice = live.client(new EventRecorder());
        alice.login("twocomputers", RunningAppliance.PASSWORD).join();
        List<Long> sending = new CopyOnWriteArrayList<>();

        java.util.concurrent.CompletableFuture<ChatEntry> sent = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return alice.sendFile(Conversation.GROUP, file, (done, total) -> sending.add(done));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> sent.isDone() || sending.stream().filter(done -> done == 30_000L).count() >= 2);
        assertThat(sent).as("told to wait, it asked again instead of failing").isNotDone();
        held.close();

        assertThat(alice.delivered(sent.get(30, java.util.concurrent.TimeUnit.SECONDS)).join().hasFile()).isTrue();
        assertThat(sending).as("it went on from the other upload's bytes").doesNotContain(0L)
                .endsWith((long) bytes.length);
    }

    @Test
    void anUploadAndADownloadCutByALostConnectionGoOnWhereTheyStoppedInChunks() throws Exception {
        GatedConnector cable = new GatedConnector(live.connector());
        ChatClient alice = live.client(cable, new EventRecorder(), CHUNKS);
        alice.register("cutter", RunningAppliance.PASSWORD, null).join();
        byte[] bytes = randomBytes(1_500_000); // three chunks
        Path file = Files.write(dir.resolve("cut.bin"), bytes);
        List<Long> sending = new CopyOnWriteArrayList<>();

        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, file, cutAfterFirstChunk(cable, sending)))
                .join();

        assertThat(sending).as("the appliance kept the first chunk across the cut: never back to 0")
                .startsWith(0L, 524_288L).endsWith((long) bytes.length)
                .satisfies(list -> assertThat(list.subList(1, list.size())).allMatch(done -> done > 0));
        List<Long> receiving = new CopyOnWriteArrayList<>();
        Path target = dir.resolve("cut-copy.bin");
        alice.downloadFile(Conversation.GROUP, sent.seq(), target, cutAfterFirstChunk(cable, receiving));
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(receiving).as("went on from the .part after the cut").startsWith(524_288L).allMatch(done -> done > 0);
    }

    /** Records the progress, and pulls the cable (then plugs it in again) once the first chunk has gone through. */
    private static TransferProgress cutAfterFirstChunk(GatedConnector cable, List<Long> progress) {
        return (done, total) -> {
            progress.add(done);
            if (done > 0 && progress.stream().filter(d -> d > 0).count() == 1) {
                cable.unplug();
                cable.plug();
            }
        };
    }

    @Test
    void aMessageWithoutAFileOrOutOfReachIsRefusedWithItsCode() throws Exception {
        ChatClient alice = live.user("asker2", new EventRecorder());
        ChatEntry text = alice.delivered(alice.sendText(Conversation.GROUP, "no file here")).join();

        assertThatThrownBy(() -> alice.fileMessage(Conversation.GROUP, text.seq()))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThatThrownBy(() -> alice.downloadFile(Conversation.GROUP, text.seq(), dir.resolve("x"), TransferProgress.NONE))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeAnyByteIsSent(@TempDir Path other) throws IOException, Exception {
        try (LiveAppliance small = LiveAppliance.start(other, b -> b.maxFileBytes(1000))) {
            ChatClient alice = small.user("limited", new EventRecorder());
            Path file = Files.write(other.resolve("big.bin"), randomBytes(1001));

            assertThatThrownBy(() -> alice.sendFile(Conversation.GROUP, file, TransferProgress.NONE))
                    .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        }
    }

    private static ChatEntry sentToTheGroup(ChatClient client, String name, byte[] bytes) throws Exception {
        return client.delivered(client.sendFile(Conversation.GROUP, Files.write(dir.resolve(name), bytes),
                TransferProgress.NONE)).join();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
