package org.lanchat.client.cli;

/**
 * Ends a command with a sentence for the user and an exit code ({@link Exit}); nothing else is printed for it,
 * no stack trace.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
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

    int exitCode() {
        return exitCode;
    }
}
