package org.lanchat.appliance.store;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The database refused a write because of the data in it (a constraint or a value it cannot hold), not
 * because it is unreachable: sending the same rows again cannot succeed. In a batch, one row alone may be
 * the cause, and the others may still be written without it.
 */
public final class RowRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String SENDER_CLIENT_ID_KEY = "uq_messages_sender_client_id";

    RowRefusedException(String message, SQLException cause) {
        super(message, cause);
    }

    /** Whether the row collided with a stored (sender, client message id) key. */
    public boolean duplicateClientId() {
        for (Throwable e = getCause(); e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(SENDER_CLIENT_ID_KEY)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} says the data was refused: SQLSTATE class 23 (integrity constraint) or 22 (data
     * exception). A batch failure carries the state on the exception or on the one chained to it.
     */
    static boolean refusesData(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (isDataState(s.getSQLState())) {
                return true;
            }
            if (s.getCause() instanceof SQLException cause && isDataState(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDataState(String state) {
        return state != null && (state.startsWith("23") || state.startsWith("22"));
    }
}
