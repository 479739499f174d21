package org.lanchat.appliance.net;

/**
 * Who a connection is logged in as, and the token that logged it in.
 *
 * @param checkedAt the administrator's revocations when the account was checked ({@code Revocations.now()}): what this
 *                  login hands out (transfer tickets) ends with a revocation after it
 */
record Identity(long userId, String username, String token, long checkedAt) {
    @Override
    public String toString() {
        return "Identity[" + username + "#" + userId + "]";
    }
}
