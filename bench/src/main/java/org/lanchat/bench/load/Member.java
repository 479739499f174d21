package org.lanchat.bench.load;

import io.netty.channel.Channel;
import org.roaringbitmap.RoaringBitmap;

/**
 * One simulated user: one connection, and what it has received. Every method but {@link #channel()}
 * runs on the connection's I/O thread.
 */
final class Member {
    final int index;
    private final Run run;
    /**
     * The message numbers this member received. Numbers are global across senders, so a BitSet here spanned the
     * whole run in every member: 2,000 private members held ~50 KB each by the last step, regrown as it went, and
     * the generator's own GC pauses (11-285 ms) landed in the latencies it measures. A member of a private pair
     * gets one number in two thousand, which a compressed bitmap holds in a few bytes each.
     */
    private final RoaringBitmap seen = new RoaringBitmap();
    private final Payload.Fields fields = new Payload.Fields();
    private StepStats stats;
    volatile Channel channel;
    volatile Wire wire;
    volatile boolean ready;
    volatile boolean closed;
    /** From this step on the member does not read; what it still gets is not counted. */
    volatile int stalledFromStep = Integer.MAX_VALUE;

    Member(int index, Run run) {
        this.index = index;
        this.run = run;
    }

    Channel channel() {
        return channel;
    }

    private StepStats stats() {
        if (stats == null) {
            stats = run.statsOfCurrentThread();
        }
        return stats;
    }

    void ready() {
        if (!ready) {
            ready = true;
            run.memberReady(this);
        }
    }

    /** A copy of a benchmark message reached this member; {@code buf[from, to)} holds its text somewhere. */
    void delivered(io.netty.buffer.ByteBuf buf, int from, int to) {
        Payload.Fields f = fields;
        if (!Payload.parse(buf, from, to, f)) {
            run.note("member " + index + " received a message without the benchmark marker");
            return;
        }
        if (f.sender == index) {
            return; // MQTT 3.1.1 has no "no local": a publisher gets its own message back; not a delivery
        }
        if (f.step >= stalledFromStep) {
            return;
        }
        StepStats s = stats();
        int slot = s.slot(f.step);
        if (run.spec().pattern() == RunSpec.Pattern.PRIVATE && RunSpec.partner(f.sender) != index) {
            s.misrouted[slot]++;
            return;
        }
        if (f.message > Integer.MAX_VALUE || !seen.checkedAdd((int) f.message)) {
            s.duplicates[slot]++;
            return;
        }
        s.delivered[slot]++;
        run.countDelivery(f.step);
        if (f.measured) {
            StepStats.record(s.latency[slot], System.nanoTime() - f.intendedNanos);
        }
    }

    /** The server acknowledged a send whose request id holds the payload numbers from {@code at}. */
    void acked(io.netty.buffer.ByteBuf buf, int at, int to) {
        if (Payload.parseNumbers(buf, at, to, fields)) {
            acked(fields);
        }
    }

    /** The server acknowledged the send whose payload numbers {@code f} holds. */
    void acked(Payload.Fields f) {
        StepStats s = stats();
        int slot = s.slot(f.step);
        s.acks[slot]++;
        if (f.measured) {
            StepStats.record(s.ackLatency[slot], System.nanoTime() - f.intendedNanos);
        }
    }

    void error(String what) {
        StepStats s = stats();
        s.errors[s.slot(run.currentStep())]++;
        run.note("member " + index + ": " + what);
    }

    void closed() {
        closed = true;
        run.memberClosed(this);
    }
}
