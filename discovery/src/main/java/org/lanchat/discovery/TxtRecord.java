package org.lanchat.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The DNS-SD TXT record of a LAN Chat appliance (RFC 6763 §6), encoded and decoded here and nowhere else.
 *
 * <p>Encoded by hand rather than through JmDNS's property map so that {@code txtvers} is reliably the
 * first string, as RFC 6763 §6.7 asks, and so that decoding keeps the order it was sent in.
 */
final class TxtRecord {
    static final String TXTVERS = "txtvers";
    static final String PROTOCOL = "proto";
    static final String APPLIANCE_ID = "id";
    static final String FINGERPRINT = "fp";
    /** Bump only for incompatible changes to the keys below; clients ignore versions they don't know. */
    static final String CURRENT_TXTVERS = "1";

    private static final int MAX_STRING_BYTES = 255;

    private TxtRecord() {
    }

    static Map<String, String> entries(ServiceDescription description) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(TXTVERS, CURRENT_TXTVERS);
        entries.put(PROTOCOL, Integer.toString(description.protocolVersion()));
        entries.put(APPLIANCE_ID, description.applianceId().value());
        entries.put(FINGERPRINT, description.fingerprint().hex());
        return entries;
    }

    /**
     * A peer's TXT record: the appliance it belongs to and nothing about its user, so the LAN learns from it
     * only that some client of that appliance is in peer mode.
     */
    static Map<String, String> peerEntries(int protocolVersion, CertificateFingerprint appliance) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(TXTVERS, CURRENT_TXTVERS);
        entries.put(PROTOCOL, Integer.toString(protocolVersion));
        entries.put(FINGERPRINT, appliance.hex());
        return entries;
    }

    static byte[] encode(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (key.isEmpty() || key.contains("=") || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException("TXT key must be printable ASCII without '=': '" + key + "'");
            }
            byte[] string = (key + "=" + entry.getValue()).getBytes(StandardCharsets.UTF_8);
            if (string.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("TXT entry '" + key + "' is " + string.length
                        + " bytes; a TXT string holds at most " + MAX_STRING_BYTES);
            }
            out.write(string.length);
            out.write(string, 0, string.length);
        }
        return out.toByteArray();
    }

    /**
     * Decodes length-prefixed strings into an ordered map with lower-cased keys. Per RFC 6763 §6.4 the first
     * occurrence of a key wins, strings without {@code '='} are keys with an empty value, and strings that
     * start with {@code '='} are ignored.
     *
     * @throws IllegalArgumentException if a length byte points past the end of the record
     */
    static Map<String, String> decode(byte[] record) {
        Map<String, String> entries = new LinkedHashMap<>();
        int position = 0;
        while (position < record.length) {
            int length = record[position] & 0xff;
            position++;
            if (position + length > record.length) {
                throw new IllegalArgumentException("TXT string at byte " + (position - 1) + " claims " + length
                        + " bytes but only " + (record.length - position) + " remain");
            }
            String string = new String(record, position, length, StandardCharsets.UTF_8);
            position += length;
            int equals = string.indexOf('=');
            if (string.isEmpty() || equals == 0) {
                continue;
            }
            String key = (equals < 0 ? string : string.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : string.substring(equals + 1);
            entries.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(entries);
    }
}
