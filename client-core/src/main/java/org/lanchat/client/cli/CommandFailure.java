package org.lanchat.client.cli;

/**
 * Ends a command with a sentence for the user and an exit code ({@link Exit}); nothing else is printed for it,
 * no stack trace.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean applianceSilent;

    private CommandFailure(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CommandFailure(int exitCode, String message, boolean applianceSilent) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.applianceSilent = applianceSilent;
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
     * Unreachable because no appliance answers (not found, connection refused or timed out), as opposed to one
     * that answered but is not trusted: then colleagues may still be reached directly.
     */
    static CommandFailure silent(String message) {
        return new CommandFailure(Exit.UNREACHABLE, message, true);
    }

    boolean applianceSilent() {
        return applianceSilent;
    }

    int exitCode() {
        return exitCode;
    }
}
