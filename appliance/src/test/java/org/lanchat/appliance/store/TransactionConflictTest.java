package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;

/**
 * Two transactions wanting the same rows is not the database failing: the errors each driver gives for it, made by
 * the drivers themselves, read as a conflict (the request fails, the appliance's health does not change), and the
 * errors of a database that is gone or broken do not.
 */
class TransactionConflictTest {
    @Test
    void h2sWriteConflictLockTimeoutAndDeadlockAreConflicts() {
        assertThat(Database.conflict(DbException.get(ErrorCode.CONCURRENT_UPDATE_1, "username_skeletons").getSQLException()))
                .isTrue();
        assertThat(Database.conflict(DbException.get(ErrorCode.LOCK_TIMEOUT_1, "users").getSQLException())).isTrue();
        assertThat(Database.conflict(DbException.get(ErrorCode.DEADLOCK_1, "users").getSQLException())).isTrue();
    }

    @Test
    void mysqlsDeadlockAndLockWaitTimeoutAreConflicts() {
        assertThat(Database.conflict(new MySQLTransactionRollbackException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213))).isTrue();
        assertThat(Database.conflict(new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)))
                .isTrue();
    }

    @Test
    void aLostConnectionOrABrokenFileIsNoConflict() {
        assertThat(Database.conflict(new SQLNonTransientConnectionException("Communications link failure", "08S01", 0)))
                .isFalse();
        assertThat(Database.conflict(DbException.get(ErrorCode.FILE_CORRUPTED_1, "lanchat.mv.db").getSQLException()))
                .isFalse();
        assertThat(Database.conflict(DbException.get(ErrorCode.DATABASE_IS_CLOSED).getSQLException())).isFalse();
    }
}
