package org.lanchat.client.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.ClientListener;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.core.SignInStore.SignIn;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.client.core.appliance.TrustedFirst;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Gets a command signed in: opens the client's home, finds the appliance, checks its certificate, then logs
 * in the way the command needs, and keeps the sign-in (the resume token, shared with the desktop app) and the
 * appliance for next time.
 */
final class Access {
    /** How the command signs in. */
    enum How {
        /** With the password, always ({@code lanchat login}). */
        PASSWORD,
        /** Creating the account ({@code lanchat register}). */
        REGISTER,
        /** With the kept sign-in; with the password only if there is none or it expired. */
        SIGNED_IN
    }

    private final ConnectionOptions options;
    private final Context context;
    private final PrintWriter err;
    /** What the trust file's check said already: a command that reaches the appliance again does not repeat it. */
    private final Set<TrustFileWarning> warned = new HashSet<>();

    Access(ConnectionOptions options, Context context, PrintWriter err) {
        this.options = options;
        this.context = context;
        this.err = err;
    }

    /** The home and the trusted appliance, not yet signed in: for logging out. */
    record Reached(ClientHome home, ApplianceChoice choice, CertificateFingerprint appliance) {
    }

    Reached reach() throws InterruptedException {
        ProvisionedTrust provisioned = options.provisioned();
        provisioned.warnings().stream().filter(warned::add).forEach(warning -> err.println(Failure.sentence(warning)));
        ClientHome home;
        try {
            home = ClientHome.open(options.dataDir(), !options.noDiscovery, context.clientOptions(), provisioned);
        } catch (IOException e) {
            throw CommandFailure.failed(Texts.text("access.dataDir", options.dataDir(), Texts.trouble(e)));
        }
        try {
            ApplianceChoice choice = new ApplianceFinder(home.directory(), new TrustedFirst(provisioned, home.trust()),
                    !options.noDiscovery, context.discoveryWait()).find(Optional.ofNullable(options.appliance));
            CertificateFingerprint appliance = new TrustGate(home.trust(), context.terminal(), err).check(choice);
            return new Reached(home, choice, appliance);
        } catch (RuntimeException | InterruptedException e) {
            home.close();
            throw e;
        }
    }

    /**
     * Signed in, {@code how} the command needs.
     *
     * @param listener registered before logging in, so it sees the session's first events; null for none
     * @param avatar   for {@link How#REGISTER}: image bytes, or null
     */
    SignedIn open(How how, ClientListener listener, Executor executor, byte[] avatar) throws InterruptedException {
        return open(how, listener, executor, avatar, null);
    }

    /**
     * @param peerLinks where to take colleagues' peer links while signed in (PROTOCOL.md §10), or null for none:
     *                  only a command that stays running has use for them
     */
    SignedIn open(How how, ClientListener listener, Executor executor, byte[] avatar, InetSocketAddress peerLinks)
            throws InterruptedException {
        Reached reached = reach();
        ChatClient client = peerLinks == null ? reached.home().clientFor(reached.choice())
                : reached.home().clientFor(reached.choice(), context.clientOptions().withPeerLinks(peerLinks));
        try {
            if (listener != null) {
                client.addListener(listener, executor);
            }
            Session session = signIn(how, client, reached.home().signIns(), reached.appliance(), avatar);
            reached.home().signIns().remember(reached.appliance(), SignIn.of(session));
            reached.home().directory().remember(reached.choice());
            return new SignedIn(reached.home(), client, session, reached.appliance());
        } catch (IOException e) {
            close(client, reached.home());
            throw CommandFailure.failed(Texts.text("access.keepSignIn", options.dataDir(), Texts.trouble(e)));
        } catch (RuntimeException e) {
            close(client, reached.home());
            throw e;
        }
    }

    private static void close(ChatClient client, ClientHome home) {
        client.close();
        home.close();
    }

    private Session signIn(How how, ChatClient client, SignInStore signIns, CertificateFingerprint appliance, byte[] avatar)
            throws IOException {
        Passwords passwords = new Passwords(Optional.ofNullable(options.passwordFile), context.env(), context.terminal());
        Optional<SignIn> kept = signIns.signInFor(appliance)
                .filter(s -> options.user().map(u -> Usernames.key(u).equals(Usernames.key(s.username()))).orElse(true));
        switch (how) {
            case REGISTER -> {
                String user = options.user().orElseThrow(() -> CommandFailure.usage(Texts.text("register.who")));
                String password = passwords.newPassword().orElseThrow(() -> CommandFailure.usage(noPassword()));
                return await(client.register(user, password, avatar));
            }
            case PASSWORD -> {
                String user = options.user().or(() -> kept.map(SignIn::username))
                        .or(() -> context.terminal().readLine(Texts.text("access.usernamePrompt")).filter(u -> !u.isBlank()))
                        .orElseThrow(() -> CommandFailure.usage(Texts.text("login.who")));
                String password = passwords.givenOrTyped(Texts.text("access.passwordPrompt", user))
                        .orElseThrow(() -> CommandFailure.usage(noPassword()));
                return await(client.login(user, password));
            }
            case SIGNED_IN -> {
                Optional<String> lastUser = kept.map(SignIn::username);
                if (kept.isPresent()) {
                    try {
                        return await(client.resume(kept.get().token().value()));
                    } catch (CompletionException e) {
                        if (!(e.getCause() instanceof ChatException chat && chat.code() == ErrorCode.TOKEN_INVALID)) {
                            throw e;
                        }
                        signIns.forget(appliance);
                    }
                }
                String notSignedIn = Texts.text(kept.isPresent() ? "access.signedOut" : "access.notSignedIn",
                        Context.PASSWORD_VARIABLE);
                String user = options.user().or(() -> lastUser)
                        .or(() -> context.terminal().readLine(Texts.text("access.usernamePrompt")).filter(u -> !u.isBlank()))
                        .orElseThrow(() -> CommandFailure.refused(notSignedIn));
                String password = passwords.givenOrTyped(Texts.text("access.passwordPrompt", user))
                        .orElseThrow(() -> CommandFailure.refused(notSignedIn));
                return await(client.login(user, password));
            }
            default -> throw new IllegalArgumentException(how.name());
        }
    }

    private static Session await(CompletableFuture<Session> login) {
        return login.join();
    }

    private static String noPassword() {
        return Texts.text("access.noPassword", Context.PASSWORD_VARIABLE);
    }
}
