package org.lanchat.appliance.service;

import java.net.BindException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A start that waiting cannot mend, said in one sentence instead of a stack trace or an endless retry: the port is
 * taken, another appliance already has the data directory's embedded database open, or the database server refuses
 * the login (a database that does not answer is waited for).
 */
public final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** H2's "database may be already in use" (org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private StartFailure(String sentence) {
        super(sentence, null, false, false);
    }

    /** The sentence for {@code failure}, if it is a start that cannot succeed by waiting. */
    public static Optional<StartFailure> of(Throwable failure, int port, String dataDir) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException || message.contains("Address already in use")) {
                return Optional.of(new StartFailure("cannot listen on port " + port + ": another program already"
                        + " listens there (another appliance?); stop it, or choose another port with --port"));
            }
            if (cause instanceof SQLException sql && "28000".equals(sql.getSQLState())) {
                // MySQL/MariaDB's "Access denied for user 'x'@'host' (using password: NO)": the settings are wrong.
                return Optional.of(new StartFailure("the database refused the appliance's login (" + message
                        + "); check --database-user and --database-password-file (or the database user's grants),"
                        + " since waiting will not mend it"));
            }
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return Optional.of(new StartFailure("the data directory " + dataDir + " is in use by another appliance"
                        + " (its database is open there); stop that one first, or give this one its own --data-dir"));
            }
        }
        return Optional.empty();
    }
}
