package org.lanchat.bench.server;

/**
 * How often a store made its writes durable, per second of a measured window; NaN where it could not be counted.
 *
 * @param fsyncs            fsync and fdatasync calls of the server's own processes, counted by the kernel
 * @param innodbLogFsyncs   MySQL {@code Innodb_os_log_fsyncs}: syncs of the redo log, which a commit waits for (MariaDB
 *                          10.11 no longer reports it: NaN there)
 * @param innodbDataFsyncs  MySQL/MariaDB {@code Innodb_data_fsyncs}: every InnoDB file sync, the redo log's included
 * @param commits           MySQL/MariaDB {@code Com_commit}: COMMIT statements the server ran
 */
public record SyncRates(double fsyncs, double innodbLogFsyncs, double innodbDataFsyncs, double commits) {
    public static final SyncRates NONE = new SyncRates(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
