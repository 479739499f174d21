package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.PinDecision;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** {@link TrustService} on the discovery module's {@link PinStore}. */
public final class PinTrustService implements TrustService {
    private final PinStore pins;
    private final Duration timeout;

    public PinTrustService(PinStore pins, Duration timeout) {
        this.pins = pins;
        this.timeout = timeout;
    }

    @Override
    public TrustInspection inspect(ApplianceChoice choice) throws IOException {
        CertificateFingerprint presented = TlsPinCheck.fetchFingerprint(choice.address(), timeout);
        if (choice.advertised().isPresent() && !choice.advertised().get().equals(presented)) {
            return new TrustInspection(choice, presented, Verdict.NOT_ADVERTISED,
                    Optional.of(choice.advertised().get().shortCode()));
        }
        PinDecision decision = pins.decide(choice.id(), presented);
        return switch (decision) {
            case PinDecision.Trusted trusted -> new TrustInspection(choice, presented, Verdict.TRUSTED, Optional.empty());
            case PinDecision.FirstContact first -> new TrustInspection(choice, presented, Verdict.FIRST_CONTACT, Optional.empty());
            case PinDecision.Mismatch mismatch -> new TrustInspection(choice, presented,
                    mismatch.sameAppliance() ? Verdict.CHANGED : Verdict.NEW_APPLIANCE,
                    Optional.of(mismatch.expected().fingerprint().shortCode()));
        };
    }

    @Override
    public void trust(TrustInspection inspection) throws IOException {
        if (inspection.verdict() == Verdict.NOT_ADVERTISED) {
            throw new IllegalArgumentException("a certificate that differs from the advertised one is never trusted");
        }
        ApplianceChoice choice = inspection.choice();
        // A typed address has no id; derive one from the certificate, as TlsPinCheck does for its own pins.
        ApplianceId id = choice.id().orElseGet(() -> new ApplianceId(inspection.presented().hex().substring(0, 32)));
        pins.pin(id, choice.name(), inspection.presented());
    }
}
