package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.FileNames;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanchat download SEQ}: saves the file of the message SEQ (PROTOCOL.md §7.24) of the group, of the private
 * conversation {@code --with USER} or of the room {@code --room NAME}, under its sanitised name in the current directory or at {@code -o PATH}, and prints
 * where. Progress goes to standard error. The file is checked against its SHA-256 before it gets its name, and never
 * opened.
 */
@Command(name = "download")
final class DownloadCommand extends ChatCommand {
    @Option(names = "--with", paramLabel = "USER", descriptionKey = "lanchat.download.with")
    String with;

    @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.download.room")
    String room;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", descriptionKey = "lanchat.download.output")
    Path output;

    @Parameters(index = "0", paramLabel = "SEQ", descriptionKey = "lanchat.download.seq")
    long seq;

    DownloadCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (seq < 1) {
            throw CommandFailure.usage(Texts.text("download.seqTooSmall"));
        }
        conversation(with); // a malformed user name is a usage error before anything connects
        refuseIfTaken(output); // before anything connects: nothing to download for nothing
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            Conversation conversation = conversation(signedIn, with, room);
            ChatMessage message = fileMessage(signedIn, conversation);
            String name = FileNames.safe(message.text());
            // Never over a file already there: under the sender's name, report (1).pdf is saved beside it; a path the
            // user named is refused, since a name typed after -o is as easily one already in use ("notes.txt").
            Path target = output == null ? FileNames.free(Path.of(""), name)
                    : Files.isDirectory(output) ? FileNames.free(output, name) : output;
            refuseIfTaken(target); // again: it may have appeared while this signed in
            Path parent = target.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                throw CommandFailure.usage(Texts.text("download.cannotWrite", target));
            }
            signedIn.client().downloadFile(conversation, seq, target,
                    new TransferMeter(err(), "download.progress", name));
            out().println(target);
        } catch (ChatException | IOException e) {
            throw Failure.classify(e);
        }
        return Exit.OK;
    }

    /** A file the user named with -o that is already there (a link too, even one that leads nowhere) is kept. */
    private static void refuseIfTaken(Path path) {
        if (path != null && Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path)) {
            throw CommandFailure.usage(Texts.text("download.exists", path));
        }
    }

    /**
     * The message and its file. The appliance's one answer, "no file for you", covers several cases; where the message
     * is there, the user is told what it is instead: a message without a file, or a change.
     */
    private ChatMessage fileMessage(SignedIn signedIn, Conversation conversation)
            throws ChatException, InterruptedException {
        try {
            return signedIn.client().fileMessage(conversation, seq);
        } catch (ChatException e) {
            if (e.code() != ErrorCode.NO_SUCH_ATTACHMENT) {
                throw e;
            }
            Optional<ChatEntry> entry = signedIn.client().history(conversation, seq + 1, 1).join()
                    .entries().stream().filter(m -> m.seq() == seq).findFirst();
            if (entry.isEmpty()) {
                throw e;
            }
            throw CommandFailure.refused(entry.get().isChange() ? Texts.text("download.change", seq)
                    : Texts.text("download.noFile", seq));
        }
    }
}
