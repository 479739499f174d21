package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponderThreadTest {
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    final ResponderThread thread = new ResponderThread("test-responder", failures::add);

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void aStepThatThrowsIsReportedAndTheNextStillRuns() throws InterruptedException {
        CountDownLatch next = new CountDownLatch(1);

        thread.execute(() -> {
            throw new IllegalStateException("no querier for a re-announcement");
        });
        thread.execute(next::countDown);

        assertThat(next.await(5, TimeUnit.SECONDS)).as("the step after the failed one ran").isTrue();
        assertThat(failures).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("no querier for a re-announcement");
    }

    @Test
    void aDelayedStepThatThrowsIsReported() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);

        thread.schedule(() -> {
            throw new NullPointerException("querier");
        }, 10);
        thread.schedule(after::countDown, 20);

        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).singleElement().isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCallersFailureReachesTheCallerAndIsNotReportedTwice() {
        assertThatThrownBy(() -> thread.call(() -> {
            throw new java.io.IOException("address not on the interface");
        }).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("address not on the interface");
        assertThat(failures).isEmpty();
    }
}
