package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.Pin;
import org.lanchat.discovery.trust.PinDecision;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * {@link TrustService} on the discovery module's {@link PinStore}, under the administrator's
 * {@link ProvisionedTrust}: when trust is provisioned, a provisioned certificate is trusted (and pinned, so the
 * connection accepts it) without asking, and every other one is refused.
 *
 * <p>Without provisioning, an appliance that is not trusted is a soft question only when it cannot be mistaken
 * for a trusted one: the trusted appliance is on the network too and the newcomer carries another name. A rogue
 * takes the name of the real appliance, or appears while the real one is down; both are a hard warning
 * ({@link Verdict#LOOKALIKE}), as a changed certificate is.
 */
public final class PinTrustService implements TrustService {
    private final PinStore pins;
    private final ProvisionedTrust provisioned;
    private final Supplier<List<ApplianceChoice>> onNetwork;
    private final Duration timeout;

    public PinTrustService(PinStore pins, Duration timeout) {
        this(pins, ProvisionedTrust.none(), List::of, timeout);
    }

    /** @param onNetwork the appliances discovered now, to tell whether a trusted one is present */
    public PinTrustService(PinStore pins, ProvisionedTrust provisioned, Supplier<List<ApplianceChoice>> onNetwork,
            Duration timeout) {
        this.pins = pins;
        this.provisioned = provisioned;
        this.onNetwork = onNetwork;
        this.timeout = timeout;
    }

    @Override
    public TrustInspection inspect(ApplianceChoice choice) throws IOException {
        return judge(choice, TlsPinCheck.fetchFingerprint(choice.address(), timeout));
    }

    /** The verdict on a certificate already read; no network. */
    TrustInspection judge(ApplianceChoice choice, CertificateFingerprint presented) throws IOException {
        if (choice.advertised().isPresent() && !choice.advertised().get().equals(presented)) {
            // Often a stale advertisement of the trusted appliance, now answered by another: name the trusted one.
            CertificateFingerprint advertised = choice.advertised().get();
            return new TrustInspection(choice, presented, Verdict.NOT_ADVERTISED, Optional.of(advertised.shortCode()),
                    pins.pins().stream().filter(p -> p.fingerprint().equals(advertised)).findFirst());
        }
        if (provisioned.isProvisioned()) {
            if (!provisioned.trusts(presented)) {
                return new TrustInspection(choice, presented, Verdict.NOT_PROVISIONED,
                        Optional.of(String.join(", ", provisioned.shortCodes())));
            }
            if (!(pins.decide(choice.id(), presented) instanceof PinDecision.Trusted)) {
                pin(choice, presented);
            }
            return new TrustInspection(choice, presented, Verdict.TRUSTED, Optional.empty());
        }
        PinDecision decision = pins.decide(choice.id(), presented);
        return switch (decision) {
            case PinDecision.Trusted trusted -> new TrustInspection(choice, presented, Verdict.TRUSTED, Optional.empty());
            case PinDecision.FirstContact first -> new TrustInspection(choice, presented, Verdict.FIRST_CONTACT, Optional.empty());
            case PinDecision.Mismatch mismatch when mismatch.sameAppliance() -> against(choice, presented, Verdict.CHANGED,
                    mismatch.expected());
            case PinDecision.Mismatch mismatch -> {
                Optional<Pin> namesake = pins.pins().stream().filter(p -> sameName(p.name(), choice.name())).findFirst();
                if (namesake.isPresent()) {
                    yield against(choice, presented, Verdict.LOOKALIKE, namesake.get());
                }
                if (!trustedOneOnNetwork()) {
                    yield against(choice, presented, Verdict.LOOKALIKE, mismatch.expected());
                }
                yield against(choice, presented, Verdict.NEW_APPLIANCE, mismatch.expected());
            }
        };
    }

    private static TrustInspection against(ApplianceChoice choice, CertificateFingerprint presented, Verdict verdict, Pin pin) {
        return new TrustInspection(choice, presented, verdict, Optional.of(pin.fingerprint().shortCode()), Optional.of(pin));
    }

    private boolean trustedOneOnNetwork() {
        return onNetwork.get().stream().anyMatch(c -> badge(c).trusted());
    }

    /** Names as people read them: case, spacing and a trailing dot do not make another appliance. */
    private static boolean sameName(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String name) {
        return name.strip().replaceAll("\\s+", " ").replaceAll("[.\\s]+$", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public TrustBadge badge(ApplianceChoice choice) {
        Optional<CertificateFingerprint> code = choice.advertised()
                .or(() -> choice.id().flatMap(pins::pinFor).map(Pin::fingerprint));
        if (code.isEmpty()) {
            return TrustBadge.UNKNOWN;
        }
        boolean trusted = provisioned.isProvisioned() ? provisioned.trusts(code.get())
                : pins.decide(choice.id(), code.get()) instanceof PinDecision.Trusted;
        return new TrustBadge(code, trusted);
    }

    @Override
    public void trust(TrustInspection inspection) throws IOException {
        if (!inspection.trustable()) {
            throw new IllegalArgumentException(inspection.verdict() == Verdict.NOT_PROVISIONED
                    ? "only the appliances the administrator provisioned are trusted on this computer"
                    : "a certificate that differs from the advertised one is never trusted");
        }
        pin(inspection.choice(), inspection.presented());
    }

    private void pin(ApplianceChoice choice, CertificateFingerprint presented) throws IOException {
        // A typed address has no id; derive one from the certificate, as TlsPinCheck does for its own pins.
        ApplianceId id = choice.id().orElseGet(() -> new ApplianceId(presented.hex().substring(0, 32)));
        pins.pin(id, choice.name(), presented);
    }
}
