package org.lanchat.client.cli;

import picocli.CommandLine.Command;

@Command(name = "login")
final class LoginCommand extends ChatCommand {
    LoginCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SignedIn signedIn = access().open(Access.How.PASSWORD, null, null, null)) {
            out().println(Texts.text("login.done", signedIn.session().applianceName(), signedIn.session().username()));
        }
        return Exit.OK;
    }
}
