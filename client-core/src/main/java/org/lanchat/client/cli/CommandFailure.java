package org.lanchat.client.cli;

/**
 * Ends a command with a sentence for the user and an exit code ({@link Exit}); nothing else is printed for it,
 * no stack trace.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean applianceSilent;
    private final boolean waitingHelps;

    private CommandFailure(int exitCode, String message) {
        this(exitCode, message, false, false);
    }

    private CommandFailure(int exitCode, String message, boolean applianceSilent, boolean waitingHelps) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.applianceSilent = applianceSilent;
        this.waitingHelps = waitingHelps;
    }

    static CommandFailure failed(String message) {
        return new CommandFailure(Exit.FAILED, message);
    }

    static CommandFailure usage(String message) {
        return new CommandFailure(Exit.USAGE, message);
    }

    static CommandFailure refused(String message) {
        return new CommandFailure(Exit.REFUSED, message);
    }

    static CommandFailure unreachable(String message) {
        return new CommandFailure(Exit.UNREACHABLE, message);
    }

    /**
     * The appliance answered but cannot serve now (its database is away, it is shutting down for a restart, it is
     * busy): unreachable for a script, and worth waiting for.
     */
    static CommandFailure unavailable(String message) {
        return new CommandFailure(Exit.UNREACHABLE, message, false, true);
    }

    /**
     * Unreachable because no appliance answers (not found, connection refused or timed out), as opposed to one
     * that answered but is not trusted: then colleagues may still be reached directly.
     */
    static CommandFailure silent(String message) {
        return new CommandFailure(Exit.UNREACHABLE, message, true, true);
    }

    /**
     * Silent too, but with nowhere to look (no address given or remembered, discovery off): waiting for the appliance
     * to come up would wait for ever.
     */
    static CommandFailure nowhereToLook(String message) {
        return new CommandFailure(Exit.UNREACHABLE, message, true, false);
    }

    boolean applianceSilent() {
        return applianceSilent;
    }

    /** Whether the same command may succeed later unchanged: an appliance starting, restarting or coming into reach. */
    boolean waitingHelps() {
        return waitingHelps;
    }

    int exitCode() {
        return exitCode;
    }
}
