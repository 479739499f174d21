package org.lanchat.discovery.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.lanchat.discovery.PeerAdvertiser;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Child process: a client in peer mode advertising its peer links. {@code --interfaces lan1 --port N --fp HEX}.
 *
 * <p>Events: {@code advertising name= announced=}, {@code closed}. Reads {@code stop} on stdin: closes (goodbyes
 * go out) and exits.
 */
public final class PeerAdvertiserMain {
    private PeerAdvertiserMain() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        Args args = new Args(arguments);
        PeerAdvertiser advertiser = PeerAdvertiser.start(Integer.parseInt(args.get("port")), 1,
                new CertificateFingerprint(args.get("fp")), args.interfaces());
        boolean announced = advertiser.awaitAnnounced(Duration.ofSeconds(20));
        ChildEvent.emit("advertising", "name", advertiser.instanceName(), "announced", announced);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            // Only "stop" means anything.
        }
        advertiser.close();
        ChildEvent.emit("closed");
        System.exit(0);
    }
}
