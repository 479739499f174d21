package org.lanchat.client.cli;

import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen",
        description = {"Prints every message and presence change as it arrives, until interrupted (Ctrl-C). A lost "
                + "connection is re-established by itself, and what arrived meanwhile is printed then; no message is "
                + "printed twice.", "Example: lanchat listen --json | jq -r 'select(.kind == \"text\") | .text'"})
final class ListenCommand extends ChatCommand {
    @Option(names = "--json", description = "One JSON object per line: conversation, seq, sender, time, text, kind.")
    boolean json;

    ListenCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        // Printing has a thread of its own, so a slow reader of the output never holds up the client.
        ExecutorService printing = Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().daemon().name("lanchat-print").unstarted(task));
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        Listening listening = new Listening(new Lines(json, ZoneId.systemDefault()), out(), err(), ended);
        // Takes colleagues' peer links, so that it keeps printing while the appliance is away (PROTOCOL.md §10).
        SignedIn signedIn = access().open(Access.How.SIGNED_IN, listening, printing, null, new InetSocketAddress(0));
        try {
            // Until the session ends for good; Ctrl-C ends the process, and the appliance sees the connection close.
            return ended.join();
        } finally {
            signedIn.close();
            printing.shutdown();
        }
    }
}
