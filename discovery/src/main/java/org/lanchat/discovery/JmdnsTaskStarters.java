package org.lanchat.discovery;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.DNSTaskStarter;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSRecordType;
import javax.jmdns.impl.ServiceInfoImpl;

/**
 * Where JmDNS gets the two timer threads of each instance, made safe to ask after the instance closed, and kept from
 * answering what is not its to answer (below: {@code startResponder}, {@code startRenewer}).
 *
 * <p>JmDNS creates an instance's "task starter" (which starts the threads {@code JmDNS(name).Timer} and
 * {@code JmDNS(name).State.Timer}) on demand, from any thread that needs a task, and {@code close()} stops
 * only the one that exists then. Two ways leave threads that nothing ever stops:
 * <ul>
 *   <li>a request that arrives after {@code close()} (a packet or listener event already in flight, a
 *       resolution asked from a listener) creates a fresh starter;</li>
 *   <li>two threads asking at the same moment both create one, and the one that loses the race is dropped
 *       with its threads running.</li>
 * </ul>
 * Seen as a pair of {@code ...-browser} timers left after a browser closed, once in a few dozen runs. JmDNS's
 * own hook for replacing the starter fixes both without patching the library: starters made here create their
 * threads on first use (so a dropped one never has any) and never once the instance is {@link #finished}.
 */
final class JmdnsTaskStarters implements DNSTaskStarter.Factory.ClassDelegate {
    private static final Set<JmDNSImpl> FINISHED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private JmdnsTaskStarters() {
    }

    /** Makes every JmDNS instance in this process take its starter from here; idempotent. */
    static void install() {
        if (!(DNSTaskStarter.Factory.classDelegate() instanceof JmdnsTaskStarters)) {
            DNSTaskStarter.Factory.setClassDelegate(new JmdnsTaskStarters());
        }
    }

    /**
     * Marks the instance closed for good, then stops whatever threads it still has: from now on, any task it
     * asks for is dropped.
     */
    static void finished(JmDNSImpl jmdns) {
        FINISHED.add(jmdns);
        DNSTaskStarter.Factory starters = DNSTaskStarter.Factory.getInstance();
        DNSTaskStarter starter = starters.getStarter(jmdns);
        starter.cancelTimer();
        starter.cancelStateTimer();
        starters.disposeStarter(jmdns);
    }

    @Override
    public DNSTaskStarter newDNSTaskStarter(JmDNSImpl jmdns) {
        return new LazyStarter(jmdns);
    }

    /**
     * Whether one of {@code questions} asks for the address record of {@code hostName} (DNS names compare ignoring
     * case): type A or ANY. A browser holds IPv4 addresses only, and JmDNS answered an AAAA question with its A record
     * in the answer section, which RFC 6762 §6 forbids (an answer's type matches the question's); unanswered, the asker
     * sees what the name has with an A question.
     */
    static boolean asksAbout(Collection<? extends DNSQuestion> questions, String hostName) {
        return questions.stream().anyMatch(question -> question.getName().equalsIgnoreCase(hostName)
                && (question.getRecordType() == DNSRecordType.TYPE_A || question.getRecordType() == DNSRecordType.TYPE_ANY));
    }

    /** JmDNS's own starter, created on the first task and never after the instance finished or was cancelled. */
    private static final class LazyStarter implements DNSTaskStarter {
        private final JmDNSImpl jmdns;
        /** Guarded by this. */
        private DNSTaskStarter threads;
        /** Guarded by this. */
        private boolean cancelled;

        LazyStarter(JmDNSImpl jmdns) {
            this.jmdns = jmdns;
        }

        private void withThreads(Consumer<DNSTaskStarter> task) {
            DNSTaskStarter starter;
            synchronized (this) {
                if (threads == null && !cancelled && !FINISHED.contains(jmdns)) {
                    threads = new DNSTaskStarter.DNSTaskStarterImpl(jmdns);
                }
                starter = threads;
            }
            // A cancelled JmDNS timer ignores new tasks itself, so running this outside the lock is safe.
            if (starter != null) {
                task.accept(starter);
            }
        }

        private void cancel(Consumer<DNSTaskStarter> cancelling) {
            DNSTaskStarter starter;
            synchronized (this) {
                cancelled = true;
                starter = threads;
            }
            if (starter != null) {
                cancelling.accept(starter);
            }
        }

        @Override
        public void purgeTimer() {
            withThreads(DNSTaskStarter::purgeTimer);
        }

        @Override
        public void purgeStateTimer() {
            withThreads(DNSTaskStarter::purgeStateTimer);
        }

        @Override
        public void cancelTimer() {
            cancel(DNSTaskStarter::cancelTimer);
        }

        @Override
        public void cancelStateTimer() {
            cancel(DNSTaskStarter::cancelStateTimer);
        }

        @Override
        public void startProber() {
            withThreads(DNSTaskStarter::startProber);
        }

        @Override
        public void startAnnouncer() {
            withThreads(DNSTaskStarter::startAnnouncer);
        }

        /**
         * Never: JmDNS announced its host name again every half TTL (60 s), which RFC 6762 §8.3 forbids without a
         * change in the network; every JmDNS here is a browser, and nobody looks its host name up.
         */
        @Override
        public void startRenewer() {
            // nothing to renew
        }

        @Override
        public void startCanceler() {
            withThreads(DNSTaskStarter::startCanceler);
        }

        @Override
        public void startReaper() {
            withThreads(DNSTaskStarter::startReaper);
        }

        @Override
        public void startServiceInfoResolver(ServiceInfoImpl info) {
            withThreads(starter -> starter.startServiceInfoResolver(info));
        }

        @Override
        public void startTypeResolver() {
            withThreads(DNSTaskStarter::startTypeResolver);
        }

        @Override
        public void startServiceResolver(String type) {
            withThreads(starter -> starter.startServiceResolver(type));
        }

        /**
         * Only for questions about the one name a browser holds, its host name. JmDNS answered an address question
         * for any name at all ("printer.local") with its own address record, so every lookup of a {@code .local}
         * name on the LAN had every client multicast once.
         */
        @Override
        public void startResponder(DNSIncoming in, InetAddress addr, int port) {
            if (asksAbout(in.getQuestions(), jmdns.getLocalHost().getName())) {
                withThreads(starter -> starter.startResponder(in, addr, port));
            }
        }
    }
}
