package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Several statements on one borrowed connection as one transaction, for the stores that write more than a row. */
final class Transactions {
    private Transactions() {
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns a value other than null or false, rolled back
     * when it returns one of those or fails.
     */
    static <T> T run(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            if (result == null || Boolean.FALSE.equals(result)) {
                c.rollback();
            } else {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            // A runtime failure too: turning auto-commit back on below would otherwise commit the half done.
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
