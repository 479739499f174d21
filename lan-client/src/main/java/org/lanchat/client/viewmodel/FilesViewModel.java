package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.FileNames;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.FileMessage.Attachment;

/**
 * Files in the chat window (PROTOCOL.md §7.24): sending the ones the user attaches, drops or pastes to the
 * conversation on screen, saving a received one where the user chooses, fetching a picture to look at it, and the
 * progress of each transfer. Transfers run on the background executor, one thread each, so neither the window nor the
 * chat waits for them; what they change is set on the UI executor. Nothing received is ever opened or run.
 */
public final class FilesViewModel {
    /** Thumbnails kept in memory: a few screens of pictures. */
    static final int THUMBNAILS_KEPT = 200;
    private final FileCalls calls;
    private final Executor ui;
    private final Executor background;
    private final Supplier<Conversation> conversation;
    private final StringProperty error;
    private final Path pictureCache;
    private final ObservableList<Transfer> transfers = FXCollections.observableArrayList();
    private final StringProperty saved = new SimpleStringProperty("");
    private final ThumbnailCache thumbnails = new ThumbnailCache(THUMBNAILS_KEPT);
    /** Pictures being downloaded to be shown, by file id: a second click waits for the first, not a second download. */
    private final java.util.Set<String> opening = new java.util.HashSet<>();

    /**
     * @param conversation the conversation on screen, where files are sent
     * @param error        where refusals and failures are shown: the chat window's error line
     * @param pictureCache where pictures opened for viewing are downloaded to, by file id
     */
    public FilesViewModel(FileCalls calls, Executor ui, Executor background, Supplier<Conversation> conversation,
            StringProperty error, Path pictureCache) {
        this.calls = calls;
        this.ui = ui;
        this.background = background;
        this.conversation = conversation;
        this.error = error;
        this.pictureCache = pictureCache;
    }

    /** The transfers under way, oldest first; each leaves the list when it is done, failed or cancelled. */
    public ObservableList<Transfer> transfers() {
        return transfers;
    }

    /**
     * Where the last file saved went ("Saved minutes.odt to /home/ann/Downloads/minutes.odt."), until the user dismisses
     * it or saves another: a finished download otherwise just vanished from the transfers, and the user was left to
     * wonder whether it had worked and where. Empty for nothing to say.
     */
    public StringProperty savedProperty() {
        return saved;
    }

    /**
     * Sends each file to the conversation on screen, as a message of its own. A folder, a file that cannot be read,
     * an empty one, or one larger than the appliance takes ({@code welcome.limits.maxFileBytes}) is refused with a
     * sentence before any of it is read. Returns how many began uploading.
     */
    public int send(List<Path> files) {
        Conversation to = conversation.get();
        error.set("");
        int started = 0;
        for (Path file : files) {
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            long size;
            try {
                if (Files.isDirectory(file)) {
                    error.set(Texts.text("files.folder", name));
                    continue;
                }
                size = Files.size(file);
            } catch (IOException e) {
                error.set(Texts.text("files.unreadable", name, Texts.trouble(e)));
                continue;
            }
            OptionalLong max = calls.maxFileBytes();
            if (max.isPresent() && size > max.getAsLong()) {
                error.set(Texts.text("files.tooLarge", name, FileSizes.shown(size), FileSizes.shown(max.getAsLong())));
                continue;
            }
            if (size == 0) {
                error.set(Texts.text("files.empty", name)); // the appliance takes no empty file (§5.36)
                continue;
            }
            Transfer upload = new Transfer(Transfer.Direction.UPLOAD, name, size);
            transfers.add(upload);
            run(upload, () -> {
                ChatEntry sent = calls.send(to, file, progressOf(upload));
                // The bar stays, full, until the appliance has the message; then the message's own row says it all.
                // A message that is refused then shows "not sent" with Retry on its row, as typed ones do.
                calls.delivered(sent).whenCompleteAsync((delivered, failure) -> transfers.remove(upload), ui);
            }, false);
            started++;
        }
        return started;
    }

    /** Downloads the file of {@code message} to {@code target}, the name the user chose; never opened afterwards. */
    public void save(MessageItem message, Path target) {
        Attachment file = message.attachment();
        ChatEntry entry = message.entry().orElseThrow();
        Transfer download = new Transfer(Transfer.Direction.DOWNLOAD, FileNames.safe(message.text()), file.size());
        transfers.add(download);
        error.set("");
        saved.set("");
        run(download, () -> {
            calls.download(entry.conversation(), entry.seq(), target, progressOf(download));
            ui.execute(() -> saved.set(Texts.text("files.saved", download.name(), target.toAbsolutePath().toString())));
        }, true);
    }

