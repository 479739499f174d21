package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "register",
        description = "Creates an account (--user NAME) and stays logged in, like 'lanchat login'.")
final class RegisterCommand extends ChatCommand {
    @Option(names = "--avatar", paramLabel = "FILE", description = "A picture to show next to your name (PNG or JPEG).")
    Path avatar;

    RegisterCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (connection.user().isEmpty()) {
            throw CommandFailure.usage("Say who to register with --user NAME.");
        }
        byte[] image = null;
        if (avatar != null) {
            try {
                image = Files.readAllBytes(avatar);
            } catch (IOException e) {
                throw CommandFailure.usage("Cannot read the avatar " + avatar + ": " + e.getMessage());
            }
        }
        try (SignedIn signedIn = access().open(Access.How.REGISTER, null, null, image)) {
            out().println("Registered " + signedIn.session().username() + " on " + signedIn.session().applianceName()
                    + "; logged in.");
        }
        return Exit.OK;
    }
}
