package org.lanchat.discovery;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.Optional;
import javax.jmdns.impl.DNSRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what JmDNS keeps package-private in its cached records: the address of an address record. Used
 * only to tell which cached addresses came from which host; if JmDNS changes, that filtering is skipped
 * (and logged once) rather than failing discovery.
 */
final class JmdnsRecords {
    private static final Logger log = LoggerFactory.getLogger(JmdnsRecords.class);
    private static final Method GET_ADDRESS = getAddressMethod();

    private JmdnsRecords() {
    }

    /** Whether {@link #address} can read this JmDNS's records at all. */
    static boolean readable() {
        return GET_ADDRESS != null;
    }

    static Optional<InetAddress> address(DNSRecord.Address record) {
        if (GET_ADDRESS == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((InetAddress) GET_ADDRESS.invoke(record));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Method getAddressMethod() {
        try {
            Method method = DNSRecord.Address.class.getDeclaredMethod("getAddress");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("This JmDNS keeps address records differently; addresses are not filtered by sender: {}",
                    e.toString());
            return null;
        }
    }
}
