package org.lanchat.appliance.core;

/** What a client's address counts as when the appliance shares something out per address. */
public final class ClientAddresses {
    private ClientAddresses() {
    }

    /**
     * The address itself, or for IPv6 (written in full, as {@code InetAddress.getHostAddress} does) its /64 network:
     * one host may use any of its 2^64 addresses (privacy addresses change by themselves), so one of them is no share.
     */
    public static String counted(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        int end = -1;
        for (int group = 0; group < 4; group++) {
            end = address.indexOf(':', end + 1);
            if (end < 0) {
                return address; // "::" shorthand: not from InetAddress.getHostAddress, counted as it is
            }
        }
        return address.substring(0, end) + "::/64";
    }
}
