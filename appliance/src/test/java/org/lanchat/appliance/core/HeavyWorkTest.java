package org.lanchat.appliance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;

/**
 * Heavy work runs off the requests' virtual threads, a bounded number at a time, with turns going round the computers
 * waiting and round their accounts, and a small share of the queue for each account and each computer.
 */
class HeavyWorkTest {
    private static final String OFFICE = "192.0.2.10";
    private static final String FLOODER = "192.0.2.66";
    private static final HeavyWork.Owner COLLEAGUE = new HeavyWork.Owner(7L, OFFICE);
    private static final HeavyWork.Owner ATTACKER = new HeavyWork.Owner(66L, FLOODER);

    private final HeavyWork decoding = new HeavyWork("test", 1, 1, "too much at once");
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        requests.close();
    }

    @Test
    void aRequestOnAVirtualThreadHasItsHeavyWorkDoneOnAPlatformThread() {
        Supplier<Boolean> virtual = () -> Thread.currentThread().isVirtual();
        assertThat(CompletableFuture.supplyAsync(() -> decoding.runUnlessBusy(ATTACKER, virtual), requests).join()).isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> decoding.runUnlessBusy(COLLEAGUE, virtual), requests).join()).isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> decoding.run(COLLEAGUE, virtual), requests).join()).isFalse();
    }

    @Test
    void aRefusalFromTheDecoderComesOutAsItselfAndGivesItsPlaceBack() {
        assertThatThrownBy(() -> decoding.runUnlessBusy(COLLEAGUE, () -> {
            throw new Refused(ErrorCode.INVALID_IMAGE, "damaged");
        })).isInstanceOf(Refused.class).hasMessage("damaged");
        assertThat(decoding.held()).isZero();
    }

    @Test
    void oneFindingTheThreadAndQueueFullIsBusyAtOnceWhileOneThatMustNotBeLostWaitsItsTurn() throws Exception {
        CompletableFuture<String> running = holdFrom(decoding, () -> decoding.runUnlessBusy(someone(1), blockedUntilReleased("decoded")));
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> decoding.runUnlessBusy(someone(2), () -> "queued"), requests);
        await().until(() -> decoding.held() == 2);

        // The one thread is decoding and the one place in the queue is taken: a third avatar is refused at once.
        assertThatThrownBy(() -> decoding.runUnlessBusy(someone(3), () -> "a third"))
                .isInstanceOfSatisfying(Refused.class, busy -> {
                    assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                    assertThat(busy.retryAfter()).isEqualTo(HeavyWork.RETRY_AFTER);
                });
        CompletableFuture<String> fileThatWaits = CompletableFuture.supplyAsync(() -> decoding.run(COLLEAGUE, () -> "thumbnail"),
                requests);
        assertThat(fileThatWaits).isNotDone();

        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("decoded");
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
        assertThat(fileThatWaits.get(10, TimeUnit.SECONDS)).isEqualTo("thumbnail");
    }

    /**
     * One account searching over and over holds two places at most (one running, the next waiting); a third of its
     * searches is busy, and another account's search still gets a place.
     */
    @Test
    void anAccountHoldsTwoPlacesAtMostWhileOthersStillGetOne() throws Exception {
        HeavyWork searches = new HeavyWork("test-searches", 1, 16, "too many searches");
        HeavyWork.Owner searcher = new HeavyWork.Owner(1L, OFFICE);
        CompletableFuture<String> first = holdFrom(searches, () -> searches.runUnlessBusy(searcher, blockedUntilReleased("first")));
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> searches.runUnlessBusy(searcher, () -> "next"),
                requests);
        await().until(() -> searches.held() == 2);

        assertThatThrownBy(() -> searches.runUnlessBusy(searcher, () -> "a third")).isInstanceOfSatisfying(Refused.class,
                busy -> {
                    assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                    assertThat(busy.getMessage()).endsWith("(2 at a time for each account)");
                });
        CompletableFuture<String> other = CompletableFuture.supplyAsync(
                () -> searches.runUnlessBusy(new HeavyWork.Owner(2L, OFFICE), () -> "other"), requests);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(searches.runUnlessBusy(searcher, () -> "later")).as("once they are done").isEqualTo("later");
    }

    /**
     * Ten accounts registered from one computer, two searches each, took every place of the searches. Now the computer
     * holds four places whichever of its accounts asks (an IPv6 /64 is one computer), and a colleague elsewhere gets one.
     */
    @Test
    void aComputerHoldsFourPlacesAtMostWhicheverOfItsAccountsAsks() throws Exception {
        HeavyWork searches = new HeavyWork("test-searches", 1, 16, "too many searches");
        CompletableFuture<String> first = holdFrom(searches,
                () -> searches.runUnlessBusy(new HeavyWork.Owner(100L, "2001:db8:0:1:0:0:0:1"), blockedUntilReleased("first")));
        List<CompletableFuture<String>> admitted = new ArrayList<>();
        for (int account = 101; account <= 103; account++) {
            HeavyWork.Owner owner = new HeavyWork.Owner(account, "2001:db8:0:1:0:0:0:" + Integer.toHexString(account));
            admitted.add(CompletableFuture.supplyAsync(() -> searches.runUnlessBusy(owner, () -> "admitted"), requests));
            int held = admitted.size() + 1;
            await().until(() -> searches.held() == held);
        }

        for (int account = 104; account <= 110; account++) {
            HeavyWork.Owner sameNetwork = new HeavyWork.Owner(account, "2001:db8:0:1:ffff:0:0:" + account);
            assertThatThrownBy(() -> searches.runUnlessBusy(sameNetwork, () -> "one too many"))
                    .isInstanceOfSatisfying(Refused.class, busy -> {
                        assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                        assertThat(busy.getMessage()).endsWith("(4 at a time from each computer)");
                    });
        }
        CompletableFuture<String> colleague = CompletableFuture.supplyAsync(
                () -> searches.runUnlessBusy(COLLEAGUE, () -> "colleague"), requests);
        await().until(() -> searches.held() == 5);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(colleague.get(10, TimeUnit.SECONDS)).isEqualTo("colleague");
        for (CompletableFuture<String> search : admitted) {
            assertThat(search.get(10, TimeUnit.SECONDS)).isEqualTo("admitted");
        }
    }

    /** A computer checking pictures as fast as it can waits behind its own: the office's picture is next but one. */
    @Test
    void turnsGoRoundTheWaitingComputersOneEach() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<String> running = holdFrom(decoding, () -> decoding.run(ATTACKER, blockedUntilReleased("running")));
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (String who : List.of("flood-1", "flood-2", "flood-3", "office")) {
            HeavyWork.Owner owner = who.equals("office") ? COLLEAGUE : ATTACKER;
            waiting.add(CompletableFuture.supplyAsync(() -> decoding.run(owner, () -> {
                order.add(who);
                return who;
            }), requests));
            int queued = waiting.size();
            await().until(() -> decoding.waiting() == queued);
        }
        release.countDown();
        running.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("flood-1", "office", "flood-2", "flood-3");
    }

    /** Many throw-away accounts of one computer take one computer's turns, shared round them. */
    @Test
    void theAccountsOfOneComputerShareItsTurnsOneEach() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<String> running = holdFrom(decoding, () -> decoding.run(ATTACKER, blockedUntilReleased("running")));
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        record Upload(String name, HeavyWork.Owner owner) {
        }
        HeavyWork.Owner throwAway = new HeavyWork.Owner(67L, FLOODER);
        HeavyWork.Owner officeMate = new HeavyWork.Owner(8L, OFFICE);
        for (Upload upload : List.of(new Upload("a-1", ATTACKER), new Upload("a-2", ATTACKER), new Upload("b-1", throwAway),
                new Upload("b-2", throwAway), new Upload("office-1", COLLEAGUE), new Upload("office-2", COLLEAGUE),
                new Upload("mate", officeMate))) {
            waiting.add(CompletableFuture.supplyAsync(() -> decoding.run(upload.owner(), () -> {
                order.add(upload.name());
                return upload.name();
            }), requests));
            int queued = waiting.size();
            await().until(() -> decoding.waiting() == queued);
        }
        release.countDown();
        running.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("a-1", "office-1", "b-1", "mate", "a-2", "office-2", "b-2");
    }

    /**
     * Finished uploads are never refused, so one account's 24 connections once filled the queue with them and every
     * {@code set_avatar} was busy. Past its computer's share a finished upload only waits longer: a colleague's avatar
     * still gets a place, and its turn comes after at most one of the flood's.
     */
    @Test
    void finishedUploadsPastTheirComputersShareNeitherFillTheQueueNorGoFirst() throws Exception {
        HeavyWork pictures = new HeavyWork("test-pictures", 1, 4, "too many pictures");
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<String> running = holdFrom(pictures, () -> pictures.run(ATTACKER, blockedUntilReleased("running")));
        List<CompletableFuture<String>> flood = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            String name = "flood-" + i;
            flood.add(CompletableFuture.supplyAsync(() -> pictures.run(ATTACKER, () -> {
                order.add(name);
                return name;
            }), requests));
        }
        await().until(() -> pictures.waiting() == 24);
        assertThatThrownBy(() -> pictures.runUnlessBusy(ATTACKER, () -> "an avatar of the flood's"))
                .isInstanceOfSatisfying(Refused.class, busy -> assertThat(busy.code()).isEqualTo(ErrorCode.BUSY));

        CompletableFuture<String> avatar = CompletableFuture.supplyAsync(() -> pictures.runUnlessBusy(COLLEAGUE, () -> {
            order.add("avatar");
            return "avatar";
        }), requests);
        await().until(() -> pictures.waiting() == 25 || avatar.isDone()); // done at once: refused
        release.countDown();
        assertThat(avatar).as("not refused busy").succeedsWithin(Duration.ofSeconds(10)).isEqualTo("avatar");
        running.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order.indexOf("avatar")).as("after at most one of the flood's: " + order).isLessThanOrEqualTo(1);
        assertThat(pictures.held()).isZero();
    }

    /** Someone at a computer of their own. */
    private static HeavyWork.Owner someone(int n) {
        return new HeavyWork.Owner(100 + n, "198.51.100." + n);
    }

    /** Starts {@code holding} (which blocks until {@link #release}) and waits until it has the one thread. */
    private CompletableFuture<String> holdFrom(HeavyWork work, Supplier<String> holding) throws InterruptedException {
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(holding, requests);
        await().until(() -> work.held() == 1 && work.waiting() == 0);
        return holder;
    }

    private Supplier<String> blockedUntilReleased(String result) {
        return () -> {
            await(release);
            return result;
        };
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
