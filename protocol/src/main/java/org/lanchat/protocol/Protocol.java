package org.lanchat.protocol;

/** Constants every LAN Chat peer agrees on. */
public final class Protocol {
    /** The version a client announces in {@code hello}; the appliance refuses any other. */
    public static final int VERSION = 1;
    /** The appliance's TCP port unless configured otherwise. */
    public static final int DEFAULT_PORT = 7447;
    /** The DNS-SD service type the appliance advertises. */
    public static final String SERVICE_TYPE = "_lanchat._tcp";

    private Protocol() {
    }
}
