package org.lanchat.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.TypedAddressException;

/**
 * Which appliance a command talks to, chosen as the desktop app chooses when it connects by itself: a typed
 * address if given; else the appliance used last, where discovery sees it now (or where it was, if discovery
 * does not); else the one appliance on the network. With several on the network and none used before, the
 * user must say which.
 */
final class ApplianceFinder {
    /** How long to wait for the last appliance to be heard on the network before trying where it was. */
    private static final Duration LAST_GOOD_WAIT = Duration.ofSeconds(2);
    /** After the first appliance is heard, how long to listen for others (answers come within milliseconds). */
    private static final Duration SETTLE = Duration.ofMillis(700);

    private final ApplianceDirectory directory;
    private final boolean discovery;
    private final Duration discoveryWait;
    private final Object lock = new Object();
    private List<ApplianceChoice> heard = List.of();

    ApplianceFinder(ApplianceDirectory directory, boolean discovery, Duration discoveryWait) {
        this.directory = directory;
        this.discovery = discovery;
        this.discoveryWait = discoveryWait;
    }

    ApplianceChoice find(Optional<String> typed) throws InterruptedException {
        if (typed.isPresent()) {
            try {
                return directory.manual(typed.get());
            } catch (TypedAddressException e) {
                // Which of the directory's refusals this is says enough; its English stays out.
                throw e.reason() == TypedAddressException.Reason.UNKNOWN_HOST
                        ? CommandFailure.unreachable(Texts.text("finder.unknownHost", typed.get()))
                        : CommandFailure.usage(Texts.text("finder.badAddress", typed.get()));
            }
        }
        Optional<ApplianceChoice> last = directory.lastGood();
        if (discovery) {
            directory.watch(list -> {
                synchronized (lock) {
                    heard = list;
                    lock.notifyAll();
                }
            });
            if (last.isPresent() && last.get().id().isPresent()) {
                Predicate<ApplianceChoice> same = choice -> choice.id().equals(last.get().id());
                Optional<ApplianceChoice> there = await(list -> list.stream().anyMatch(same), LAST_GOOD_WAIT).stream()
                        .filter(same).findFirst();
                if (there.isPresent()) {
                    return there.get();
                }
            } else if (last.isEmpty()) {
                if (!await(list -> !list.isEmpty(), discoveryWait).isEmpty()) {
                    List<ApplianceChoice> all = await(list -> false, SETTLE);
                    if (all.size() == 1) {
                        return all.getFirst();
                    }
                    throw CommandFailure.usage(Texts.text("finder.several", all.size(),
                            all.stream().map(ApplianceChoice::describe).collect(Collectors.joining(", "))));
                }
            }
        }
        return last.orElseThrow(() -> !discovery ? CommandFailure.nowhereToLook(Texts.text("finder.noneFoundNoDiscovery"))
                : CommandFailure.silent(listenedNowhere() ? Texts.text("finder.noInterface")
                        : Texts.text("finder.noneFound", discoveryWait.toSeconds())));
    }

    /**
     * Whether discovery had no interface to look on: only loopback, or only names it takes for containers, VMs and VPNs
     * (veth…, docker…, tun…). Waiting told the user nothing then, so they are told that instead.
     */
    private boolean listenedNowhere() {
        return directory.browser().map(b -> b.status().listeningOn().isEmpty()).orElse(false);
    }

    /** What discovery has heard once {@code done} holds, or when {@code max} has passed. */
    private List<ApplianceChoice> await(Predicate<List<ApplianceChoice>> done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            for (long left = max.toNanos(); !done.test(heard) && left > 0; left = deadline - System.nanoTime()) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return heard;
        }
    }
}
