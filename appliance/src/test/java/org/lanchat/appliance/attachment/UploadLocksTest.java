package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A finished picture holds its upload's lock while it waits for its turn to be checked: nobody else's upload may wait
 * for that lock, only another request for the same upload.
 */
class UploadLocksTest {
    private final UploadLocks locks = new UploadLocks();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        requests.close();
    }

    @Test
    void anotherUploadGoesOnWhileOneWaitsAndTheSameUploadWaitsItsTurn() throws Exception {
        Path flooders = Path.of("partial", "aa01-66");
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<String> waitingForItsCheck = CompletableFuture.supplyAsync(() -> locks.holding(flooders, () -> {
            holding.countDown();
            await(release);
            return "checked";
        }), requests);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        // Every other upload: none waits, whatever its name hashes to (64 stripes once shared them).
        for (int i = 0; i < 1000; i++) {
            Path other = Path.of("partial", "file" + i + "-7");
            assertThat(CompletableFuture.supplyAsync(() -> locks.holding(other, () -> "chunk"), requests))
                    .succeedsWithin(Duration.ofSeconds(10));
        }
        CompletableFuture<String> sameUpload = CompletableFuture.supplyAsync(() -> locks.holding(flooders, () -> "begin"),
                requests);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> locks.size() == 1);
        assertThat(sameUpload).isNotDone();

        release.countDown();
        assertThat(waitingForItsCheck.get(10, TimeUnit.SECONDS)).isEqualTo("checked");
        assertThat(sameUpload.get(10, TimeUnit.SECONDS)).isEqualTo("begin");
        assertThat(locks.size()).as("forgotten once nobody holds them").isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
