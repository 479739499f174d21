package org.lanchat.discovery.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.lanchat.discovery.ApplianceAdvertiser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.ResponderStatus;
import org.lanchat.discovery.ServiceDescription;
import org.lanchat.discovery.testing.TestCertificates;
import org.lanchat.discovery.testing.TestTlsServer;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Child process: a stand-in appliance. Serves TLS with the given keystore and advertises it.
 *
 * <pre>
 * --name NAME (URL-encoded) --id HEX32 --keystore PATH --interfaces lan1 [--ipv6] [--rescan-ms N]
 * [--advertise-fingerprint HEX]   advertise this instead of the real one (a rogue copying the real appliance)
 * </pre>
 *
 * Events: {@code tls port=}, {@code advertising names= responders= port= at= hosts=} ({@code at}: epoch millis when
 * announced; {@code hosts}: {@code iface=host.local,...}), {@code responders list=} (on every change),
 * {@code handshake peer=}, {@code received line=}, {@code closed}. Reads {@code stop} on stdin to exit cleanly;
 * SIGTERM does the same through the shutdown hook.
 */
public final class AdvertiserMain {
    private AdvertiserMain() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        Args args = new Args(arguments);
        Path keystore = Path.of(args.get("keystore"));
        TestTlsServer tls = new TestTlsServer(keystore, InetAddress.getByName("0.0.0.0"), args.text("name"), event -> {
            int space = event.indexOf(' ');
            String type = event.substring(0, space);
            ChildEvent.emit(type, type.equals("handshake") ? "peer" : "line", event.substring(space + 1));
        });
        ChildEvent.emit("tls", "port", tls.port(), "fp", tls.fingerprint().hex());
        CertificateFingerprint advertised = args.flag("advertise-fingerprint")
                ? new CertificateFingerprint(args.get("advertise-fingerprint")) : TestCertificates.fingerprint(keystore);
        ServiceDescription description = new ServiceDescription(args.text("name"), tls.port(), 1,
                new ApplianceId(args.get("id")), advertised);

        ApplianceAdvertiser advertiser = ApplianceAdvertiser.start(description, args.interfaces());
        List<ResponderStatus> announced = advertiser.awaitAnnounced(Duration.ofSeconds(15));
        // "at": when awaitAnnounced returned, on this machine's clock, which packet captures share.
        long at = System.currentTimeMillis();
        AtomicReference<String> last = new AtomicReference<>(describe(announced));
        ChildEvent.emit("advertising", "names", String.join(",", advertiser.namesInUse()), "responders", last.get(),
                "port", tls.port(), "at", at, "hosts", announced.stream()
                        .map(r -> r.interfaceName() + "=" + r.hostName()).sorted().collect(Collectors.joining(",")));

        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "advertiser-main-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(() -> {
            String now = describe(advertiser.responders());
            if (!now.equals(last.getAndSet(now))) {
                ChildEvent.emit("responders", "list", now, "names", String.join(",", advertiser.namesInUse()));
            }
        }, 100, 100, TimeUnit.MILLISECONDS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watch.shutdownNow();
            advertiser.close();
            tls.close();
            ChildEvent.emit("closed");
        }, "advertiser-main-shutdown"));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("stop")) {
                break;
            }
        }
        System.exit(0);
    }

    private static String describe(List<ResponderStatus> responders) {
        return responders.stream()
                .map(r -> r.interfaceName() + "/" + r.address().getHostAddress() + "=" + r.instanceName()
                        + (r.announced() ? "" : "(probing)"))
                .sorted().collect(Collectors.joining(","));
    }
}
