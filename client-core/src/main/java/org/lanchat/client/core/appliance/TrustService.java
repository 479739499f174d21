package org.lanchat.client.core.appliance;

import java.io.IOException;

/** Inspects an appliance's certificate against this computer's pins, and records the user's decision. */
public interface TrustService {

    /** Connects just long enough to read the certificate (nothing is sent) and judges it. Blocks. */
    TrustInspection inspect(ApplianceChoice choice) throws IOException;

    /** What the list of appliances shows about {@code choice}'s trust; no network. */
    TrustBadge badge(ApplianceChoice choice);

    /** Trusts the certificate the inspection saw, from now on (the user compared the short code). */
    void trust(TrustInspection inspection) throws IOException;
}
