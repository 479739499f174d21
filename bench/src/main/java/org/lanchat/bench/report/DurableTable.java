package org.lanchat.bench.report;

import java.util.List;

/**
 * "Durable" compared with durable: per offered rate, LAN Chat's private messages beside the durable references
 * (NATS JetStream on a file store, and the store floor: the same inserts on the same database with no server in
 * front), each with how often it synced to disk and committed while doing it.
 */
public final class DurableTable {
    /**
     * One system at one offered rate; every cell already formatted.
     *
     * @param rate    offered messages per second, or "max" for the most the system committed
     * @param fsyncs  fsync calls per second of the system's own processes, or a MySQL/MariaDB server's InnoDB syncs
     * @param commits commits per second where known: the server's COMMIT statements, or the floor's own batches
     */
    public record Row(String workload, String rate, String system, String committed, String ackP99, String deliveryP99,
                      String delivered, String fsyncs, String commits, String oursOverTheirsCommitted,
                      String oursOverTheirsAckP99) {
        List<String> cells() {
            return List.of(workload, rate, system, committed, ackP99, deliveryP99, delivered, fsyncs, commits,
                    oursOverTheirsCommitted, oursOverTheirsAckP99);
        }
    }

    private static final List<String> HEADER = List.of("workload", "offered msgs/s", "system", "committed msgs/s",
            "ack p99 ms", "delivery p99 ms", "delivered", "fsyncs/s", "commits/s", "ours/theirs msgs/s",
            "ours/theirs ack p99");

    private DurableTable() {
    }

    public static String render(List<Row> rows) {
        return ResultTable.render(HEADER, rows.stream().map(Row::cells).toList(), 3, 10);
    }

    public static String markdown(List<Row> rows) {
        return ResultTable.markdown(HEADER, rows.stream().map(Row::cells).toList());
    }
}
