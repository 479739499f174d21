package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cap on concurrent password hashing that keeps a login storm's memory bounded. */
class HashingGateTest {
    // Not the common pool: on two cores it has one worker, which the first blocked login would hold.
    private final ExecutorService logins = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopLogins() {
        logins.shutdownNow();
    }

    @Test
    void beyondTheRunningAndWaitingLimitsALoginIsTurnedAwayAtOnce() throws Exception {
        HashingGate gate = new HashingGate(1, 1, 60_000);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            running.countDown();
            await(release);
            return "first";
        }), logins);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> gate.run(() -> "second"), logins);
        // One runs, one waits: a third has no place and is refused without waiting.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);
        assertThatThrownBy(() -> gate.run(() -> "third")).isInstanceOf(HashingGate.Saturated.class);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void aWaiterThatGetsNoTurnInTimeIsTurnedAway() throws Exception {
        HashingGate gate = new HashingGate(1, 10, 50);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            running.countDown();
            await(release);
            return "done";
        }), logins);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> gate.run(() -> "late")).isInstanceOf(HashingGate.Saturated.class);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
