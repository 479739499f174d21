package org.lanchat.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.DNSCache;
import javax.jmdns.impl.DNSEntry;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.constants.DNSRecordType;
import org.lanchat.discovery.dns.DnsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the addresses JmDNS resolved for a service belong to the host that answers for it.
 *
 * <p>JmDNS's own resolution collects every address record for the SRV target's host name, whoever sent it,
 * so a second machine with the same host name (a clone, an old responder that never probes, even this
 * client's own JmDNS, which names itself after the machine too) would add its address to the appliance's.
 * The addresses kept are those sent from where the SRV record came from, or from a host that answered a
 * direct question for the service ({@link ServiceHostQuery}).
 */
final class ServiceHostAddresses {
    private static final Logger log = LoggerFactory.getLogger(ServiceHostAddresses.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(700);

    private final LocalAddress local;
    private final JmDNS jmdns;
    private final Consumer<Runnable> whileOpen;
    /** Per service (lower-case qualified name): hosts that answered a direct question for it. */
    private final Map<String, Set<InetAddress>> confirmed = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();

    /**
     * @param whileOpen runs a call unless the browser is closing
     */
    ServiceHostAddresses(LocalAddress local, JmDNS jmdns, Consumer<Runnable> whileOpen) {
        this.local = local;
        this.jmdns = jmdns;
        this.whileOpen = whileOpen;
    }

    /**
     * The service host's addresses, or none for now. When the host that sent the SRV record has no address
     * left (it moved to another address of its interface and announced the same records from there, RFC 6762
     * §8.4, while JmDNS still credits the SRV record to its first sender), the hosts that announce the target
     * from their own address are asked directly; {@code reResolve} runs once one of them answers for the
     * service. A device that claims the host name with its own address, flushing the real host's record from
     * the cache while that host probes again (Avahi does, after a conflict), does not answer, so is never listed.
     */
    List<InetAddress> of(ServiceInfo info, Runnable reResolve) {
        List<InetAddress> resolved = List.of(info.getInetAddresses());
        if (!(jmdns instanceof JmDNSImpl impl) || !JmdnsRecords.readable() || info.getServer() == null
                || info.getServer().isEmpty()) {
            return resolved;
        }
        DNSCache cache = impl.getCache();
        String key = key(info.getName(), info.getType());
        Set<InetAddress> serviceHosts = new HashSet<>(confirmed.getOrDefault(key, Set.of()));
        for (DNSEntry entry : cache.getDNSEntryList(info.getQualifiedName(), DNSRecordType.TYPE_SRV,
                DNSRecordClass.CLASS_ANY)) {
            if (entry instanceof DNSRecord record && record.getRecordSource() != null) {
                serviceHosts.add(record.getRecordSource());
            }
        }
        if (serviceHosts.isEmpty()) {
            return resolved;
        }
        Set<InetAddress> fromServiceHosts = new LinkedHashSet<>();
        for (DNSRecord.Address record : addressRecords(cache, info.getServer())) {
            if (serviceHosts.contains(record.getRecordSource())) {
                JmdnsRecords.address(record).ifPresent(fromServiceHosts::add);
            }
        }
        if (fromServiceHosts.isEmpty()) {
            ask(info, key, announcedByThemselves(cache, info.getServer()), reResolve);
        } else if (!fromServiceHosts.equals(new HashSet<>(resolved))) {
            log.debug("\"{}\" on {}: addresses {} from {}, which answer for it; JmDNS had {}", info.getName(),
                    local, fromServiceHosts, serviceHosts, resolved);
        }
        return List.copyOf(fromServiceHosts);
    }

    /** Forgets what was learnt about a service that is gone. */
    void forget(String name, String type) {
        confirmed.remove(key(name, type));
    }

    private static String key(String name, String type) {
        return (name + "." + type).toLowerCase(Locale.ROOT);
    }

    private void ask(ServiceInfo info, String key, Set<InetAddress> candidates, Runnable reResolve) {
        candidates.removeIf(candidate -> candidate.getClass() != local.address().getClass());
        if (candidates.isEmpty() || !asking.add(key)) {
            return;
        }
        List<String> labels = new ArrayList<>();
        labels.add(info.getName());
        labels.addAll(List.of(info.getType().split("\\.")));
        DnsName instance = DnsName.of(labels);
        Thread.ofVirtual().name("mdns-ask-" + local).start(() -> {
            try {
                for (InetAddress candidate : candidates) {
                    if (ServiceHostQuery.answersFor(local.address(), candidate, instance, QUERY_TIMEOUT)) {
                        confirmed.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(candidate);
                        log.debug("\"{}\" on {}: {} answers for it", info.getName(), local, candidate);
                    } else {
                        log.debug("\"{}\" on {}: {} claims its host name but does not answer for it",
                                info.getName(), local, candidate);
                    }
                }
            } finally {
                asking.remove(key);
            }
            if (confirmed.getOrDefault(key, Set.of()).stream().anyMatch(candidates::contains)) {
                whileOpen.accept(reResolve);
            }
        });
    }

    /** Unexpired A and AAAA records of {@code target}. */
    private static List<DNSRecord.Address> addressRecords(DNSCache cache, String target) {
        List<DNSRecord.Address> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (DNSRecordType type : List.of(DNSRecordType.TYPE_A, DNSRecordType.TYPE_AAAA)) {
            for (DNSEntry entry : cache.getDNSEntryList(target, type, DNSRecordClass.CLASS_ANY)) {
                if (entry instanceof DNSRecord.Address record && !record.isExpired(now)) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /** Addresses of {@code target} that were announced from themselves: the hosts worth asking. */
    private static Set<InetAddress> announcedByThemselves(DNSCache cache, String target) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (DNSRecord.Address record : addressRecords(cache, target)) {
            JmdnsRecords.address(record).filter(address -> address.equals(record.getRecordSource()))
                    .ifPresent(addresses::add);
        }
        return addresses;
    }
}
