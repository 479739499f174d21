package org.lanchat.bench.server;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/**
 * The JetStream layout of the private-message reference, made with the jnats client before the generator connects:
 * a file-backed stream over {@code p.>} and one durable push consumer per member ({@code d.<i>} gets what was stored
 * under {@code p.<i>}, new messages only, no acknowledgements: LAN Chat's recipients do not acknowledge deliveries
 * either). Durable, so the consumers wait for their member however long the generator takes to connect.
 */
final class JetStreamInboxes {
    static final String STREAM = "PRIVATE";

    private JetStreamInboxes() {
    }

    static void create(String url, int members) throws IOException {
        Options options = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(0).build();
        try (Connection nc = Nats.connect(options)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects("p.>").storageType(StorageType.File).build());
            for (int i = 0; i < members; i++) {
                jsm.addOrUpdateConsumer(STREAM, ConsumerConfiguration.builder()
                        .durable("inbox" + i)
                        .filterSubject("p." + i)
                        .deliverSubject("d." + i)
                        .deliverPolicy(DeliverPolicy.New)
                        .ackPolicy(AckPolicy.None)
                        .build());
            }
        } catch (JetStreamApiException e) {
            throw new IOException("could not set up the JetStream inboxes: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the JetStream inboxes", e);
        }
    }
}
