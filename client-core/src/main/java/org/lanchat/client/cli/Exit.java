package org.lanchat.client.cli;

/** The exit codes of {@code lanchat}, the same for every command, as the README and the man page list them. */
final class Exit {
    static final int OK = 0;
    /** Something went wrong that has no code of its own (a bug, a full disk): the message says what. */
    static final int FAILED = 1;
    /** The command line is wrong: an unknown option, a missing argument, no password to read. */
    static final int USAGE = 2;
    /** The appliance refused: wrong password, not allowed, unknown user, not logged in. */
    static final int REFUSED = 3;
    /** No appliance found or reachable, or it is not the trusted one. */
    static final int UNREACHABLE = 4;

    private Exit() {
    }
}
