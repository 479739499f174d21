package org.lanchat.discovery.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One resource record. {@code cacheFlush} is multicast DNS's top bit of the class (RFC 6762 §10.2): set on
 * records whose name this host owns alone. Every type here is class IN, except {@link Opaque}, which keeps
 * what it was sent with.
 */
public sealed interface DnsRecord {

    DnsName name();

    int type();

    /** Seconds; zero in a goodbye. */
    long ttl();

    boolean cacheFlush();

    /** The same record with another TTL and cache-flush bit, as legacy unicast answers and goodbyes need. */
    DnsRecord with(long ttl, boolean cacheFlush);

    /** Whether {@code other} is this record, TTL and cache-flush bit aside (RFC 6762 §8.1 "identical"). */
    default boolean sameData(DnsRecord other) {
        return other.name().equals(name()) && other.with(0, false).equals(with(0, false));
    }

    record Ptr(DnsName name, long ttl, boolean cacheFlush, DnsName target) implements DnsRecord {
        public Ptr {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public int type() {
            return DnsType.PTR;
        }

        @Override
        public Ptr with(long newTtl, boolean flush) {
            return new Ptr(name, newTtl, flush, target);
        }
    }

    record Srv(DnsName name, long ttl, boolean cacheFlush, int priority, int weight, int port, DnsName target)
            implements DnsRecord {
        @Override
        public int type() {
            return DnsType.SRV;
        }

        @Override
        public Srv with(long newTtl, boolean flush) {
            return new Srv(name, newTtl, flush, priority, weight, port, target);
        }
    }

    /** A TXT record's rdata as sent: length-prefixed strings. */
    record Txt(DnsName name, long ttl, boolean cacheFlush, byte[] strings) implements DnsRecord {
        public Txt {
            strings = strings.clone();
        }

        @Override
        public byte[] strings() {
            return strings.clone();
        }

        @Override
        public int type() {
            return DnsType.TXT;
        }

        @Override
        public Txt with(long newTtl, boolean flush) {
            return new Txt(name, newTtl, flush, strings);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Txt txt && txt.name.equals(name) && txt.ttl == ttl && txt.cacheFlush == cacheFlush
                    && Arrays.equals(txt.strings, strings);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, ttl, cacheFlush, Arrays.hashCode(strings));
        }

        @Override
        public String toString() {
            return "Txt[" + name + " ttl=" + ttl + " " + strings.length + " bytes]";
        }
    }

    record A(DnsName name, long ttl, boolean cacheFlush, Inet4Address address) implements DnsRecord {
        @Override
        public int type() {
            return DnsType.A;
        }

        @Override
        public A with(long newTtl, boolean flush) {
            return new A(name, newTtl, flush, address);
        }
    }

    record Aaaa(DnsName name, long ttl, boolean cacheFlush, Inet6Address address) implements DnsRecord {
        @Override
        public int type() {
            return DnsType.AAAA;
        }

        @Override
        public Aaaa with(long newTtl, boolean flush) {
            return new Aaaa(name, newTtl, flush, address);
        }
    }

    /**
     * Multicast DNS's negative answer (RFC 6762 §6.1): the types that exist at {@code name}, and so that no
     * other type does. The next-name field is the name itself, and only types below 256 can be listed.
     */
    record Nsec(DnsName name, long ttl, boolean cacheFlush, Set<Integer> types) implements DnsRecord {
        public Nsec {
            SortedSet<Integer> sorted = new TreeSet<>(types);
            types = Collections.unmodifiableSortedSet(sorted);
            if (!sorted.isEmpty() && (sorted.first() < 1 || sorted.last() > 255)) {
                throw new IllegalArgumentException("multicast DNS NSEC lists types 1 to 255, got " + types);
            }
        }

        @Override
        public int type() {
            return DnsType.NSEC;
        }

        @Override
        public Nsec with(long newTtl, boolean flush) {
            return new Nsec(name, newTtl, flush, types);
        }
    }

    /** Any other type, or any type in a class other than IN, kept as bytes: EDNS's OPT arrives like this. */
    record Opaque(DnsName name, int type, int rrClass, long ttl, boolean cacheFlush, byte[] rdata) implements DnsRecord {
        public Opaque {
            rdata = rdata.clone();
        }

        @Override
        public byte[] rdata() {
            return rdata.clone();
        }

        @Override
        public Opaque with(long newTtl, boolean flush) {
            return new Opaque(name, type, rrClass, newTtl, flush, rdata);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Opaque o && o.name.equals(name) && o.type == type && o.rrClass == rrClass
                    && o.ttl == ttl && o.cacheFlush == cacheFlush && Arrays.equals(o.rdata, rdata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type, rrClass, ttl, cacheFlush, Arrays.hashCode(rdata));
        }

        @Override
        public String toString() {
            return "Opaque[" + name + " type=" + type + " class=" + rrClass + " " + rdata.length + " bytes]";
        }
    }
}
