package org.lanchat.client.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.locate.HostPort;
import org.lanchat.discovery.locate.LastGoodAppliance;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.SessionMessage.Sticker;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send")
final class SendCommand extends ChatCommand {
    /** How long a message sent directly waits for colleagues to acknowledge it. */
    static final Duration DIRECT_WAIT = Duration.ofSeconds(5);

    @Option(names = "--to", paramLabel = "USER", descriptionKey = "lanchat.send.to")
    String to;

    @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.send.room")
    String room;

    @Option(names = "--reply-to", paramLabel = "SEQ", descriptionKey = "lanchat.send.replyTo")
    Long replyTo;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", descriptionKey = "lanchat.send.timeout")
    int timeoutSeconds;

    @Option(names = "--file", paramLabel = "PATH", descriptionKey = "lanchat.send.file")
    Path file;

    @Option(names = "--sticker", paramLabel = "CODE", descriptionKey = "lanchat.send.sticker")
    String sticker;

    @Parameters(arity = "0..*", paramLabel = "TEXT", descriptionKey = "lanchat.send.text")
    List<String> words = List.of();

    SendCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (file != null) {
            return sendFile();
        }
        if (sticker != null) {
            return sendSticker();
        }
        if (words.isEmpty()) { // TEXT is required unless --file is given: picocli's own way of saying it is missing
            throw new MissingParameterException(spec.commandLine(), spec.positionalParameters().getFirst(),
                    "Missing: TEXT");
        }
        String text = words.equals(List.of("-")) ? stdin() : String.join(" ", words);
        if (text.isBlank()) {
            throw CommandFailure.usage(Texts.text("send.nothing"));
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage(Texts.text("common.timeoutTooSmall"));
        }
        if (replyTo != null && replyTo < 1) {
            throw CommandFailure.usage(Texts.text("send.replyToTooSmall"));
        }
        Conversation conversation = conversation(to);
        if (room != null) {
            // A room is named through the appliance, and only the appliance stores room messages: no direct send.
            try (SignedIn signedIn = throughTheApplianceOnly("send.roomSilent")) {
                return send(signedIn, conversation(signedIn, to, room), text);
            }
        }
        SignedIn opened;
        try {
            opened = access().open(Access.How.SIGNED_IN, null, null, null);
        } catch (RuntimeException e) {
            CommandFailure failure = Failure.classify(e);
            if (!failure.applianceSilent()) {
                throw failure;
            }
            if (connection.appliance != null && !typedWhereTheApplianceWasLastReached()) {
                // A wrong port or address is a typing mistake more often than an appliance away: a message kept for
                // the appliance then turned up later, sent by some other command, after the user had sent it again.
                throw CommandFailure.unreachable(Texts.text("send.typedSilent", failure.getMessage(), connection.appliance));
            }
            return sendDirectly(conversation, text, failure);
        }
        try (SignedIn signedIn = opened) {
            return send(signedIn, notWithYourself(conversation, signedIn.session().username()), text);
        }
    }

    @Override
    String withYourself() {
        return Texts.text("send.toYourself");
    }

    /**
     * Signed in, for what only the appliance takes: while it does not answer, the command says that nothing was sent
     * ({@code silentKey}, with the reason), where a plain message would have gone directly.
     */
    private SignedIn throughTheApplianceOnly(String silentKey) throws InterruptedException {
        try {
            return access().open(Access.How.SIGNED_IN, null, null, null);
        } catch (RuntimeException e) {
            CommandFailure failure = Failure.classify(e);
            if (failure.applianceSilent()) {
                throw CommandFailure.unreachable(Texts.text(silentKey, failure.getMessage()));
            }
            throw failure;
        }
    }

    /** {@code --sticker}: one of the appliance's stickers (its welcome lists them), through the appliance. */
    private int sendSticker() throws InterruptedException {
        if (!words.isEmpty()) {
            throw CommandFailure.usage(Texts.text("send.stickerAndText"));
        }
        if (replyTo != null) {
            throw CommandFailure.usage(Texts.text("send.stickerAndReply"));
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage(Texts.text("common.timeoutTooSmall"));
        }
        conversation(to); // a malformed user name is a usage error before anything connects
        try (SignedIn signedIn = throughTheApplianceOnly("send.stickerSilent")) {
            Conversation conversation = notWithYourself(conversation(signedIn, to, room), signedIn.session().username());
            List<String> codes = signedIn.session().stickers().stream().map(Sticker::code).toList();
            if (!codes.contains(sticker)) {
                throw CommandFailure.usage(Texts.text("send.noSuchSticker", sticker, String.join(", ", codes)));
            }
            ChatEntry sent = signedIn.client().sendSticker(conversation, sticker);
            out().println(signedIn.client().delivered(sent).orTimeout(timeoutSeconds, TimeUnit.SECONDS).join().seq());
        }
        return Exit.OK;
    }

    /** Sends through the appliance and prints the stored message's sequence number. */
    private int send(SignedIn signedIn, Conversation conversation, String text) {
        ChatEntry sent;
        try {
            sent = replyTo == null ? signedIn.client().sendText(conversation, text)
                    : signedIn.client().reply(conversation, replyTo, text);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(Texts.text("send.refused", Failure.afterColon(Failure.sentence(ClientProblem.of(e)))));
        }
        ChatEntry stored = signedIn.client().delivered(sent).orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
        out().println(stored.seq());
        return Exit.OK;
    }

    /** {@code --file}: uploads with progress on standard error, then prints the message's sequence number. */
    private int sendFile() throws InterruptedException {
        if (!words.isEmpty()) {
            throw CommandFailure.usage(Texts.text("send.fileAndText"));
        }
        if (replyTo != null) {
            throw CommandFailure.usage(Texts.text("send.fileAndReply"));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CommandFailure.usage(Texts.text("send.fileUnreadable", file));
        }
        if (sizeOf(file) == 0) { // the protocol's files have at least one byte (upload_begin.size, PROTOCOL.md §5)
            throw CommandFailure.usage(Texts.text("send.fileEmpty", file));
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage(Texts.text("common.timeoutTooSmall"));
        }
        conversation(to); // a malformed user name is a usage error before anything connects
        try (SignedIn signedIn = throughTheApplianceOnly("send.fileSilent")) {
            Conversation conversation = conversation(signedIn, to, room);
            refuseIfTooLarge(signedIn);
            ChatEntry sent = signedIn.client().sendFile(conversation, file,
                    new TransferMeter(err(), "send.fileProgress", String.valueOf(file.getFileName())));
            ChatEntry stored = signedIn.client().delivered(sent).orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
            out().println(stored.seq());
        } catch (ChatException | IOException e) {
            throw Failure.classify(e);
        } catch (RuntimeException e) {
            CommandFailure failure = Failure.classify(e);
            if (failure.applianceSilent()) {
                // The client waited for the appliance to come back, and the appliance keeps what it received.
                throw CommandFailure.unreachable(Texts.text("send.fileCut", failure.getMessage()));
            }
            throw failure;
        }
        return Exit.OK;
    }

    /**
     * Before the file is read (its checksum comes first): the appliance's {@code welcome.limits.maxFileBytes}, named in
     * the sentence, which the appliance's own refusal leaves to its English detail.
     */
    private void refuseIfTooLarge(SignedIn signedIn) throws IOException {
        long size = Files.size(file);
        Long max = signedIn.client().session().map(session -> session.limits().maxFileBytes()).orElse(null);
        if (max != null && size > max) {
            throw CommandFailure.refused(Texts.text("send.fileTooLarge", file.getFileName(), size, max));
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CommandFailure.usage(Texts.text("send.fileUnreadable", file));
        }
    }

    /** Whether the address typed with --appliance is where this computer last reached its appliance. */
    private boolean typedWhereTheApplianceWasLastReached() {
        Optional<LastGoodAppliance> last = new LastGoodStore(connection.dataDir()).load();
        if (last.isEmpty()) {
            return false;
        }
        try {
            HostPort typed = HostPort.parse(connection.appliance, Protocol.DEFAULT_PORT);
            HostPort reached = last.get().address();
            return typed.port() == reached.port()
                    && InetAddress.getByName(typed.host()).equals(InetAddress.getByName(reached.host()));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private int sendDirectly(Conversation conversation, String text, CommandFailure silent) throws InterruptedException {
        DirectSend direct = new DirectSend(connection.dataDir(), DIRECT_WAIT, this::notWithYourself);
        Optional<ApplianceBrowser> lan = Optional.empty();
        if (!connection.noDiscovery) {
            try {
                lan = Optional.of(ApplianceBrowser.start(InterfaceSelection.automatic()));
            } catch (RuntimeException e) {
                err().println(Texts.text("send.noDiscovery", e.getMessage()));
            }
        }
        DirectSend.Outcome outcome;
        try {
            outcome = direct.send(conversation, text, silent, lan);
        } finally {
            lan.ifPresent(ApplianceBrowser::close);
        }
        if (outcome.reached().isEmpty()) {
            throw CommandFailure.unreachable(Texts.text("send.directNobody", silent.getMessage(), outcome.tried(),
                    direct.keptIn()));
        }
        err().println(Texts.text("send.directKept", silent.getMessage(), direct.keptIn()));
        out().println(Texts.text("send.direct", outcome.reached().size(), String.join(", ", outcome.reached())));
        return Exit.OK;
    }

    /** All of standard input, without the line break that ends it. */
    private String stdin() {
        try {
            String text = new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw CommandFailure.failed(Texts.text("send.stdinUnreadable", Texts.trouble(e)));
        }
    }
}
