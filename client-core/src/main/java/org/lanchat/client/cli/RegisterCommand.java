package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lanchat.protocol.message.Usernames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "register")
final class RegisterCommand extends ChatCommand {
    /**
     * The largest picture {@code register} carries (PROTOCOL.md §5, {@code register.avatar}, announced as
     * {@code welcome.limits.maxAvatarBytes}): checked before anything connects, since a much larger one makes a frame
     * the client cannot send at all, and one a little larger is only refused after the password was asked for.
     */
    static final int MAX_AVATAR_BYTES = 524_288;

    @Option(names = "--avatar", paramLabel = "FILE", descriptionKey = "lanchat.register.avatar")
    Path avatar;

    RegisterCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (connection.user().isEmpty()) {
            throw CommandFailure.usage(Texts.text("register.who"));
        }
        if (Usernames.problem(connection.user().get()).isPresent()) {
            // The shape is the protocol's (§5.3): known here, so it is a usage error before anything connects.
            throw CommandFailure.usage(Texts.text("coreTexts.error.INVALID_USERNAME"));
        }
        byte[] image = null;
        if (avatar != null) {
            try {
                image = Files.readAllBytes(avatar);
            } catch (IOException e) {
                throw CommandFailure.usage(Texts.text("register.avatarUnreadable", avatar, Texts.trouble(e)));
            }
            if (image.length > MAX_AVATAR_BYTES) {
                throw CommandFailure.usage(Texts.text("register.avatarTooLarge", avatar, image.length, MAX_AVATAR_BYTES));
            }
        }
        try (SignedIn signedIn = access().open(Access.How.REGISTER, null, null, image)) {
            out().println(Texts.text("register.done", signedIn.session().username(), signedIn.session().applianceName()));
        }
        return Exit.OK;
    }
}
