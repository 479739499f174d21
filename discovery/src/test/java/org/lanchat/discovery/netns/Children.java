package org.lanchat.discovery.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.testing.TestCertificates;

/** Starts the child mains with the arguments the scenarios share. */
final class Children {
    /** JVM start, then JmDNS's probing (about four seconds), on a busy two-core machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    static final String OFFICE_ID = "0123456789abcdef0123456789abcdef";

    private Children() {
    }

    /** A stand-in appliance serving TLS with the named test certificate; waits until it has announced. */
    static ChildJvm advertiser(NetnsLab lab, Host host, String label, String name, String certificate,
            List<String> jvmOptions, String... extra) {
        ChildJvm child = startAdvertiser(lab, host, label, name, certificate, jvmOptions, extra);
        child.await("advertising", START_TIMEOUT);
        return child;
    }

    /** As {@link #advertiser}, but returns at once: await its "advertising" event later. */
    static ChildJvm startAdvertiser(NetnsLab lab, Host host, String label, String name, String certificate,
            List<String> jvmOptions, String... extra) {
        List<String> args = new ArrayList<>(List.of("--name", urlEncoded(name), "--id", OFFICE_ID,
                "--keystore", TestCertificates.keystore(certificate).toString(),
                "--interfaces", host.interfaceName(), "--rescan-ms", "300"));
        args.addAll(List.of(extra));
        return lab.startJava(host, label, AdvertiserMain.class, jvmOptions, args.toArray(String[]::new));
    }

    static String urlEncoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static ChildJvm browser(NetnsLab lab, Host host, String label) {
        ChildJvm child = lab.startJava(host, label, BrowserMain.class, List.of(),
                "--interfaces", host.interfaceName(), "--rescan-ms", "300");
        child.await("browsing", START_TIMEOUT);
        return child;
    }

    /**
     * One client connection attempt with the pins and cache in {@code dataDir}, awaited until its outcome
     * ({@code pong}, {@code refused} or {@code not-found}); the child then closes its browser on its own.
     */
    static ChildJvm connect(NetnsLab lab, Host host, String label, Path dataDir) {
        ChildJvm child = lab.startJava(host, label, ConnectMain.class, List.of(),
                "--interfaces", host.interfaceName(), "--data", dataDir.toString(), "--discovery-ms", "25000");
        child.awaitMatching("outcome", e -> List.of("pong", "refused", "not-found").contains(e.type()),
                Duration.ofSeconds(60));
        return child;
    }
}
