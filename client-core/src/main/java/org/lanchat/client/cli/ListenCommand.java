package org.lanchat.client.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanchat.client.core.ChatClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen")
final class ListenCommand extends ChatCommand {
    /** The waits between attempts to reach an appliance that does not answer yet: 1, 2, 4 … seconds, at most 30. */
    private static final Duration WAIT_FIRST = Duration.ofSeconds(1);
    private static final Duration WAIT_MAX = Duration.ofSeconds(30);

    @Option(names = "--json", descriptionKey = "lanchat.listen.json")
    boolean json;

    @Option(names = "--no-read-marks", descriptionKey = "lanchat.listen.noReadMarks")
    boolean noReadMarks;

    ListenCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        // Printing has a thread of its own, so a slow reader of the output never holds up the client.
        ExecutorService printing = Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().daemon().name("lanchat-print").unstarted(task));
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        // The client exists once signed in; events printed before wait for it on the printing thread.
        CompletableFuture<ChatClient> client = new CompletableFuture<>();
        Delays onPrinting = (delay, task) ->
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, printing).execute(task);
        Listening listening = new Listening(new Lines(json, ZoneId.systemDefault()), user -> displayName(client, user),
                onPrinting, InstantSource.system(), out(), err(), ended);
        if (!noReadMarks) {
            // Before signing in: what is unread at the login is printed as the catch-up loads it, perhaps before
            // the sign-in returns; its marks wait for the client.
            listening.markReadWith((conversation, seq) -> client.thenAccept(c -> c.markRead(conversation, seq)));
        }
        // Takes colleagues' peer links, so that it keeps printing while the appliance is away (PROTOCOL.md §10).
        SignedIn signedIn;
        try {
            signedIn = openOnceTheApplianceAnswers(listening, printing);
        } catch (RuntimeException | InterruptedException e) {
            client.cancel(false);
            printing.shutdown();
            throw e;
        }
        client.complete(signedIn.client());
        // Ctrl-C and SIGTERM end the process without returning here: the hook closes the client then, so that the
        // appliance sees the connection close and colleagues' browsers hear this client's peer advertisement say
        // goodbye (RFC 6762 §10.1) instead of keeping it in their caches for its TTL.
        Runnable close = once(signedIn::close);
        Thread closeOnSignal = Thread.ofPlatform().name("lanchat-listen-close").unstarted(close);
        Runtime.getRuntime().addShutdownHook(closeOnSignal);
        try {
            // Until the session ends for good.
            return ended.join();
        } finally {
            close.run();
            printing.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnSignal);
            } catch (IllegalStateException e) {
                // The process is already ending; the hook finds the client closed.
            }
        }
    }

    /** Runs {@code close} the first time; a caller that comes while it runs waits until it has finished. */
    private static Runnable once(Runnable close) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            synchronized (closed) {
                if (!closed.getAndSet(true)) {
                    close.run();
                }
            }
        };
    }

    /**
     * Signed in, after waiting as long as it takes for an appliance that does not answer yet, or cannot serve yet: one
     * started at the same time as this command (at boot, by a script), restarting, or waiting for its database. What would not change by waiting (a wrong password,
     * an untrusted certificate, nowhere to look) ends the command at once.
     */
    private SignedIn openOnceTheApplianceAnswers(Listening listening, ExecutorService printing)
            throws InterruptedException {
        String lastReason = null;
        Access access = access(); // one for all attempts, so the trust file's warnings are said once
        for (int attempt = 0; ; attempt++) {
            try {
                return access.open(Access.How.SIGNED_IN, listening, printing, null, new InetSocketAddress(0));
            } catch (RuntimeException e) {
                CommandFailure failure = Failure.classify(e);
                if (!failure.waitingHelps()) {
                    throw failure;
                }
                Duration wait = waitAfter(attempt);
                String reason = failure.getMessage();
                // Said when the reason is new, not at every attempt: a log left running all night stays readable.
                if (!reason.equals(lastReason)) {
                    err().println(Texts.text("listen.waiting", reason, wait.toSeconds()));
                    err().flush();
                    lastReason = reason;
                }
                Thread.sleep(wait);
            }
        }
    }

    static Duration waitAfter(int attempt) {
        Duration doubled = WAIT_FIRST.multipliedBy(1L << Math.min(attempt, 10));
        return doubled.compareTo(WAIT_MAX) < 0 ? doubled : WAIT_MAX;
    }

    /** Empty while the appliance is away (peer mode) or does not answer: the login name is printed then. */
    private static Optional<String> displayName(CompletableFuture<ChatClient> client, String user) {
        try {
            return client.join().displayNames(List.of(user)).join().getOrDefault(user, Optional.empty());
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
    }
}
