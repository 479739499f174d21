package org.lanchat.client.cli;

import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen",
        description = {"Prints every message and presence change as it arrives, and who reads and who types, until "
                + "interrupted (Ctrl-C). A lost connection is re-established by itself, and what arrived meanwhile is "
                + "printed then; no message is printed twice. What it prints counts as read (the sender of a private "
                + "message sees it read) unless --no-read-marks is given.", "Example: lanchat listen --json | jq -r 'select(.kind == \"text\") | .text'"})
final class ListenCommand extends ChatCommand {
    @Option(names = "--json", description = "One JSON object per line: conversation, seq, sender, time, text, kind.")
    boolean json;

    @Option(names = "--no-read-marks", description = "Do not mark what is printed as read: nobody sees that it was.")
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
        Listening listening = new Listening(new Lines(json, ZoneId.systemDefault()), out(), err(), ended);
        // Takes colleagues' peer links, so that it keeps printing while the appliance is away (PROTOCOL.md §10).
        SignedIn signedIn = access().open(Access.How.SIGNED_IN, listening, printing, null, new InetSocketAddress(0));
        if (!noReadMarks) {
            listening.markReadWith(signedIn.client()::markRead);
        }
        try {
            // Until the session ends for good; Ctrl-C ends the process, and the appliance sees the connection close.
            return ended.join();
        } finally {
            signedIn.close();
            printing.shutdown();
        }
    }
}
