package org.lanchat.client.cli;

import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.Session;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A command's client, logged in to a trusted appliance. Closing disconnects without logging out: the
 * sign-in stays for the next command.
 *
 * @param appliance the certificate of the appliance, under which the sign-in is kept
 */
record SignedIn(ClientHome home, ChatClient client, Session session, CertificateFingerprint appliance)
        implements AutoCloseable {

    @Override
    public void close() {
        client.close();
        home.close();
    }
}
