package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.PinTrustService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustedFirst;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.BrowserStatus;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Which appliance {@code lanchat} talks to, and what it says when discovery finds none. Where trust is provisioned
 * ({@code --trust}, {@code /etc/lanchat/trusted-appliances}), the appliance that advertises a trusted certificate is
 * taken before another, whichever discovery reports first; the certificate is still checked on connecting.
 */
class ApplianceFinderTest {
    private static final Duration WAIT = Duration.ofMillis(50);
    /** Long enough never to pass while a test runs: the finder must stop waiting on what it hears. */
    private static final Duration PATIENT = Duration.ofSeconds(30);
    private static final CertificateFingerprint OFFICE_CERTIFICATE = new CertificateFingerprint("3a".repeat(32));
    private static final CertificateFingerprint LAB_CERTIFICATE = new CertificateFingerprint("c7".repeat(32));
    private static final ApplianceChoice OFFICE = discovered("Office", "a", OFFICE_CERTIFICATE, 7447);
    private static final ApplianceChoice LAB = discovered("Lab", "b", LAB_CERTIFICATE, 7448);

    @TempDir
    Path dir;
    PinStore pins;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        pins = PinStore.open(dir.resolve("data"));
    }

    @Test
    void withNoInterfaceToLookOnItSaysSoRatherThanThatNothingAnswered() {
        CommandFailure failure = findWith(List.of());

        assertThat(failure.getMessage()).isEqualTo(Texts.text("finder.noInterface"));
        assertThat(failure.getMessage()).contains("no network interface to look on", "--appliance HOST[:PORT]");
    }

    @Test
    void listeningOnAnInterfaceWhereNothingAnswersItSaysHowLongItLooked() {
        CommandFailure failure = findWith(List.of("eth0 10.0.0.5"));

        assertThat(failure.getMessage()).isEqualTo(Texts.text("finder.noneFound", 0L));
    }

    @Test
    void aTrustedShortCodeTakesTheApplianceAdvertisingItWhicheverDiscoveryReportsFirst() throws InterruptedException {
        ProvisionedTrust trust = trustArguments(OFFICE_CERTIFICATE.shortCode());

        assertThat(find(trust, OFFICE, LAB)).isEqualTo(OFFICE);
        assertThat(find(trust, LAB, OFFICE)).isEqualTo(OFFICE);
    }

    @Test
    void aTrustedFullFingerprintTakesTheApplianceAdvertisingItWhicheverDiscoveryReportsFirst()
            throws InterruptedException {
        ProvisionedTrust trust = trustArguments(OFFICE_CERTIFICATE.colonHex());

        assertThat(find(trust, OFFICE, LAB)).isEqualTo(OFFICE);
        assertThat(find(trust, LAB, OFFICE)).isEqualTo(OFFICE);
    }

    @Test
    void theAdministratorsTrustFileTakesTheApplianceAdvertisingItsCodeWhicheverDiscoveryReportsFirst()
            throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to own the file");
        Path file = Files.writeString(dir.resolve("trusted-appliances"), OFFICE_CERTIFICATE.shortCode() + "  # office\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ProvisionedTrust trust = ProvisionedTrust.load(file, List.of());

        assertThat(find(trust, OFFICE, LAB)).isEqualTo(OFFICE);
        assertThat(find(trust, LAB, OFFICE)).isEqualTo(OFFICE);
    }

    @Test
    void theTrustedApplianceIsWaitedForWhenTheOtherAnswersFirstAlone() throws Exception {
        Lan lan = new Lan(Optional.empty());
        ApplianceFinder finder = finder(lan, trustArguments(OFFICE_CERTIFICATE.shortCode()), PATIENT);
        CompletableFuture<ApplianceChoice> found = CompletableFuture.supplyAsync(() -> {
            try {
                return finder.find(Optional.empty());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(lan.watched.await(10, TimeUnit.SECONDS)).isTrue();

        lan.hear(LAB);
        lan.hear(LAB, OFFICE);

        assertThat(found.get(10, TimeUnit.SECONDS)).isEqualTo(OFFICE);
    }

    @Test
    void withNoApplianceAdvertisingATrustedCodeTheChoiceIsAsWithoutProvisioning() throws InterruptedException {
        ProvisionedTrust strangers = trustArguments(new CertificateFingerprint("00".repeat(32)).shortCode());

        CommandFailure several = catchThrowableOfType(CommandFailure.class, () -> find(strangers, LAB, OFFICE));

        assertThat(find(strangers, LAB)).as("the one found, to be refused on connecting as before").isEqualTo(LAB);
        assertThat(several).hasMessage(Texts.text("finder.several", 2, LAB.describe() + ", " + OFFICE.describe()));
        assertThat(catchThrowableOfType(CommandFailure.class, () -> find(ProvisionedTrust.none(), LAB, OFFICE)))
                .hasMessage(several.getMessage());
    }

    @Test
    void withSeveralAppliancesAdvertisingTrustedCodesTheUserSaysWhichOfThose() {
        ApplianceChoice hall = discovered("Hall", "d", new CertificateFingerprint("5e".repeat(32)), 7449);
        ProvisionedTrust trust = trustArguments(OFFICE_CERTIFICATE.shortCode(), LAB_CERTIFICATE.hex());

        CommandFailure failure = catchThrowableOfType(CommandFailure.class, () -> find(trust, hall, LAB, OFFICE));

        assertThat(failure).hasMessage(Texts.text("finder.severalTrusted", 2, LAB.describe() + ", " + OFFICE.describe()));
    }

    @Test
    void theApplianceUsedLastTimeIsTakenOverAnotherTrustedOne() throws InterruptedException {
        ProvisionedTrust both = trustArguments(OFFICE_CERTIFICATE.shortCode(), LAB_CERTIFICATE.shortCode());

        assertThat(find(Optional.of(remembered(LAB)), both, OFFICE, LAB)).isEqualTo(LAB);
    }

    @Test
    void theApplianceUsedLastTimeAdvertisingAnUntrustedCodeGivesWayToOneAdvertisingATrustedCode()
            throws InterruptedException {
        ProvisionedTrust trust = trustArguments(OFFICE_CERTIFICATE.shortCode());

        assertThat(find(Optional.of(remembered(LAB)), trust, LAB, OFFICE)).isEqualTo(OFFICE);
    }

    @Test
    void theApplianceUsedLastTimeAwayWithAnUntrustedCodePinnedGivesWayToOneAdvertisingATrustedCode()
            throws IOException, InterruptedException {
        pins.pin(LAB.id().orElseThrow(), "Lab", LAB_CERTIFICATE);
        ProvisionedTrust trust = trustArguments(OFFICE_CERTIFICATE.shortCode());

        assertThat(find(Optional.of(remembered(LAB)), trust, OFFICE)).isEqualTo(OFFICE);
    }

    @Test
    void anAddressGivenWithApplianceIsTakenWhateverIsAdvertised() throws InterruptedException {
        Lan lan = new Lan(Optional.of(remembered(LAB)), OFFICE);

        ApplianceChoice typed = finder(lan, trustArguments(OFFICE_CERTIFICATE.shortCode()), PATIENT)
                .find(Optional.of("10.0.0.9:7450"));

        assertThat(typed.foundBy()).isEqualTo(FoundBy.MANUAL);
        assertThat(typed.address()).isEqualTo(new InetSocketAddress("10.0.0.9", 7450));
    }

    private CommandFailure findWith(List<String> listeningOn) {
        Lan lan = new Lan(Optional.empty(), Optional.of(new SilentBrowser(listeningOn)), List.of());
        ApplianceFinder finder = new ApplianceFinder(lan, TrustedFirst.none(), true, WAIT);
        return catchThrowableOfType(CommandFailure.class, () -> finder.find(Optional.empty()));
    }

    private ApplianceChoice find(ProvisionedTrust trust, ApplianceChoice... heard) throws InterruptedException {
        return find(Optional.empty(), trust, heard);
    }

    /** With nothing trusted on the network the finder listens for its whole wait: short here, to keep tests quick. */
    private ApplianceChoice find(Optional<ApplianceChoice> lastGood, ProvisionedTrust trust, ApplianceChoice... heard)
            throws InterruptedException {
        return finder(new Lan(lastGood, heard), trust, Duration.ofMillis(300)).find(Optional.empty());
    }

    private ApplianceFinder finder(Lan lan, ProvisionedTrust trust, Duration discoveryWait) {
        TrustedFirst trustedFirst = new TrustedFirst(trust, new PinTrustService(pins, trust, lan::onNetwork, WAIT));
        return new ApplianceFinder(lan, trustedFirst, true, discoveryWait, WAIT);
    }

    private ProvisionedTrust trustArguments(String... values) {
        return ProvisionedTrust.load(dir.resolve("no-trust-file"), List.of(values));
    }

    private static ApplianceChoice discovered(String name, String idDigit, CertificateFingerprint advertised, int port) {
        return new ApplianceChoice(name, new InetSocketAddress("10.0.0.1", port),
                Optional.of(new ApplianceId(idDigit.repeat(32))), Optional.of(advertised), FoundBy.DISCOVERY);
    }

    /** As the data directory remembers an appliance logged in to: its id, name and address, not its certificate. */
    private static ApplianceChoice remembered(ApplianceChoice appliance) {
        return new ApplianceChoice(appliance.name(), appliance.address(), appliance.id(), Optional.empty(),
                FoundBy.CACHED);
    }

    /** Discovery as the test tells it: what is heard when the finder starts watching, and what is heard after. */
    private static final class Lan implements ApplianceDirectory {
        private final Optional<ApplianceChoice> lastGood;
        private final Optional<ApplianceBrowser> browser;
        private final List<Consumer<List<ApplianceChoice>>> watchers = new CopyOnWriteArrayList<>();
        private volatile List<ApplianceChoice> heard;
        final CountDownLatch watched = new CountDownLatch(1);

        Lan(Optional<ApplianceChoice> lastGood, ApplianceChoice... heard) {
            this(lastGood, Optional.empty(), List.of(heard));
        }

        Lan(Optional<ApplianceChoice> lastGood, Optional<ApplianceBrowser> browser, List<ApplianceChoice> heard) {
            this.lastGood = lastGood;
            this.browser = browser;
            this.heard = heard;
        }

        void hear(ApplianceChoice... now) {
            heard = List.of(now);
            watchers.forEach(w -> w.accept(heard));
        }

        @Override
        public void watch(Consumer<List<ApplianceChoice>> listener) {
            watchers.add(listener);
            listener.accept(heard);
            watched.countDown();
        }

        @Override
        public List<ApplianceChoice> onNetwork() {
            return heard;
        }

        @Override
        public Optional<ApplianceChoice> lastGood() {
            return lastGood;
        }

        @Override
        public ApplianceChoice manual(String typed) {
            String[] hostPort = typed.split(":");
            return ApplianceChoice.manual(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }

        @Override
        public void remember(ApplianceChoice choice) {
        }

        @Override
        public Supplier<TrustTarget> follow(ApplianceChoice choice) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ApplianceBrowser> browser() {
            return browser;
        }

        @Override
        public void close() {
        }
    }

    private record SilentBrowser(List<String> listeningOn) implements ApplianceBrowser {
        @Override
        public List<DiscoveredAppliance> appliances() {
            return List.of();
        }

        @Override
        public void addListener(ApplianceListener listener) {
        }

        @Override
        public void removeListener(ApplianceListener listener) {
        }

        @Override
        public Optional<DiscoveredAppliance> awaitFirst(Duration timeout, Predicate<DiscoveredAppliance> matching) {
            return Optional.empty();
        }

        @Override
        public BrowserStatus status() {
            return new BrowserStatus(listeningOn, Set.of());
        }

        @Override
        public void close() {
        }
    }
}
