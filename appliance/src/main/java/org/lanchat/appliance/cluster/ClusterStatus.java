package org.lanchat.appliance.cluster;

import java.util.List;

/**
 * One member's view of its cluster, for {@code lanchat-admin cluster status}.
 *
 * @param shortCode           the short code of the cluster's certificate, which every member presents
 * @param bus                 {@code connected}, {@code reconnecting} or {@code closed}
 * @param lastDelivered       the last message id this member delivered to its connections
 * @param filledFromDatabase  messages delivered from the database because the bus had not brought them in time
 * @param publishFailures     events this member could not publish (the others then read them from the database)
 * @param refusedEvents       events on the bus that no member sealed, dropped
 */
public record ClusterStatus(String clusterId, String shortCode, String bus, String busServer, List<Member> members, long lastDelivered,
                            long filledFromDatabase, long publishFailures, long refusedEvents) {
    public ClusterStatus {
        members = List.copyOf(members);
    }

    /** A member as this one knows it: itself, or as of its last heartbeat. */
    public record Member(String memberId, String name, String address, int connections, int users, long lastHeardMillis,
                         boolean self) {
    }
}
