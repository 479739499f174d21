package org.lanchat.appliance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;

/** Heavy work runs off the requests' virtual threads, a bounded number at a time. */
class HeavyWorkTest {
    private final HeavyWork decoding = new HeavyWork("test", 1, 1, "too much at once");
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        requests.close();
    }

    private CompletableFuture<String> decodeBlockingFrom(CountDownLatch started) {
        return CompletableFuture.supplyAsync(() -> decoding.runUnlessBusy(() -> {
            started.countDown();
            await(release);
            return "decoded";
        }), requests);
    }

    @Test
    void aRequestOnAVirtualThreadHasItsHeavyWorkDoneOnAPlatformThread() {
        Boolean virtual = CompletableFuture.supplyAsync(() -> decoding.runUnlessBusy(() -> Thread.currentThread().isVirtual()),
                requests).join();
        assertThat(virtual).isFalse();
    }

    @Test
    void aRefusalFromTheDecoderComesOutAsItself() {
        assertThatThrownBy(() -> decoding.runUnlessBusy(() -> {
            throw new Refused(ErrorCode.INVALID_IMAGE, "damaged");
        })).isInstanceOf(Refused.class).hasMessage("damaged");
    }

    @Test
    void oneFindingTheThreadAndQueueFullIsBusyAtOnceWhileOneThatMustNotBeLostWaitsItsTurn() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CompletableFuture<String> running = decodeBlockingFrom(firstStarted);
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = decodeBlockingFrom(new CountDownLatch(1));
        await().until(() -> decoding.freePlaces() == 0);

        // The one thread is decoding and the one place in the queue is taken: a third avatar is refused at once.
        assertThatThrownBy(() -> decoding.runUnlessBusy(() -> "a third"))
                .isInstanceOfSatisfying(Refused.class, busy -> {
                    assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                    assertThat(busy.retryAfter()).isEqualTo(HeavyWork.RETRY_AFTER);
                });
        CompletableFuture<String> fileThatWaits = CompletableFuture.supplyAsync(() -> decoding.run(() -> "thumbnail"), requests);
        assertThat(fileThatWaits).isNotDone();

        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("decoded");
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("decoded");
        assertThat(fileThatWaits.get(10, TimeUnit.SECONDS)).isEqualTo("thumbnail");
    }

    /**
     * One account searching over and over holds two places at most (one running, the next waiting); a third of its
     * searches is busy, and another account's search still gets a place.
     */
    @Test
    void anOwnerHoldsTwoPlacesAtMostWhileOthersStillGetOne() throws Exception {
        HeavyWork searches = new HeavyWork("test-searches", 1, 4, "too many searches");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> searches.runUnlessBusy(1L, () -> {
            started.countDown();
            await(release);
            return "first";
        }), requests);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> searches.runUnlessBusy(1L, () -> "next"),
                requests);
        await().until(() -> searches.freePlaces() == 3);

        assertThatThrownBy(() -> searches.runUnlessBusy(1L, () -> "a third")).isInstanceOfSatisfying(Refused.class,
                busy -> assertThat(busy.code()).isEqualTo(ErrorCode.BUSY));
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> searches.runUnlessBusy(2L, () -> "other"),
                requests);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(searches.runUnlessBusy(1L, () -> "later")).as("once they are done").isEqualTo("later");
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