    /** A pasted picture could not be written to a temporary file: said in the error line. */
    public void pasteFailed(IOException failure) {
        error.set(Texts.text("files.pasteFailed", Texts.trouble(failure)));
    }

    /** The name a Save dialog suggests for the file of {@code message}: the sender's, made safe (§7.24). */
    public static String suggestedName(MessageItem message) {
        return FileNames.safe(message.text());
    }

    /**
     * The picture of {@code message}, downloaded (once) into the picture cache, given to {@code show} on the UI
     * thread. A failure is shown as every other.
     */
    public void picture(MessageItem message, Consumer<Path> show) {
        Attachment file = message.attachment();
        ChatEntry entry = message.entry().orElseThrow();
        // By its SHA-256: never another file's name, and a picture opened before is there already, checked.
        Path target = pictureCache.resolve(file.fileId() + extension(file.mediaType()));
        if (Files.isRegularFile(target)) {
            show.accept(target);
            return;
        }
        if (!opening.add(file.fileId())) {
            return; // the same picture's download is under way: it opens when done
        }
        Transfer download = new Transfer(Transfer.Direction.DOWNLOAD, FileNames.safe(message.text()), file.size());
        transfers.add(download);
        error.set("");
        run(download, () -> {
            Files.createDirectories(pictureCache);
            try {
                calls.download(entry.conversation(), entry.seq(), target, progressOf(download));
                ui.execute(() -> show.accept(target));
            } finally {
                ui.execute(() -> opening.remove(file.fileId()));
            }
        }, true);
    }

    /** The thumbnail's PNG bytes for a message carrying a picture; kept in memory for the next time it is shown. */
    public CompletableFuture<byte[]> thumbnail(MessageItem message) {
        ChatEntry entry = message.entry().orElseThrow();
        return thumbnails.get(message.attachment().fileId(), () -> calls.thumbnail(entry.conversation(), entry.seq()));
    }

    /** Whether the message carries a picture the appliance checked, to show inline (only those have {@code image/}). */
    public static boolean isPicture(MessageItem message) {
        Attachment file = message.attachment();
        return file != null && file.mediaType() != null && file.mediaType().startsWith("image/") && message.seq() > 0;
    }

    /** Whether a fetch failed because the appliance no longer has the file (deleted after its retention, §7.24). */
    public static boolean isGone(Throwable failure) {
        return ClientProblem.of(failure).code().filter(ErrorCode.NO_SUCH_ATTACHMENT::equals).isPresent();
    }

    private static String extension(String mediaType) {
        return switch (mediaType == null ? "" : mediaType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            default -> "";
        };
    }

    private org.lanchat.client.core.TransferProgress progressOf(Transfer transfer) {
        return (done, total) -> ui.execute(() -> transfer.progress(done, total));
    }

    /** Blocking work with a file. */
    @FunctionalInterface
    private interface Work {
        void run() throws ChatException, IOException, InterruptedException;
    }

    /** @param removeWhenDone false when the work removes the row itself, later (an upload waits for its message) */
    private void run(Transfer transfer, Work work, boolean removeWhenDone) {
        background.execute(() -> {
            if (!transfer.begin(Thread.currentThread())) {
                ui.execute(() -> transfers.remove(transfer));
                return;
            }
            boolean done = removeWhenDone;
            try {
                work.run();
            } catch (InterruptedException | ClosedByInterruptException e) {
                done = true; // cancelled: the row goes, nothing to say
            } catch (ChatException e) {
                done = true;
                failed(transfer, Failures.describe(e));
            } catch (FileSystemException e) {
                done = true;
                failed(transfer, Texts.text("files.failed", transfer.name(), Texts.trouble(e)));
            } catch (IOException | RuntimeException e) {
                done = true;
                failed(transfer, Texts.text("files.failed", transfer.name(), Failures.describe(e)));
            } finally {
                transfer.end();
                if (done) {
                    ui.execute(() -> transfers.remove(transfer));
                }
            }
        });
    }

    private void failed(Transfer transfer, String sentence) {
        if (!transfer.cancelled()) { // a cancelled transfer fails as it stops: that is no news
            ui.execute(() -> error.set(sentence));
        }
    }
}
