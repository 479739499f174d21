package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.lanchat.appliance.core.Refused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;

/** The cap on concurrent password hashing that keeps a login storm's memory bounded and shares turns fairly. */
class HashingGateTest {
    private static final String OFFICE = "192.0.2.10";
    private static final String FLOODER = "192.0.2.66";

    // Not the common pool: on two cores it has one worker, which the first blocked login would hold.
    private final ExecutorService logins = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopLogins() {
        logins.shutdownNow();
    }

    @Test
    void beyondTheRunningAndWaitingLimitsALoginIsTurnedAwayAtOnce() throws Exception {
        HashingGate gate = new HashingGate(1, 1, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = hold(gate, OFFICE, release);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> gate.run(OFFICE, () -> "second"), logins);
        // One runs, one waits: a third has no place and is refused without waiting.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);
        assertThatThrownBy(() -> gate.run(FLOODER, () -> "third")).isInstanceOf(Refused.class).extracting("code").isEqualTo(ErrorCode.BUSY);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void aWaiterThatGetsNoTurnInTimeIsTurnedAway() throws Exception {
        HashingGate gate = new HashingGate(1, 10, 50);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = hold(gate, OFFICE, release);
        assertThatThrownBy(() -> gate.run(OFFICE, () -> "late")).isInstanceOf(Refused.class).extracting("code").isEqualTo(ErrorCode.BUSY);
        assertThat(gate.waiting()).as("the late one left the queue").isZero();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(gate.run(OFFICE, () -> "next")).as("the permit came back").isEqualTo("next");
    }

    /** A computer sending logins as fast as it can waits behind its own: the office's login is next but one. */
    @Test
    void turnsGoRoundTheWaitingAddressesOneEach() throws Exception {
        HashingGate gate = new HashingGate(1, 256, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = hold(gate, FLOODER, release);
        List<String> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> waiting = new java.util.ArrayList<>();
        for (String who : List.of("flood-1", "flood-2", "flood-3", "office")) {
            String address = who.equals("office") ? OFFICE : FLOODER;
            waiting.add(CompletableFuture.supplyAsync(() -> gate.run(address, () -> {
                order.add(who);
                return who;
            }), logins));
            int queued = waiting.size();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == queued);
        }
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("flood-1", "office", "flood-2", "flood-3");
    }

    /** The running hash counts: 64 places from one address are the one running and 63 waiting. */
    @Test
    void oneAddressHoldsAtMost64PlacesRunningOrWaiting() throws Exception {
        HashingGate gate = new HashingGate(1, 256, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = hold(gate, FLOODER, release);
        for (int i = 1; i < HashingGate.PLACES_PER_ADDRESS; i++) {
            logins.submit(() -> gate.run(FLOODER, () -> "flood"));
            int queued = i;
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == queued);
        }
        assertThatThrownBy(() -> gate.run(FLOODER, () -> "one too many")).isInstanceOf(Refused.class).extracting("code").isEqualTo(ErrorCode.BUSY);
        CompletableFuture<String> office = CompletableFuture.supplyAsync(() -> gate.run(OFFICE, () -> "office"), logins);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> gate.waiting() == HashingGate.PLACES_PER_ADDRESS);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(office.get(10, TimeUnit.SECONDS)).isEqualTo("office");
    }

    /** A virtual thread is never time-sliced: hashing on one held a carrier thread until it was done. */
    @Test
    void theHashRunsOnAPlatformThreadNotOnTheRequestsVirtualOne() throws Exception {
        HashingGate gate = new HashingGate(2, 16, 10_000);
        boolean virtual = CompletableFuture.supplyAsync(() -> gate.run(OFFICE, () -> Thread.currentThread().isVirtual()),
                logins).get(10, TimeUnit.SECONDS);
        assertThat(virtual).isFalse();
    }

    /** Takes the gate's only permit from {@code address} until {@code release}. */
    private CompletableFuture<String> hold(HashingGate gate, String address, CountDownLatch release) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> gate.run(address, () -> {
            running.countDown();
            await(release);
            return "held";
        }), logins);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
