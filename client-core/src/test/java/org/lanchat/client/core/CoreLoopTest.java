package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.net.ConnectionClosedException;

/** The loop a client's state lives on: where futures complete, and what happens once it is closed. */
class CoreLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final CoreLoop loop = CoreLoop.own();

    @AfterEach
    void stop() {
        loop.shutdown();
    }

    @Test
    void itRunsOnOneVirtualThread() throws Exception {
        Thread thread = loop.call(() -> CompletableFuture.completedFuture(Thread.currentThread())).get(5, TimeUnit.SECONDS);
        assertThat(thread.isVirtual()).isTrue();
        assertThat(loop.call(() -> CompletableFuture.completedFuture(loop.inLoop())).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.inLoop()).isFalse();
    }

    @Test
    void aFutureCompletedOnAnotherThreadIsDeliveredOnTheLoop() throws Exception {
        CompletableFuture<String> elsewhere = new CompletableFuture<>();
        CompletableFuture<Boolean> seenOnLoop = loop.confine(elsewhere).thenApply(value -> loop.inLoop());
        Thread.ofVirtual().start(() -> elsewhere.complete("reply")).join();
        assertThat(seenOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitingForTheLoopFromTheLoopRunsAtOnceInsteadOfWaitingForItself() throws Exception {
        CompletableFuture<Boolean> ran = loop.call(() -> {
            boolean[] done = {false};
            loop.runAndWait(() -> done[0] = true, WAIT);
            return CompletableFuture.completedFuture(done[0]);
        });
        assertThat(ran.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void onceShutDownRequestsFailTheirFutureAndPostedWorkIsDropped() {
        loop.shutdown();
        assertThat(loop.call(() -> CompletableFuture.completedFuture("late")))
                .failsWithin(WAIT).withThrowableThat().havingRootCause().isInstanceOf(ConnectionClosedException.class);
        loop.post(() -> {
            throw new AssertionError("must not run");
        });
        assertThatThrownBy(() -> loop.execute(() -> { })).as("a future's stage fails rather than hangs")
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void clientsMayShareOneThreadAndEachSeesItselfOnIt() throws Exception {
        ScheduledExecutorService shared = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        try {
            CoreLoop first = CoreLoop.on(shared);
            CoreLoop second = CoreLoop.on(shared);
            Thread a = first.call(() -> CompletableFuture.completedFuture(Thread.currentThread())).get(5, TimeUnit.SECONDS);
            Thread b = second.call(() -> CompletableFuture.completedFuture(Thread.currentThread())).get(5, TimeUnit.SECONDS);
            assertThat(a).isSameAs(b);
            first.shutdown();
            assertThat(shared.isShutdown()).as("a shared executor is its owner's to stop").isFalse();
        } finally {
            shared.shutdownNow();
        }
    }
}
