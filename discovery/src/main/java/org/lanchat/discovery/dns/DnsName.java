package org.lanchat.discovery.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A domain name as a list of labels. A label is any text up to 63 bytes of UTF-8, dots included: the
 * DNS-SD instance name "2. Stock" is one label (RFC 6763 §4.3), which only the presentation form
 * ({@link #toString}) escapes as {@code 2\.\032Stock}.
 *
 * <p>Names compare as multicast DNS compares them (RFC 6762 §16): case-insensitively for the letters A-Z
 * only, byte for byte otherwise.
 */
public final class DnsName {
    public static final int MAX_LABEL_BYTES = 63;
    public static final int MAX_NAME_BYTES = 255;
    public static final DnsName LOCAL = new DnsName(List.of("local"));

    private final List<String> labels;
    private final String key;

    private DnsName(List<String> labels) {
        this.labels = List.copyOf(labels);
        int wire = 1;
        for (String label : this.labels) {
            int bytes = label.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_LABEL_BYTES) {
                throw new IllegalArgumentException("a DNS label is 1 to " + MAX_LABEL_BYTES
                        + " bytes of UTF-8, \"" + label + "\" is " + bytes);
            }
            wire += bytes + 1;
        }
        if (wire > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a DNS name is at most " + MAX_NAME_BYTES + " bytes, this one is " + wire);
        }
        this.key = asciiLowerCase(String.join("\u0000", this.labels));
    }

    /** The name made of exactly these labels, each taken literally (a dot inside stays inside). */
    public static DnsName of(List<String> labels) {
        return new DnsName(labels);
    }

    public static DnsName of(String... labels) {
        return new DnsName(List.of(labels));
    }

    /** Parses dotted text such as {@code _lanchat._tcp.local}; no escapes, so for names without dots in labels. */
    public static DnsName parse(String dotted) {
        String trimmed = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
        return trimmed.isEmpty() ? new DnsName(List.of()) : new DnsName(List.of(trimmed.split("\\.")));
    }

    /** This name with {@code label} in front of it. */
    public DnsName prepend(String label) {
        List<String> longer = new ArrayList<>(labels.size() + 1);
        longer.add(label);
        longer.addAll(labels);
        return new DnsName(longer);
    }

    public List<String> labels() {
        return labels;
    }

    /** The first label, as it was given. */
    public String first() {
        return labels.getFirst();
    }

    /** The name without its first label. */
    public DnsName parent() {
        return new DnsName(labels.subList(1, labels.size()));
    }

    /** Bytes on the wire, uncompressed: a length byte and the UTF-8 of each label, then the root's zero. */
    public int wireLength() {
        int length = 1;
        for (String label : labels) {
            length += label.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return length;
    }

    static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsName name && key.equals(name.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }

    /** Presentation form, as dig and avahi-browse print it: dots and backslashes inside a label escaped. */
    @Override
    public String toString() {
        if (labels.isEmpty()) {
            return ".";
        }
        StringBuilder text = new StringBuilder();
        for (String label : labels) {
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c == '.' || c == '\\') {
                    text.append('\\');
                }
                text.append(c);
            }
            text.append('.');
        }
        return text.toString();
    }
}
