package org.lanchat.discovery;

import java.net.InetAddress;

/**
 * One running mDNS responder: on which interface and address it answers, and under which instance name
 * (which differs from the configured one after a name conflict).
 *
 * @param hostName  the mDNS host name the service's SRV record points to there, e.g. {@code box-eth0.local}
 * @param announced whether probing is over and the service announced; until then the names may still change
 */
public record ResponderStatus(String interfaceName, InetAddress address, String instanceName, String hostName,
        boolean announced) {
}
