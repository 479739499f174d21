package org.lanchat.bench.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** State one generator run shares between its I/O threads and its pacing thread. */
final class Run {
    private static final int MAX_NOTES = 20;

    private final RunSpec spec;
    private final ConcurrentHashMap<Thread, StepStats> byThread = new ConcurrentHashMap<>();
    private final LongAdder[] deliveredPerStep;
    private final Semaphore connectSlots;
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastReadyMillis = new AtomicLong();
    private final List<String> notes = new ArrayList<>();
    private volatile int currentStep = -1;
    private volatile boolean stalledClosed;

    Run(RunSpec spec) {
        this.spec = spec;
        this.connectSlots = new Semaphore(spec.connectInFlight());
        this.deliveredPerStep = new LongAdder[spec.steps().size() + 1];
        for (int i = 0; i < deliveredPerStep.length; i++) {
            deliveredPerStep[i] = new LongAdder();
        }
    }

    RunSpec spec() {
        return spec;
    }

    StepStats statsOfCurrentThread() {
        return byThread.computeIfAbsent(Thread.currentThread(), t -> new StepStats(spec.steps().size()));
    }

    Collection<StepStats> allStats() {
        return byThread.values();
    }

    void countDelivery(int step) {
        deliveredPerStep[step >= 0 && step < deliveredPerStep.length - 1 ? step : deliveredPerStep.length - 1].increment();
    }

    long deliveredSoFar(int step) {
        return deliveredPerStep[step].sum();
    }

    int currentStep() {
        return currentStep;
    }

    void currentStep(int step) {
        currentStep = step;
    }

    Semaphore connectSlots() {
        return connectSlots;
    }

    void memberReady(Member m) {
        ready.incrementAndGet();
        lastReadyMillis.set(System.currentTimeMillis());
        connectSlots.release();
    }

    void memberFailed(Member m, String why) {
        failed.incrementAndGet();
        connectSlots.release();
        note("member " + m.index + " could not connect: " + why);
    }

    void memberClosed(Member m) {
        if (!m.ready) {
            memberFailed(m, "connection closed before login completed");
        } else if (m.index == spec.stalledMember()) {
            stalledClosed = true;
        } else if (currentStep >= 0) {
            note("member " + m.index + " was disconnected during step " + currentStep);
        }
    }

    int readyCount() {
        return ready.get();
    }

    int failedCount() {
        return failed.get();
    }

    long lastReadyMillis() {
        return lastReadyMillis.get();
    }

    boolean stalledClosed() {
        return stalledClosed;
    }

    void note(String note) {
        synchronized (notes) {
            if (notes.size() < MAX_NOTES) {
                notes.add(note);
            } else if (notes.size() == MAX_NOTES) {
                notes.add("(further notes suppressed)");
            }
        }
    }

    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }
}
