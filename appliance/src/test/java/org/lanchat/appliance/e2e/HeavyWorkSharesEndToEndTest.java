package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.Images;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;
import org.lanchat.protocol.message.ProfileRequest.SetAvatar;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/**
 * PROTOCOL.md §7.11, §7.22, §7.24 over real connections: one computer (127.0.0.2) floods the pictures or the searches,
 * and a colleague at another address (127.0.0.3) still gets a place and a turn. The test itself first holds every
 * thread of the queue (as a long picture or search running would), so the flood is all waiting when the colleague
 * asks; no timing is asserted. The queues are shared by the whole process, hence {@link Isolated}.
 */
@Isolated
class HeavyWorkSharesEndToEndTest {
    private static final String FLOODER = "127.0.0.2";
    private static final String COLLEAGUE = "127.0.0.3";
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        background.close();
    }

    /** Ten accounts registered from one computer, two searches each, once left a colleague only {@code busy}. */
    @Test
    void aColleaguesSearchGetsAPlaceWhileTenAccountsOfAnotherComputerSearch() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir);
             RunningAppliance appliance = RunningAppliance.start(dir, database, b -> b.rateLimits(RateLimits.DEFAULTS))) {
            List<TestClient> flooders = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                TestClient flooder = appliance.connectFrom(FLOODER);
                flooder.register("flooder" + i, RunningAppliance.PASSWORD);
                flooders.add(flooder);
            }
            TestClient colleague = appliance.connectFrom(COLLEAGUE);
            colleague.register("colleague", RunningAppliance.PASSWORD);

            holdEveryThreadOf(HeavyWork.SEARCHES);
            for (TestClient flooder : flooders) {
                for (int i = 0; i < 2; i++) {
                    flooder.sendMessage(new Search(flooder.nextId(), "anything", null, null, null));
                }
            }
            // Every search of the flood is either waiting for a turn or answered busy.
            await().until(() -> HeavyWork.SEARCHES.waiting() + busyAnswers(flooders) == 20);
            String mine = colleague.nextId();
            colleague.sendMessage(new Search(mine, "anything", null, null, null));
            await().until(() -> HeavyWork.SEARCHES.waiting() + busyAnswers(flooders) == 21 || answered(colleague, mine));
            release.countDown();

            assertThat(colleague.awaitReply(mine)).as("the colleague's search").isInstanceOf(SearchResults.class);
            assertThat(busyAnswers(flooders)).as("the flooding computer holds 4 places").isEqualTo(16);
        }
    }

    /**
     * One account uploading pictures on many connections once held the whole picture queue: a colleague's upload
     * waited behind all of it and every {@code set_avatar} was {@code busy}. The flood's uploads are not refused.
     */
    @Test
    void aColleaguesAvatarAndPictureGetThroughWhileAnotherComputerUploadsPicturesOverAndOver() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir);
             RunningAppliance appliance = RunningAppliance.start(dir, database, b -> b.rateLimits(RateLimits.DEFAULTS))) {
            List<TestClient> connections = new ArrayList<>();
            TestClient first = appliance.connectFrom(FLOODER);
            first.register("flooder", RunningAppliance.PASSWORD);
            connections.add(first);
            for (int i = 1; i < 4; i++) {
                TestClient more = appliance.connectFrom(FLOODER);
                more.login("flooder", RunningAppliance.PASSWORD);
                connections.add(more);
            }
            TestClient colleague = appliance.connectFrom(COLLEAGUE);
            colleague.register("colleague", RunningAppliance.PASSWORD);

            holdEveryThreadOf(HeavyWork.PICTURES);
            List<CompletableFuture<String>> flood = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                TestClient connection = connections.get(i % connections.size());
                byte[] picture = Images.real("png", 64 + i, 64); // a new file each time
                flood.add(CompletableFuture.supplyAsync(() -> connection.uploadFile(picture, "image/png"), background));
            }
            await().until(() -> HeavyWork.PICTURES.waiting() == 24);

            String avatar = colleague.nextId();
            colleague.sendMessage(new SetAvatar(avatar, Images.real("png", 200, 200)));
            await().until(() -> HeavyWork.PICTURES.waiting() == 25 || answered(colleague, avatar));
            CompletableFuture<String> picture = CompletableFuture.supplyAsync(
                    () -> colleague.uploadFile(Images.real("png", 300, 200), "image/png"), background);
            await().until(() -> HeavyWork.PICTURES.waiting() >= 26 || picture.isDone());
            release.countDown();

            assertThat(colleague.awaitReply(avatar)).as("the colleague's avatar").isInstanceOf(SessionMessage.Ok.class);
            assertThat(picture).succeedsWithin(Duration.ofSeconds(20));
            for (CompletableFuture<String> upload : flood) {
                assertThat(upload).as("a finished upload waits, it is not refused").succeedsWithin(Duration.ofSeconds(20));
            }
        }
    }

    /**
     * An avatar sent with {@code register} has no account yet: each registration counts as one of its own, within its
     * computer's share. Counted as one shared account, two such registrations anywhere left every other one busy.
     */
    @Test
    void newcomersFromSeveralComputersRegisteringWithAvatarsAllWaitTheirTurn() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir);
             RunningAppliance appliance = RunningAppliance.start(dir, database, b -> b.rateLimits(RateLimits.DEFAULTS))) {
            List<TestClient> newcomers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                newcomers.add(appliance.connectFrom("127.0.0." + (10 + i)));
            }
            holdEveryThreadOf(HeavyWork.PICTURES);
            List<CompletableFuture<?>> registering = new ArrayList<>();
            for (int i = 0; i < newcomers.size(); i++) {
                TestClient newcomer = newcomers.get(i);
                String name = "newcomer" + i;
                registering.add(CompletableFuture.supplyAsync(
                        () -> newcomer.register(name, RunningAppliance.PASSWORD, Images.real("png", 80, 80)), background));
            }
            await().until(() -> HeavyWork.PICTURES.waiting() == 3 || registering.stream().anyMatch(CompletableFuture::isDone));
            release.countDown();

            for (CompletableFuture<?> registration : registering) {
                assertThat(registration).as("registered, not refused busy").succeedsWithin(Duration.ofSeconds(20));
            }
        }
    }

    /** Takes every thread of {@code work} until {@link #release}, from addresses of their own (192.0.2.x). */
    private void holdEveryThreadOf(HeavyWork work) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(THREADS);
        for (int i = 0; i < THREADS; i++) {
            HeavyWork.Owner holder = new HeavyWork.Owner(-1 - i, "192.0.2." + (i + 1));
            background.submit(() -> work.runUnlessBusy(holder, () -> {
                running.countDown();
                try {
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
        }
        assertThat(running.await(20, TimeUnit.SECONDS)).as("every thread held").isTrue();
    }

    private static long busyAnswers(List<TestClient> clients) {
        return clients.stream().flatMap(c -> c.received().stream())
                .filter(m -> m.replyId().isPresent() && TestClient.codeOf(m) == ErrorCode.BUSY).count();
    }

    private static boolean answered(TestClient client, String id) {
        return client.received().stream().map(ServerMessage::replyId).anyMatch(reply -> reply.filter(id::equals).isPresent());
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(20));
    }
}
