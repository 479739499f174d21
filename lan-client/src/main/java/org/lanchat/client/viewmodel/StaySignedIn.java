package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.LastUsernames;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.core.SignInStore.SignIn;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stays signed in to one appliance: keeps the resume token of every session that starts (a login, and every
 * resume, which issues a new token), forgets it when the user signs out or the appliance ends the sign-in, and
 * remembers the username for the login form. Files are written on {@code background}.
 */
public final class StaySignedIn {
    private static final Logger log = LoggerFactory.getLogger(StaySignedIn.class);

    private final SignInStore signIns;
    private final LastUsernames usernames;
    private final CertificateFingerprint appliance;
    private final Executor background;
    /** Keeping and forgetting, one after the other in the order asked: a sign-out must not be overtaken. */
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

    /** @param appliance the certificate of the appliance, as the trust check saw it */
    public StaySignedIn(SignInStore signIns, LastUsernames usernames, CertificateFingerprint appliance,
            Executor background) {
        this.signIns = signIns;
        this.usernames = usernames;
        this.appliance = appliance;
        this.background = background;
    }

    /** The sign-in kept from last time, if its token has not expired. Reads a small file. */
    public Optional<SignIn> kept() {
        return signIns.signInFor(appliance);
    }

    /** The username to fill in on the login form. Reads a small file. */
    public Optional<String> lastUsername() {
        return usernames.lastOn(appliance);
    }

    /** Follows the client's events: give it to {@code ChatService.addListener}. */
    public void onEvent(ClientEvent event) {
        switch (event) {
            case ClientEvent.SessionStarted started -> keep(started.session());
            case ClientEvent.SessionEnded ended when ended.reason() != ClientEvent.EndReason.CERTIFICATE_CHANGED
                    && ended.reason() != ClientEvent.EndReason.UNSUPPORTED_VERSION -> forget();
            default -> {
            }
        }
    }

    /** The user signed out, or the saved sign-in was refused: the token is no longer kept. */
    public void forget() {
        inOrder(() -> {
            try {
                signIns.forget(appliance);
            } catch (IOException e) {
                log.warn("Could not forget the sign-in: {}", e.toString());
            }
        });
    }

    private synchronized void inOrder(Runnable write) {
        writes = writes.thenRunAsync(write, background);
    }

    private void keep(Session session) {
        inOrder(() -> {
            try {
                signIns.remember(appliance, SignIn.of(session));
                usernames.remember(appliance, session.username());
            } catch (IOException e) {
                log.warn("Could not keep the sign-in; the password will be asked for next time: {}", e.toString());
            }
        });
    }
}
