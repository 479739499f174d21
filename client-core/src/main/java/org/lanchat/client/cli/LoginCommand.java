package org.lanchat.client.cli;

import picocli.CommandLine.Command;

@Command(name = "login",
        description = {"Logs in with the password and stays logged in: later commands (and the desktop app) use the "
                + "sign-in kept in the data directory, readable by you alone.",
                "On first contact with an appliance it shows the appliance's short code and asks whether to trust it."})
final class LoginCommand extends ChatCommand {
    LoginCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SignedIn signedIn = access().open(Access.How.PASSWORD, null, null, null)) {
            out().println("Logged in to " + signedIn.session().applianceName() + " as " + signedIn.session().username() + ".");
        }
        return Exit.OK;
    }
}
