package org.lanchat.discovery.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and writes {@link DnsMessage}s. The only place that knows the wire format.
 *
 * <p>Reading trusts nothing: every count, length and compression pointer is checked against what is left
 * of the datagram before it is used, a pointer may only point backwards (so no loop), and a name may not
 * pass 255 bytes. Writing compresses owner names and PTR targets; SRV targets and NSEC's next name go out
 * whole, as RFC 2782 and RFC 4034 require and as dig expects.
 */
public final class DnsCodec {
    private static final int HEADER = 12;
    private static final int QU_OR_CACHE_FLUSH = 0x8000;
    private static final int MAX_POINTER_TARGET = 0x3fff;

    private DnsCodec() {
    }

    // ---------------------------------------------------------------------------------------------- reading

    public static DnsMessage decode(byte[] data, int length) throws MalformedMessageException {
        Reader in = new Reader(data, length);
        if (length < HEADER) {
            throw new MalformedMessageException("a DNS message has a 12-byte header, this one is " + length + " bytes");
        }
        int id = in.u16();
        int flags = in.u16();
        int questionCount = in.u16();
        int answerCount = in.u16();
        int authorityCount = in.u16();
        int additionalCount = in.u16();
        List<DnsQuestion> questions = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) {
            DnsName name = in.name();
            int type = in.u16();
            int qclass = in.u16();
            questions.add(new DnsQuestion(name, type, qclass & ~QU_OR_CACHE_FLUSH, (qclass & QU_OR_CACHE_FLUSH) != 0));
        }
        return new DnsMessage(id, flags, questions, records(in, answerCount), records(in, authorityCount),
                records(in, additionalCount));
    }

    private static List<DnsRecord> records(Reader in, int count) throws MalformedMessageException {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(in));
        }
        return records;
    }

    private static DnsRecord record(Reader in) throws MalformedMessageException {
        DnsName name = in.name();
        int type = in.u16();
        int rrClass = in.u16();
        long ttl = in.u32();
        int rdLength = in.u16();
        int start = in.position;
        int end = start + rdLength;
        if (end > in.length) {
            throw new MalformedMessageException("record " + name + " type " + type + " claims " + rdLength
                    + " bytes of data at byte " + start + ", past the end of the " + in.length + "-byte message");
        }
        boolean flush = (rrClass & QU_OR_CACHE_FLUSH) != 0;
        DnsRecord record;
        if (type == DnsType.OPT || (rrClass & ~QU_OR_CACHE_FLUSH) != DnsType.CLASS_IN) {
            record = new DnsRecord.Opaque(name, type, rrClass, ttl, false, in.bytes(rdLength));
        } else {
            record = switch (type) {
                case DnsType.A -> new DnsRecord.A(name, ttl, flush, (Inet4Address) address(in, rdLength, 4));
                case DnsType.AAAA -> new DnsRecord.Aaaa(name, ttl, flush, (Inet6Address) address(in, rdLength, 16));
                case DnsType.PTR -> new DnsRecord.Ptr(name, ttl, flush, in.name());
                case DnsType.SRV -> new DnsRecord.Srv(name, ttl, flush, in.u16(), in.u16(), in.u16(), in.name());
                case DnsType.TXT -> new DnsRecord.Txt(name, ttl, flush, in.bytes(rdLength));
                case DnsType.NSEC -> nsec(in, name, ttl, flush, end);
                default -> new DnsRecord.Opaque(name, type, rrClass & ~QU_OR_CACHE_FLUSH, ttl, flush, in.bytes(rdLength));
            };
        }
        if (in.position != end) {
            throw new MalformedMessageException("record " + name + " type " + type + " has " + rdLength
                    + " bytes of data but its fields take " + (in.position - start));
        }
        return record;
    }

    private static InetAddress address(Reader in, int rdLength, int size) throws MalformedMessageException {
        if (rdLength != size) {
            throw new MalformedMessageException("an address record holds " + size + " bytes, not " + rdLength);
        }
        try {
            return InetAddress.getByAddress(in.bytes(size));
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("not an address: " + e.getMessage());
        }
    }

    private static DnsRecord.Nsec nsec(Reader in, DnsName name, long ttl, boolean flush, int end)
            throws MalformedMessageException {
        in.name(); // the next domain name: in multicast DNS always the record's own
        TreeSet<Integer> types = new TreeSet<>();
        while (in.position < end) {
            int window = in.u8();
            int length = in.u8();
            if (length < 1 || length > 32 || in.position + length > end) {
                throw new MalformedMessageException("NSEC bitmap of " + length + " bytes does not fit its record");
            }
            byte[] bitmap = in.bytes(length);
            for (int i = 0; window == 0 && i < length * 8; i++) {
                if ((bitmap[i / 8] & (0x80 >>> (i % 8))) != 0 && i > 0) {
                    types.add(i);
                }
            }
        }
        return new DnsRecord.Nsec(name, ttl, flush, types);
    }

    private static final class Reader {
        private final byte[] data;
        private final int length;
        private int position;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = Math.min(length, data.length);
        }

        private void need(int count) throws MalformedMessageException {
            if (position + count > length) {
                throw new MalformedMessageException("message ends at byte " + length + ", " + count
                        + " more bytes were expected at byte " + position);
            }
        }

        int u8() throws MalformedMessageException {
            need(1);
            return data[position++] & 0xff;
        }

        int u16() throws MalformedMessageException {
            need(2);
            int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
            position += 2;
            return value;
        }

        long u32() throws MalformedMessageException {
            return ((long) u16() << 16) | u16();
        }

        byte[] bytes(int count) throws MalformedMessageException {
            need(count);
            byte[] copy = new byte[count];
            System.arraycopy(data, position, copy, 0, count);
            position += count;
            return copy;
        }

        /** A possibly compressed name; leaves the position after the name's bytes at this place. */
        DnsName name() throws MalformedMessageException {
            List<String> labels = new ArrayList<>();
            int at = position;
            int resumeAt = -1;
            int total = 1;
            while (true) {
                if (at >= length) {
                    throw new MalformedMessageException("name at byte " + position + " runs past the end");
                }
                int len = data[at] & 0xff;
                if ((len & 0xc0) == 0xc0) {
                    if (at + 1 >= length) {
                        throw new MalformedMessageException("compression pointer at byte " + at + " is cut off");
                    }
                    int target = ((len & 0x3f) << 8) | (data[at + 1] & 0xff);
                    if (target >= at) {
                        throw new MalformedMessageException("compression pointer at byte " + at
                                + " points forward, to byte " + target);
                    }
                    if (resumeAt < 0) {
                        resumeAt = at + 2;
                    }
                    at = target;
                } else if ((len & 0xc0) != 0) {
                    throw new MalformedMessageException("label type 0x" + Integer.toHexString(len) + " at byte " + at);
                } else if (len == 0) {
                    position = resumeAt >= 0 ? resumeAt : at + 1;
                    try {
                        return DnsName.of(labels);
                    } catch (IllegalArgumentException e) {
                        throw new MalformedMessageException(e.getMessage());
                    }
                } else {
                    total += len + 1;
                    if (total > DnsName.MAX_NAME_BYTES || at + 1 + len > length) {
                        throw new MalformedMessageException("name at byte " + position
                                + " is longer than 255 bytes or runs past the end");
                    }
                    labels.add(utf8(data, at + 1, len));
                    at += 1 + len;
                }
            }
        }
    }

    /** Labels are UTF-8 in multicast DNS (RFC 6762 §16); bytes that are not are kept visible as U+FFFD. */
    private static String utf8(byte[] data, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(data, offset, length, StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------------------------------------- writing

    public static byte[] encode(DnsMessage message) {
        Writer out = new Writer();
        out.u16(message.id());
        out.u16(message.flags());
        out.u16(message.questions().size());
        out.u16(message.answers().size());
        out.u16(message.authorities().size());
        out.u16(message.additionals().size());
        for (DnsQuestion question : message.questions()) {
            out.name(question.name(), true);
            out.u16(question.type());
            out.u16(question.qclass() | (question.unicastResponse() ? QU_OR_CACHE_FLUSH : 0));
        }
        for (List<DnsRecord> section : List.of(message.answers(), message.authorities(), message.additionals())) {
            for (DnsRecord record : section) {
                write(out, record);
            }
        }
        return out.toByteArray();
    }

    private static void write(Writer out, DnsRecord record) {
        out.name(record.name(), true);
        out.u16(record.type());
        int rrClass = record instanceof DnsRecord.Opaque opaque ? opaque.rrClass() : DnsType.CLASS_IN;
        out.u16(rrClass | (record.cacheFlush() ? QU_OR_CACHE_FLUSH : 0));
        out.u32(record.ttl());
        int lengthAt = out.size;
        out.u16(0);
        switch (record) {
            case DnsRecord.A a -> out.raw(a.address().getAddress());
            case DnsRecord.Aaaa aaaa -> out.raw(aaaa.address().getAddress());
            case DnsRecord.Ptr ptr -> out.name(ptr.target(), true);
            case DnsRecord.Srv srv -> {
                out.u16(srv.priority());
                out.u16(srv.weight());
                out.u16(srv.port());
                out.name(srv.target(), false);
            }
            case DnsRecord.Txt txt -> out.raw(txt.strings().length == 0 ? new byte[] {0} : txt.strings());
            case DnsRecord.Nsec nsec -> {
                out.name(nsec.name(), false);
                out.raw(bitmap(nsec));
            }
            case DnsRecord.Opaque opaque -> out.raw(opaque.rdata());
        }
        out.patchU16(lengthAt, out.size - lengthAt - 2);
    }

    /** Window 0 of an NSEC type bitmap (RFC 4034 §4.1.2), as short as the highest type allows. */
    private static byte[] bitmap(DnsRecord.Nsec nsec) {
        if (nsec.types().isEmpty()) {
            return new byte[0];
        }
        int highest = new TreeSet<>(nsec.types()).last();
        byte[] window = new byte[2 + highest / 8 + 1];
        window[0] = 0;
        window[1] = (byte) (highest / 8 + 1);
        for (int type : nsec.types()) {
            window[2 + type / 8] |= (byte) (0x80 >>> (type % 8));
        }
        return window;
    }

    /**
     * The record's data with names uncompressed, as the simultaneous-probe tiebreak compares it
     * (RFC 6762 §8.2).
     */
    public static byte[] rdata(DnsRecord record) {
        Writer out = new Writer();
        write(out, record);
        byte[] all = out.toByteArray();
        int rdStart = record.name().wireLength() + 10;
        byte[] rdata = new byte[all.length - rdStart];
        System.arraycopy(all, rdStart, rdata, 0, rdata.length);
        return rdata;
    }

    private static final class Writer {
        private byte[] buffer = new byte[512];
        private int size;
        private final Map<String, Integer> offsets = new HashMap<>();

        void u8(int value) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) value;
        }

        void u16(int value) {
            u8(value >>> 8);
            u8(value);
        }

        void u32(long value) {
            u16((int) (value >>> 16) & 0xffff);
            u16((int) value & 0xffff);
        }

        void raw(byte[] data) {
            for (byte b : data) {
                u8(b);
            }
        }

        void patchU16(int at, int value) {
            buffer[at] = (byte) (value >>> 8);
            buffer[at + 1] = (byte) value;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        void name(DnsName name, boolean compress) {
            List<String> labels = name.labels();
            for (int i = 0; i < labels.size(); i++) {
                // Exact, not ignoring case: a pointer repeats the earlier name's bytes, and a legacy reply must echo
                // each question as it was asked (RFC 6762 §6.7), whatever spelling a question before it had.
                String suffix = String.join("\u0000", labels.subList(i, labels.size()));
                Integer earlier = offsets.get(suffix);
                if (compress && earlier != null) {
                    u16(0xc000 | earlier);
                    return;
                }
                if (size <= MAX_POINTER_TARGET) {
                    offsets.putIfAbsent(suffix, size);
                }
                byte[] label = labels.get(i).getBytes(StandardCharsets.UTF_8);
                u8(label.length);
                raw(label);
            }
            u8(0);
        }
    }
}
