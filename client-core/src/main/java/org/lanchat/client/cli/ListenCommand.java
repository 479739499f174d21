package org.lanchat.client.cli;

import java.net.InetSocketAddress;
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
import org.lanchat.client.core.ChatClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen")
final class ListenCommand extends ChatCommand {
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
            signedIn = access().open(Access.How.SIGNED_IN, listening, printing, null, new InetSocketAddress(0));
        } catch (RuntimeException e) {
            client.cancel(false);
            printing.shutdown();
            throw e;
        }
        client.complete(signedIn.client());
        try {
            // Until the session ends for good; Ctrl-C ends the process, and the appliance sees the connection close.
            return ended.join();
        } finally {
            signedIn.close();
            printing.shutdown();
        }
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
