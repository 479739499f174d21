package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientEvent.StatusChanged;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;

/**
 * A file transfer cut because the appliance was stopped (as SIGTERM stops it) and started again some seconds later,
 * with the real appliance over TLS: the running transfer waits for the client to have its session back, however many
 * reconnects that takes, and then goes on where the appliance's copy ends (PROTOCOL.md §7.24, a new ticket for a new
 * transfer connection §7.25). It used to give up after about eight seconds of quick retries, while the client was
 * still reconnecting.
 */
class TransfersAcrossRestartTest {
    /** Longer than the client's few quick retries: the report had the appliance back after 8 s and its start. */
    private static final Duration AWAY = Duration.ofSeconds(10);

    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();
    @TempDir
    Path dir;

    @Test
    void anUploadCutByAnApplianceAwayForSecondsGoesOnByItselfWhereItStopped() throws Exception {
        EventRecorder events = new EventRecorder();
        ChatClient alice = live.user("uploader", events);
        byte[] bytes = new byte[3_000_000];
        new Random(6).nextBytes(bytes);
        Path file = Files.write(dir.resolve("big6.bin"), bytes);
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        List<Long> sending = new CopyOnWriteArrayList<>();
        TransferProgress progress = (done, total) -> {
            sending.add(done);
            if (done >= total / 3 && underWay.getCount() > 0) { // hold the upload there until the appliance is gone
                underWay.countDown();
                awaitQuietly(stopped);
            }
        };
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        live.track(uploader::shutdownNow);

        CompletableFuture<ChatEntry> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return alice.sendFile(Conversation.GROUP, file, progress);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, uploader);
        assertThat(underWay.await(EventRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        events.clear();
        live.appliance().stop();
        int sentBeforeTheStop = sending.size();
        stopped.countDown();
        await().atMost(AWAY.multipliedBy(4)).until(() -> upload.isDone() || waitedToReconnect(events).compareTo(AWAY) > 0);
        assertThat(upload).as("still waiting for the appliance, not given up").isNotDone();
        live.appliance().restart();

        ChatEntry sent = alice.delivered(upload.get(EventRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .get(EventRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(sending.subList(sentBeforeTheStop, sending.size()))
                .as("after the restart, on from what the appliance kept: never back to 0")
                .isNotEmpty().allMatch(done -> done > 0).endsWith((long) bytes.length);
        Path copy = dir.resolve("copy.bin");
        alice.downloadFile(Conversation.GROUP, sent.seq(), copy, TransferProgress.NONE);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    }

    /**
     * How long the client has waited between reconnect attempts since its events were cleared: the delays it announced,
     * but the last one, which may still be running. A lower bound of the time the appliance has been away.
     */
    private static Duration waitedToReconnect(EventRecorder events) {
        List<Duration> delays = events.all(StatusChanged.class).stream()
                .filter(s -> s.status() == ConnectionStatus.RECONNECTING).map(StatusChanged::retryIn)
                .flatMap(Optional::stream).toList();
        return delays.stream().limit(Math.max(0, delays.size() - 1)).reduce(Duration.ZERO, Duration::plus);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(EventRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
