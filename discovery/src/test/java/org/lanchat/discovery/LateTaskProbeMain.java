package org.lanchat.discovery;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.DNSTaskStarter;
import javax.jmdns.impl.JmDNSImpl;
import org.awaitility.core.ConditionTimeoutException;
import org.lanchat.discovery.netns.ChildEvent;

/**
 * Child process: opens one JmDNS instance the way discovery does, browses, closes it, and then asks it for
 * tasks the way a packet or listener event still in flight would, from eight threads at once. Run with
 * {@code <interface> <address>} inside a namespace.
 *
 * Events: {@code threads leaked=} (comma-separated names of the instance's threads still alive after 10 s;
 * empty when clean), {@code browsed timers=} (how many of its timer threads ran while it was open, to show
 * the probe exercised them at all).
 */
public final class LateTaskProbeMain {
    private static final String LABEL = "late-probe";

    private LateTaskProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Jmdns.ensureConfigured();
        JmDNS jmdns = Jmdns.open(new LocalAddress(args[0], InetAddress.getByName(args[1])), LABEL);
        jmdns.addServiceListener(Jmdns.SERVICE_TYPE, new Quiet());
        ChildEvent.emit("browsed", "timers", instanceThreads().size());
        Jmdns.close(jmdns);

        JmDNSImpl impl = (JmDNSImpl) jmdns;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> late = IntStream.range(0, 8).mapToObj(n -> Thread.ofPlatform().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            DNSTaskStarter starter = DNSTaskStarter.Factory.getInstance().getStarter(impl);
            starter.startServiceResolver(Jmdns.PEER_SERVICE_TYPE);
            starter.startTypeResolver();
            impl.requestServiceInfo(Jmdns.SERVICE_TYPE, "Late " + n, true, 1);
        })).toList();
        start.countDown();
        for (Thread thread : late) {
            thread.join();
        }
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> instanceThreads().isEmpty());
        } catch (ConditionTimeoutException e) {
            // Reported below.
        }
        ChildEvent.emit("threads", "leaked", String.join(",", instanceThreads()));
        System.exit(0);
    }

    private static List<String> instanceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("JmDNS(" + LABEL) && name.contains("Timer")).sorted().toList();
    }

    private static final class Quiet implements ServiceListener {
        @Override
        public void serviceAdded(ServiceEvent event) {
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
        }
    }
}
