package org.lanchat.reliability.participant;

import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** Where the appliance is and which certificate it presents; asked again before every reconnect (a restarted appliance may have moved). */
public record Endpoint(String host, int port, CertificateFingerprint pin) {

    public static Endpoint of(ApplianceProcess appliance) {
        return new Endpoint("127.0.0.1", appliance.port(), appliance.fingerprint());
    }

    public static Endpoint of(RunningAppliance appliance) {
        return new Endpoint("127.0.0.1", appliance.port(), appliance.fingerprint());
    }
}
