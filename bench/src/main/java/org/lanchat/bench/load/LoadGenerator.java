package org.lanchat.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;
import org.lanchat.bench.load.RunResult.Percentiles;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.server.ProcStats;
import org.lanchat.bench.server.SyncCounters;
import org.lanchat.bench.server.SyncRates;

/**
 * The load generator: opens one connection per member on a few epoll threads, then offers each step's
 * rate open-loop from one pacing thread (message k of a step is due at {@code start + k / rate},
 * whether or not the server kept up) and counts what arrives where.
 *
 * <p>Deliveries are judged from the message text alone ({@link Payload}): latency from the intended
 * send time, duplicates per member with a bit set, misrouting from the private pairing. After a step's
 * last message it waits a bounded time for stragglers, then reads each I/O thread's counters on that
 * thread.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final long CONNECT_TIMEOUT_MILLIS = 600_000;
    private static final long DRAIN_MILLIS = 3_000;
    private static final long PING_SECONDS = 30;

    private final RunSpec spec;
    private final Run run;
    private final EventLoopGroup group;
    private final List<Member> members = new ArrayList<>();
    private final SslContext tls;
    private final Thread rssSampler;
    private volatile long rssMaxKb;

    public LoadGenerator(RunSpec spec) {
        this.spec = spec;
        this.run = new Run(spec);
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(spec.ioThreads(), io);
        this.tls = spec.tls() ? clientTls(spec.server() == RunSpec.Server.LANCHAT ? spec.pinSha256() : null) : null;
        this.rssSampler = Thread.ofPlatform().daemon(true).name("bench-rss").unstarted(this::sampleRss);
    }

    /** Connects every member, runs the steps, and reports. {@code onHeld} runs once all are connected. */
    public RunResult run(Runnable onHeld) throws InterruptedException {
        long connectStartMs = System.currentTimeMillis();
        long connectStart = System.nanoTime();
        connectAll();
        long connectMillis = (System.nanoTime() - connectStart) / 1_000_000;
        long connectEndMs = run.readyCount() > 0 ? run.lastReadyMillis() : System.currentTimeMillis();
        if (spec.server() == RunSpec.Server.LANCHAT) {
            schedulePings();
        }
        onHeld.run();
        List<StepResult> steps = new ArrayList<>();
        if (spec.pattern() != RunSpec.Pattern.IDLE && run.readyCount() == spec.members()) {
            // Let the login storm's presence events go out before measuring.
            Thread.sleep(1000);
            rssSampler.start();
            if (spec.warmupRate() > 0) {
                // Unreported: its messages count in the spare slot after the last step.
                step(spec.steps().size(), new RunSpec.StepSpec(spec.warmupRate(), spec.warmupMillis(), 0));
            }
            for (int s = 0; s < spec.steps().size(); s++) {
                StepResult r = step(s, spec.steps().get(s));
                steps.add(r);
                if (spec.stopOnFailure() && !r.passed()) {
                    break;
                }
            }
        } else if (spec.pattern() != RunSpec.Pattern.IDLE) {
            run.note(run.readyCount() + " of " + spec.members() + " members logged in; no steps run");
        }
        return new RunResult(run.readyCount(), run.failedCount(), connectMillis, connectStartMs, connectEndMs, steps,
                run.stalledClosed(), run.notes());
    }

    // ------------------------------------------------------------------ connecting

    private void connectAll() throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);
        for (int i = 0; i < spec.members(); i++) {
            Member m = new Member(spec.firstMember() + i, run);
            members.add(m);
            if (!run.connectSlots().tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                run.memberFailed(m, "no free connect slot before the deadline");
                continue;
            }
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    m.channel = ch;
                    if (m.index == spec.stalledMember()) {
                        // A small receive window, so the server's own queue fills soon after the member stops reading.
                        ch.config().setReceiveBufferSize(16 * 1024);
                    }
                    if (tls != null && spec.server() != RunSpec.Server.NATS) {
                        io.netty.handler.ssl.SslHandler handler = tls.newHandler(ch.alloc(), spec.host(), spec.port(m.index));
                        handler.setHandshakeTimeoutMillis(120_000); // the connect phase may queue behind thousands
                        ch.pipeline().addLast("tls", handler);
                    }
                    m.wire = wire(m);
                    ch.pipeline().addLast("wire", m.wire);
                }
            }).connect(spec.host(), spec.port(m.index)).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    run.memberFailed(m, String.valueOf(f.cause()));
                }
            });
        }
        while (run.readyCount() + run.failedCount() < spec.members() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Wire wire(Member m) {
        return switch (spec.server()) {
            case LANCHAT -> new LanChatWire(m, spec);
            case NATS, JETSTREAM -> new NatsWire(m, spec, tls);
            case MQTT -> new MqttWire(m, spec);
        };
    }

    private void schedulePings() {
        for (Member m : members) {
            Channel ch = m.channel;
            if (ch == null || !m.ready) {
                continue;
            }
            Wire w = m.wire;
            long first = ThreadLocalRandom.current().nextLong(5_000, PING_SECONDS * 1000);
            ch.eventLoop().scheduleAtFixedRate(() -> {
                if (ch.isActive() && ch.config().isAutoRead()) {
                    ch.writeAndFlush(w.ping(ch.alloc()), ch.voidPromise());
                }
            }, first, PING_SECONDS * 1000, TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ one step

    private StepResult step(int s, RunSpec.StepSpec st) throws InterruptedException {
        run.currentStep(s);
        Member stalled = stallIfDue(s);
        int rate = st.messagesPerSecond();
        long total = (long) rate * (st.warmupMillis() + st.measureMillis()) / 1000;
        long warm = (long) rate * st.warmupMillis() / 1000;
        List<Member> senders = members.stream().filter(m -> m.index != spec.stalledMember()).toList();
        int fanout = switch (spec.pattern()) {
            case GROUP -> spec.groupSize() - 1 - (stalled != null ? 1 : 0);
            case PRIVATE -> 1;
            case IDLE -> 0;
        };
        rssMaxKb = 0;
        long firstMessage = nextMessage;
        long start = System.nanoTime() + 1_000_000;
        long cpu0 = 0;
        long gen0 = 0;
        long gc0 = 0;
        CompletableFuture<SyncRates> syncs = CompletableFuture.completedFuture(SyncRates.NONE);
        long measureStart = 0;
        for (long k = 0; k < total; k++) {
            long due = OpenLoop.awaitDue(start, rate, k);
            if (k == warm) {
                measureStart = due;
                syncs = countSyncs(st);
                cpu0 = ProcStats.cpuMicros(spec.serverPids());
                gen0 = ProcStats.cpuMicros(ProcStats.self());
                gc0 = gcMillis();
            }
            send(senders, k, s, k >= warm, due);
        }
        // The measured period ends when its last message was due; sample CPU at about that moment.
        long measureEnd = start + (long) (total * 1e9 / rate);
        long wait = measureEnd - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        long cpu1 = ProcStats.cpuMicros(spec.serverPids());
        long gen1 = ProcStats.cpuMicros(ProcStats.self());
        long gc1 = gcMillis();
        long expected = (nextMessage - firstMessage) * fanout;
        long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (run.deliveredSoFar(s) < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // duplicates, if any, would come right behind
        return collect(s, st, fanout, nextMessage - firstMessage, expected,
                (measureEnd - measureStart) / 1e9, cpu1 - cpu0, gen1 - gen0, gc1 - gc0, syncs);
    }

    /**
     * How long this generator's collectors have run so far, in milliseconds: with the generator's stop-the-world
     * collector, its pauses. Latency counts from when a message was due, so a pause here shows in the step's
     * latencies as if the server had been slow; the step reports it beside them.
     */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /** Starts counting syncs over the measured period, on a thread of its own so the pacing goes on. */
    private CompletableFuture<SyncRates> countSyncs(RunSpec.StepSpec st) {
        if (!spec.countSyncs() && spec.mysqlStatusUrl() == null) {
            return CompletableFuture.completedFuture(SyncRates.NONE);
        }
        CompletableFuture<SyncRates> rates = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("bench-syncs").start(() -> rates.complete(SyncCounters.measure(
                spec.countSyncs() ? spec.serverPids() : List.of(), spec.mysqlStatusUrl(), "root",
                Duration.ofMillis(st.measureMillis()))));
        return rates;
    }

    private long nextMessage;

    private void send(List<Member> senders, long k, int step, boolean measured, long due) {
        Member from = senders.get((int) (k % senders.size()));
        int to = spec.pattern() == RunSpec.Pattern.PRIVATE ? RunSpec.partner(from.index) : -1;
        long message = nextMessage++;
        byte[] text = Payload.text(message, from.index, step, measured, due, spec.payloadBytes());
        String requestId = "a" + message + "." + from.index + "." + step + "." + (measured ? 1 : 0) + "." + due;
        Channel ch = from.channel;
        Wire w = from.wire;
        ByteBuf frame = w.encodeSend(ch.alloc(), to, text, requestId);
        ch.writeAndFlush(frame, ch.voidPromise());
    }

    private Member stallIfDue(int step) {
        if (spec.stalledMember() < 0 || step < spec.stallFromStep()) {
            return null;
        }
        for (Member m : members) {
            if (m.index == spec.stalledMember()) {
                m.stalledFromStep = Math.min(m.stalledFromStep, step);
                m.channel.eventLoop().execute(() -> m.channel.config().setAutoRead(false));
                return m;
            }
        }
        return null;
    }

    private StepResult collect(int s, RunSpec.StepSpec st, int fanout, long offered, long expected, double seconds,
                               long serverCpu, long generatorCpu, long generatorGcMillis,
                               CompletableFuture<SyncRates> syncs)
            throws InterruptedException {
        long delivered = 0;
        long duplicates = 0;
        long misrouted = 0;
        long errors = 0;
        long acks = 0;
        Histogram latency = new Histogram(StepStats.MAX_MICROS, 3);
        Histogram ackLatency = new Histogram(StepStats.MAX_MICROS, 3);
        List<Future<StepStats>> copies = new ArrayList<>();
        for (EventExecutor loop : group) {
            copies.add(loop.submit(() -> run.allStats().isEmpty() ? null : copyOfCurrentThread(s)));
        }
        for (Future<StepStats> f : copies) {
            StepStats c;
            try {
                c = f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not read an I/O thread's counters", e);
            }
            if (c == null) {
                continue;
            }
            delivered += c.delivered[0];
            duplicates += c.duplicates[0];
            misrouted += c.misrouted[0];
            errors += c.errors[0];
            acks += c.acks[0];
            latency.add(c.latency[0]);
            ackLatency.add(c.ackLatency[0]);
        }
        Percentiles lat = Percentiles.of(latency);
        boolean passed = delivered == expected && duplicates == 0 && misrouted == 0 && errors == 0
                && lat.p99() <= spec.p99LimitMillis() * 1000L;
        return new StepResult(st.messagesPerSecond(), fanout, offered, expected, delivered, duplicates, misrouted,
                errors, acks, lat, Percentiles.of(ackLatency), latency.getTotalCount(), seconds,
                serverCpu, generatorCpu, generatorGcMillis, rssMaxKb, syncRates(syncs), passed);
    }

    private static SyncRates syncRates(CompletableFuture<SyncRates> syncs) throws InterruptedException {
        try {
            return syncs.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return SyncRates.NONE;
        }
    }

    /** Runs on an I/O thread: that thread's counters for step {@code s}, copied into slot 0. */
    private StepStats copyOfCurrentThread(int s) {
        StepStats mine = run.statsOfCurrentThread();
        StepStats copy = new StepStats(0);
        int slot = mine.slot(s);
        copy.delivered[0] = mine.delivered[slot];
        copy.duplicates[0] = mine.duplicates[slot];
        copy.misrouted[0] = mine.misrouted[slot];
        copy.errors[0] = mine.errors[slot];
        copy.acks[0] = mine.acks[slot];
        copy.latency[0] = mine.latency[slot].copy();
        copy.ackLatency[0] = mine.ackLatency[slot].copy();
        return copy;
    }

    private void sampleRss() {
        while (true) {
            long rss = ProcStats.rssKb(spec.serverPids());
            if (rss > rssMaxKb) {
                rssMaxKb = rss;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static SslContext clientTls(String pin) {
        try {
            // BoringSSL like the appliance: the generator shares the cores and must spend as little as it can.
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols("TLSv1.3")
                    // Our certificate names no host (clients pin it) and the references' are throw-away: no hostname check.
                    .endpointIdentificationAlgorithm(null)
                    .trustManager(new PinningTrustManager(pin))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the generator", e);
        }
    }

    @Override
    public void close() {
        rssSampler.interrupt();
        for (Member m : members) {
            Channel ch = m.channel;
            if (ch != null) {
                ch.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
