package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The browser's list, fed resolutions directly; events are delivered on the calling thread. */
class ApplianceRegistryTest {
    private static final LocalAddress ETH0 = source("eth0", "192.168.1.5");
    private static final LocalAddress WLAN0 = source("wlan0", "192.168.2.5");
    private static final ApplianceId OFFICE_ID = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final ApplianceId OTHER_ID = new ApplianceId("fedcba9876543210fedcba9876543210");

    private final List<String> events = new ArrayList<>();
    private final ApplianceRegistry registry = new ApplianceRegistry(Runnable::run);

    ApplianceRegistryTest() {
        registry.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                events.add("added " + describe(appliance));
            }

            @Override
            public void updated(DiscoveredAppliance appliance) {
                events.add("updated " + describe(appliance));
            }

            @Override
            public void removed(DiscoveredAppliance appliance) {
                events.add("removed " + appliance.name());
            }
        });
    }

    @Test
    void aResolvedApplianceIsAddedOnceAndRepeatedAnnouncementsChangeNothing() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));

        assertThat(events).containsExactly("added Office [192.168.1.20]:7447");
        assertThat(registry.snapshot()).extracting(DiscoveredAppliance::name).containsExactly("Office");
    }

    @Test
    void severalAppliancesAreAllListed() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(ETH0, appliance("Office (2)", 7447, "192.168.1.21"));

        assertThat(registry.snapshot()).extracting(DiscoveredAppliance::name).containsExactly("Office", "Office (2)");
    }

    @Test
    void theSameApplianceSeenOnTwoInterfacesIsOneEntryWithAllItsAddresses() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(WLAN0, appliance("Office", 7447, "192.168.2.20"));

        assertThat(events).containsExactly("added Office [192.168.1.20]:7447",
                "updated Office [192.168.1.20, 192.168.2.20]:7447");
    }

    @Test
    void itIsRemovedOnlyWhenNoInterfaceSeesItAnyMore() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(WLAN0, appliance("Office", 7447, "192.168.2.20"));

        registry.removed(WLAN0, "Office");
        registry.removed(ETH0, "office");

        assertThat(events).containsSubsequence("updated Office [192.168.1.20]:7447", "removed Office");
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void aNewAddressOrPortIsAnUpdate() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(ETH0, appliance("Office", 7448, "192.168.1.99"));

        assertThat(events).containsExactly("added Office [192.168.1.20]:7447", "updated Office [192.168.1.99]:7448");
    }

    @Test
    void whenAnInterfaceGoesAwayWhatOnlyItSawIsRemoved() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(WLAN0, appliance("Lab", 7447, "192.168.2.20"));

        registry.sourceClosed(WLAN0);

        assertThat(events).endsWith("removed Lab");
        assertThat(registry.snapshot()).extracting(DiscoveredAppliance::name).containsExactly("Office");
    }

    @Test
    void twoDifferentAppliancesWithTheSameNameOnTwoNetworksAreNotMixedUp() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(WLAN0, appliance("Office", 7447, OTHER_ID, "192.168.2.20"));

        assertThat(registry.snapshot()).hasSize(2).extracting(DiscoveredAppliance::addresses)
                .extracting(addresses -> addresses.getFirst().getHostAddress())
                .containsExactly("192.168.1.20", "192.168.2.20");
    }

    @Test
    void anotherApplianceTakingOverANameOnTheSameLinkReplacesTheOldOne() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        registry.resolved(ETH0, appliance("Office", 7447, OTHER_ID, "192.168.1.66"));

        assertThat(events).containsExactly("added Office [192.168.1.20]:7447", "removed Office",
                "added Office [192.168.1.66]:7447");
        assertThat(registry.snapshot()).extracting(DiscoveredAppliance::applianceId).containsExactly(OTHER_ID);
    }

    @Test
    void removingSomethingNeverSeenIsNoEvent() {
        registry.removed(ETH0, "Ghost");

        assertThat(events).isEmpty();
    }

    @Test
    void aLateListenerHearsAboutWhatIsAlreadyKnown() {
        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));
        List<String> late = new ArrayList<>();

        registry.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                late.add(appliance.name());
            }
        });

        assertThat(late).containsExactly("Office");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        registry.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                throw new IllegalStateException("listener bug");
            }
        });
        List<String> after = new ArrayList<>();
        registry.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                after.add(appliance.name());
            }
        });

        registry.resolved(ETH0, appliance("Office", 7447, "192.168.1.20"));

        assertThat(after).containsExactly("Office");
    }

    private static String describe(DiscoveredAppliance appliance) {
        return appliance.name() + " " + appliance.addresses().stream().map(InetAddress::getHostAddress).toList()
                + ":" + appliance.port();
    }

    static DiscoveredAppliance appliance(String name, int port, String... addresses) {
        return appliance(name, port, OFFICE_ID, addresses);
    }

    static DiscoveredAppliance appliance(String name, int port, ApplianceId id, String... addresses) {
        return new DiscoveredAppliance(name, Arrays.stream(addresses).map(ApplianceRegistryTest::address).toList(),
                port, Map.of("txtvers", "1"), id, new CertificateFingerprint("ab".repeat(32)), 1);
    }

    private static LocalAddress source(String name, String address) {
        return new LocalAddress(name, address(address));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
