package org.lanchat.discovery.responder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/** What counts as a conflict over a name (RFC 6762 §8, §9), and which name to try after losing one. */
final class Conflicts {
    private static final Pattern INSTANCE_SUFFIX = Pattern.compile("^(.*) \\((\\d+)\\)$");
    private static final Pattern HOST_SUFFIX = Pattern.compile("^(.*)-(\\d+)$");
    /** Class, then type, then rdata (§8.2); every record we compare is class IN, so class never decides. */
    private static final Comparator<DnsRecord> CANONICAL = Comparator.comparingInt(DnsRecord::type)
            .thenComparing(DnsCodec::rdata, Arrays::compareUnsigned);

    private Conflicts() {
    }

    /**
     * The names of {@code claim} that another host's response claims too: a record with one of our names
     * whose data differs from ours. Goodbyes (TTL 0) claim nothing, and a record identical to ours is
     * agreement, not conflict.
     */
    static Set<DnsName> inResponse(DnsMessage response, Claim claim) {
        Set<DnsName> conflicting = new LinkedHashSet<>();
        List<DnsRecord> ours = claim.all();
        List<DnsRecord> theirs = new ArrayList<>(response.answers());
        theirs.addAll(response.additionals());
        for (DnsRecord record : theirs) {
            if (record.ttl() == 0 || !claim.ownsUniquely(record.name())) {
                continue;
            }
            if (ours.stream().noneMatch(mine -> mine.sameData(record))) {
                conflicting.add(record.name());
            }
        }
        return conflicting;
    }

    /**
     * Simultaneous probe tiebreaking (RFC 6762 §8.2) for one name: compares our proposed records with those
     * in another host's probe, sorted, record by record, class, then type, then rdata as unsigned bytes.
     *
     * @return negative if we lose (and must wait a second and probe again), positive if we win, zero if the
     *         two hosts propose the same records
     */
    static int tiebreak(List<DnsRecord> ours, List<DnsRecord> theirs) {
        List<DnsRecord> a = ours.stream().sorted(CANONICAL).toList();
        List<DnsRecord> b = theirs.stream().sorted(CANONICAL).toList();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = CANONICAL.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * "Name" becomes "Name (2)", "Name (2)" becomes "Name (3)": the DNS-SD convention users know from
     * printers. The base is shortened by whole characters if the label would pass 63 bytes.
     */
    static String nextInstanceLabel(String label) {
        Matcher numbered = INSTANCE_SUFFIX.matcher(label);
        String base = label;
        int next = 2;
        if (numbered.matches() && numbered.group(2).length() < 6) {
            base = numbered.group(1);
            next = Integer.parseInt(numbered.group(2)) + 1;
        }
        return fit(base, " (" + next + ")");
    }

    /** "box-lan1" becomes "box-lan1-2", then "box-lan1-3", as Avahi renames hosts. */
    static String nextHostLabel(String label) {
        Matcher numbered = HOST_SUFFIX.matcher(label);
        String base = label;
        int next = 2;
        if (numbered.matches() && numbered.group(2).length() < 6 && !numbered.group(1).isEmpty()) {
            base = numbered.group(1);
            next = Integer.parseInt(numbered.group(2)) + 1;
        }
        return fit(base, "-" + next);
    }

    private static String fit(String base, String suffix) {
        String shortened = base;
        while ((shortened + suffix).getBytes(StandardCharsets.UTF_8).length > DnsName.MAX_LABEL_BYTES) {
            shortened = shortened.substring(0, shortened.offsetByCodePoints(shortened.length(), -1));
        }
        return shortened + suffix;
    }
}
