package org.lanchat.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a client hears nothing when the appliance it uses dies. A listener (member 0 of {@code spec}) is on the
 * cluster member that will die; a talker (member 1) on another member sends to the group every 10 ms. Once the
 * listener hears the talker, the member is killed; the listener, like a client (PROTOCOL.md §7.16), reconnects to
 * another member, resumes its session with its token and waits for the next group message. Times count from just
 * before the kill signal: when the listener saw its connection end, when it had a session again, and when the first
 * message arrived there.
 */
public final class FailoverProbe {
    private static final int LISTENER = 0;
    private static final int TALKER = 1;
    private static final long SEND_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Messages the listener must hear before the kill, so the flow is steady across members. */
    private static final int HEARD_BEFORE_KILL = 20;
    private static final long GIVE_UP_SECONDS = 30;

    /** Kills the member a listener is on; returns once the signal is sent. */
    @FunctionalInterface
    public interface Kill {
        void kill() throws Exception;
    }

    /**
     * One failover, in milliseconds from the kill (NaN for what did not happen within 30 s).
     *
     * @param resumedOnPort the port of the member the listener resumed on, or 0
     */
    public record Outcome(double lostMillis, double resumedMillis, double firstMessageMillis, int resumedOnPort,
                          String note) {
    }

    private final RunSpec spec;
    private final int victim;
    private final int talkerMember;
    private final String round;
    private final CountDownLatch heardBeforeKill = new CountDownLatch(HEARD_BEFORE_KILL);
    private final CountDownLatch heardAfterResume = new CountDownLatch(1);
    private volatile long killedAt;
    private volatile long lostAt;
    private volatile long resumedAt;
    private volatile long firstMessageAt;
    private volatile int resumedOnPort;
    private volatile ProbeConnection resumed;
    private final StringBuilder notes = new StringBuilder();
    private volatile boolean over;

    /**
     * @param victim       index into {@code spec.ports()} of the member the listener starts on and that is killed
     * @param talkerMember index of the member the talker sends through
     * @param round        distinguishes this probe's client message ids from earlier rounds'
     */
    public FailoverProbe(RunSpec spec, int victim, int talkerMember, String round) {
        this.spec = spec;
        this.victim = victim;
        this.talkerMember = talkerMember;
        this.round = round;
    }

    public Outcome measure(Kill kill) throws Exception {
        try (ProbeConnection talker = ProbeConnection.resume(spec, spec.ports().get(talkerMember), TALKER);
             ProbeConnection first = ProbeConnection.resume(spec, spec.ports().get(victim), LISTENER)) {
            Thread listening = Thread.ofPlatform().daemon(true).name("failover-listener").start(() -> listen(first));
            Thread draining = Thread.ofPlatform().daemon(true).name("failover-talker-acks").start(() -> drain(talker));
            Thread talking = Thread.ofPlatform().daemon(true).name("failover-talker").start(() -> talk(talker));
            try {
                if (!heardBeforeKill.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
                    return new Outcome(Double.NaN, Double.NaN, Double.NaN, 0,
                            "the listener did not hear the talker before the kill; " + notes());
                }
                killedAt = System.nanoTime();
                kill.kill();
                heardAfterResume.await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
                return new Outcome(since(lostAt), since(resumedAt), since(firstMessageAt), resumedOnPort, notes());
            } finally {
                over = true;
                ProbeConnection last = resumed;
                if (last != null) {
                    last.close(); // unblocks the listener if no message came
                }
                listening.interrupt();
                talking.interrupt();
                draining.interrupt();
            }
        }
    }

    private double since(long at) {
        return at == 0 ? Double.NaN : (at - killedAt) / 1e6;
    }

    /** The listener: hears the group until its member dies, then resumes on another member and waits for a message. */
    private void listen(ProbeConnection first) {
        try (ProbeConnection again = hearUntilLost(first) ? resumeElsewhere() : null) {
            while (again != null && !over) {
                if (again.nextType().equals("message")) {
                    firstMessageAt = System.nanoTime();
                    heardAfterResume.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            note("listener after resuming: " + e.getMessage());
        }
    }

    private boolean hearUntilLost(ProbeConnection c) {
        try {
            while (!over) {
                if (c.nextType().equals("message")) {
                    heardBeforeKill.countDown();
                }
            }
            return false;
        } catch (IOException e) {
            if (killedAt == 0) {
                note("the listener's connection ended before the kill: " + e.getMessage());
                return false;
            }
            lostAt = System.nanoTime();
            return true;
        } finally {
            c.close();
        }
    }

    /** Tries the other members in turn, the talker's last (so delivery crosses members when there are three). */
    private ProbeConnection resumeElsewhere() {
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < spec.ports().size(); i++) {
            int member = (victim + i) % spec.ports().size();
            if (member != talkerMember) {
                order.add(member);
            }
        }
        if (talkerMember != victim) {
            order.add(talkerMember);
        }
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        for (int attempt = 0; !over && System.nanoTime() < deadline; attempt++) {
            int port = spec.ports().get(order.get(attempt % order.size()));
            try {
                ProbeConnection c = ProbeConnection.resume(spec, port, LISTENER);
                resumedAt = System.nanoTime();
                resumedOnPort = port;
                resumed = c;
                return c;
            } catch (IOException e) {
                note("resume attempt on port " + port + ": " + e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        return null;
    }

    /** What went wrong on the way; nothing once the probe is over and its connections are being closed. */
    private void note(String what) {
        synchronized (notes) {
            if (!over) {
                notes.append("; ").append(what);
            }
        }
    }

    private String notes() {
        synchronized (notes) {
            return notes.isEmpty() ? "" : notes.substring(2);
        }
    }

    private void talk(ProbeConnection talker) {
        long next = System.nanoTime();
        for (int n = 0; !over; n++) {
            try {
                talker.sendToGroup("failover-" + round + "-" + n, "failover probe " + n);
            } catch (IOException e) {
                note("talker: " + e.getMessage());
                return;
            }
            next += SEND_EVERY_NANOS;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    /** Reads the talker's acks, so they never back up into the appliance. */
    private void drain(ProbeConnection talker) {
        try {
            while (!over) {
                talker.nextType();
            }
        } catch (IOException e) {
            // the probe is over, or the talker's member broke: the talker's own send then says so
        }
    }
}
