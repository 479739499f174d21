package org.lanchat.appliance.lan;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.discovery.ResponderStatus;
import org.lanchat.discovery.netns.ChildEvent;

/**
 * Child process: the real appliance on a test host, advertising on that host's LAN interface only.
 *
 * <pre>DATA_DIR NAME INTERFACE [DATABASE_URL CLUSTER_URL]</pre>
 *
 * With the last two it is a member of a cluster: a MySQL/MariaDB database (user root) and the NATS server its
 * members share.
 *
 * Events: {@code ready port= code= announced=}, {@code advertising names= responders=}; stops on "stop" or end of stdin, then
 * {@code closed}.
 */
public final class ApplianceChild {
    private ApplianceChild() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ApplianceConfig.Builder builder = ApplianceConfig.builder()
                .dataDir(Path.of(args[0]))
                .name(args[1])
                .interfaces(List.of(args[2]))
                .advertise(true)
                .maxConcurrentHashes(1);
        if (args.length >= 5) {
            builder.databaseUrl(args[3]).databaseUser("root").clusterServers(List.of(args[4]));
        }
        ApplianceConfig config = builder.build();
        try (Appliance appliance = Appliance.start(config)) {
            // "announced": whether, when start returned (when the service reports READY=1), clients can find it.
            ChildEvent.emit("ready", "port", appliance.port(), "code", appliance.fingerprint().shortCode(),
                    "announced", appliance.advertiser().responders().stream().allMatch(ResponderStatus::announced));
            appliance.advertiser().awaitAnnounced(Duration.ofSeconds(20));
            ChildEvent.emit("advertising", "names", String.join(",", appliance.advertiser().namesInUse()),
                    "responders", appliance.advertiser().responders().stream()
                            .map(r -> r.interfaceName() + "/" + r.address().getHostAddress()).sorted().toList());
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = stdin.readLine()) != null && !line.equals("stop")) {
                // wait for the test to say stop
            }
        }
        ChildEvent.emit("closed");
    }
}
