package org.lanchat.client.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.core.SignInStore.SignIn;
import org.lanchat.protocol.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "logout")
final class LogoutCommand extends ChatCommand {
    LogoutCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Access.Reached reached = access().reach();
        try {
            SignInStore signIns = reached.home().signIns();
            Optional<SignIn> kept = signIns.signInFor(reached.appliance());
            if (kept.isEmpty()) {
                out().println(Texts.text("logout.notLoggedIn"));
                return Exit.OK;
            }
            try (ChatClient client = reached.home().clientFor(reached.choice())) {
                client.resume(kept.get().token().value()).join();
                client.logout().join();
            } catch (CompletionException e) {
                // Revoked or expired already: forgetting it is all that is left to do.
                if (!(e.getCause() instanceof ChatException chat && chat.code() == ErrorCode.TOKEN_INVALID)) {
                    throw e;
                }
            }
            signIns.forget(reached.appliance());
            out().println(Texts.text("logout.done", kept.get().username(), reached.choice().name()));
            return Exit.OK;
        } finally {
            reached.home().close();
        }
    }
}
