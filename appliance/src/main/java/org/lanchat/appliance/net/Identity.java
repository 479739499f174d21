package org.lanchat.appliance.net;

/** Who a connection is logged in as, and the token that logged it in. */
record Identity(long userId, String username, String token) {
    @Override
    public String toString() {
        return "Identity[" + username + "#" + userId + "]";
    }
}
