package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.BrowserStatus;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.trust.TrustTarget;

/** What {@code lanchat} says when discovery finds nothing, with a directory that never hears an appliance. */
class ApplianceFinderTest {
    private static final Duration WAIT = Duration.ofMillis(50);

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

    private static CommandFailure findWith(List<String> listeningOn) {
        ApplianceFinder finder = new ApplianceFinder(new SilentDirectory(new SilentBrowser(listeningOn)), true, WAIT);
        return catchThrowableOfType(CommandFailure.class, () -> finder.find(Optional.empty()));
    }

    private record SilentDirectory(ApplianceBrowser lan) implements ApplianceDirectory {
        @Override
        public void watch(Consumer<List<ApplianceChoice>> listener) {
        }

        @Override
        public Optional<ApplianceChoice> lastGood() {
            return Optional.empty();
        }

        @Override
        public ApplianceChoice manual(String typed) {
            throw new UnsupportedOperationException();
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
            return Optional.of(lan);
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
