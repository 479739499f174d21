package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The watcher against a scripted list of interfaces and fake handles; rescans are called directly. */
class AddressWatcherTest {
    private final AtomicReference<List<InterfaceSnapshot>> interfaces = new AtomicReference<>(List.of());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> failing = new CopyOnWriteArrayList<>();
    private CountDownLatch goodbyes = new CountDownLatch(0);

    private AddressWatcher<AutoCloseable> watcher(InterfaceSelection selection) {
        return new AddressWatcher<>("test", selection, interfaces::get, this::open, handle -> {
        });
    }

    /** As the advertisers watch: one handle per interface, moved when its address goes away. */
    private AddressWatcher<AutoCloseable> onePerInterfaceWatcher(InterfaceSelection selection) {
        return new AddressWatcher<>("test", selection, interfaces::get, this::open, (handle, to) -> {
            if (failing.contains(to.address().getHostAddress())) {
                throw new IOException("cannot bind there");
            }
            log.add("move to " + to);
        }, handle -> {
        });
    }

    private AutoCloseable open(LocalAddress address, String label) throws IOException {
        if (failing.contains(address.address().getHostAddress())) {
            throw new IOException("no multicast here");
        }
        log.add("open " + address + " as " + label.substring(label.indexOf('-') + 1));
        return () -> {
            // A real responder says goodbye for seconds; tests hold it here to look at the transition.
            goodbyes.await(5, TimeUnit.SECONDS);
            log.add("close " + address);
        };
    }

    @Test
    void opensOneHandlePerAddressAndClosesThemAll() {
        interfaces.set(List.of(nif("eth0", "192.168.1.20", "192.168.1.21"), nif("eth1", "10.0.0.5")));
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.automatic());

        watcher.rescan();
        assertThat(watcher.handles()).hasSize(3);
        watcher.close();

        assertThat(log).containsExactlyInAnyOrder(
                "open eth0/192.168.1.20 as eth0", "open eth0/192.168.1.21 as eth0-2", "open eth1/10.0.0.5 as eth1",
                "close eth0/192.168.1.20", "close eth0/192.168.1.21", "close eth1/10.0.0.5");
    }

    @Test
    void anAddressChangeStartsTheNewResponderWithoutWaitingForTheOldOneToSayGoodbye() {
        goodbyes = new CountDownLatch(1);
        interfaces.set(List.of(nif("eth0", "192.168.1.20")));
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.automatic());
        watcher.rescan();

        interfaces.set(List.of(nif("eth0", "192.168.1.77")));
        watcher.rescan();

        // The old responder still holds its host label, so the new one takes another.
        assertThat(log).containsExactly("open eth0/192.168.1.20 as eth0", "open eth0/192.168.1.77 as eth0-2");
        goodbyes.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> log.contains("close eth0/192.168.1.20"));
        watcher.close();
    }

    @Test
    void aSecondAddressOnAnAdvertisedInterfaceStartsNoSecondResponder() {
        interfaces.set(List.of(nif("lan1", "10.77.0.1")));
        AddressWatcher<AutoCloseable> watcher = onePerInterfaceWatcher(InterfaceSelection.only("lan1"));
        watcher.rescan();

        interfaces.set(List.of(nif("lan1", "10.77.0.11", "10.77.0.1")));
        watcher.rescan();

        assertThat(watcher.handles().keySet()).extracting(LocalAddress::toString).containsExactly("lan1/10.77.0.1");
        watcher.close();
        assertThat(log).containsExactly("open lan1/10.77.0.1 as lan1", "close lan1/10.77.0.1");
    }

    @Test
    void whenTheAdvertisedAddressGoesAwayItsResponderMovesToARemainingOneKeepingItsHostName() {
        interfaces.set(List.of(nif("lan1", "10.77.0.11", "10.77.0.1")));
        AddressWatcher<AutoCloseable> watcher = onePerInterfaceWatcher(InterfaceSelection.only("lan1"));
        watcher.rescan();

        interfaces.set(List.of(nif("lan1", "10.77.0.11")));
        watcher.rescan();

        assertThat(watcher.handles().keySet()).extracting(LocalAddress::toString).containsExactly("lan1/10.77.0.11");
        assertThat(log).containsExactly("open lan1/10.77.0.1 as lan1", "move to lan1/10.77.0.11");
        watcher.close();
    }

    @Test
    void aResponderThatCannotMoveIsReplacedByANewOne() {
        interfaces.set(List.of(nif("lan1", "10.77.0.1")));
        AddressWatcher<AutoCloseable> watcher = onePerInterfaceWatcher(InterfaceSelection.only("lan1"));
        watcher.rescan();
        failing.add("10.77.0.11");
        interfaces.set(List.of(nif("lan1", "10.77.0.11")));
        watcher.rescan();
        assertThat(watcher.handles()).isEmpty();

        failing.clear();
        watcher.rescan();

        assertThat(watcher.handles().keySet()).extracting(LocalAddress::toString).containsExactly("lan1/10.77.0.11");
        watcher.close();
        assertThat(log).contains("close lan1/10.77.0.1").anyMatch(line -> line.startsWith("open lan1/10.77.0.11 as lan1"));
    }

    @Test
    void closeWaitsForRespondersThatAreStillSayingGoodbye() {
        goodbyes = new CountDownLatch(1);
        interfaces.set(List.of(nif("eth0", "192.168.1.20")));
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.automatic());
        watcher.rescan();
        interfaces.set(List.of());
        watcher.rescan();
        goodbyes.countDown();

        watcher.close();

        assertThat(log).containsExactly("open eth0/192.168.1.20 as eth0", "close eth0/192.168.1.20");
    }

    @Test
    void anInterfaceThatComesUpLaterIsPickedUpOnTheNextScan() {
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.only("lan1"));
        watcher.rescan();
        assertThat(watcher.handles()).isEmpty();

        interfaces.set(List.of(nif("lan1", "10.77.0.1")));
        watcher.rescan();

        assertThat(log).containsExactly("open lan1/10.77.0.1 as lan1");
        watcher.close();
    }

    @Test
    void aResponderThatCannotStartIsRetriedOnLaterScansWithoutStoppingTheOthers() {
        interfaces.set(List.of(nif("eth0", "192.168.1.20"), nif("eth1", "10.0.0.5")));
        failing.add("10.0.0.5");
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.automatic());

        watcher.rescan();
        assertThat(watcher.handles().keySet()).extracting(LocalAddress::interfaceName).containsExactly("eth0");

        failing.clear();
        watcher.rescan();
        assertThat(watcher.handles().keySet()).extracting(LocalAddress::interfaceName).containsExactly("eth0", "eth1");
        watcher.close();
    }

    @Test
    void nothingIsOpenedAfterClose() {
        AddressWatcher<AutoCloseable> watcher = watcher(InterfaceSelection.automatic());
        watcher.close();

        interfaces.set(List.of(nif("eth0", "192.168.1.20")));
        watcher.rescan();

        assertThat(log).isEmpty();
    }

    private static InterfaceSnapshot nif(String name, String... addresses) {
        List<InetAddress> list = new ArrayList<>(Arrays.stream(addresses).map(AddressWatcherTest::address).toList());
        return new InterfaceSnapshot(name, true, false, true, false, list);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
