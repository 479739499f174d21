package org.lanchat.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.TrustedFirst;
import org.lanchat.client.core.appliance.TypedAddressException;

/**
 * Which appliance a command talks to, chosen as the desktop app chooses when it connects by itself: a typed
 * address if given; else the appliance used last, where discovery sees it now (or where it was, if discovery
 * does not); else the one appliance on the network. With several on the network and none used before, the
 * user must say which.
 *
 * <p>Where trust is provisioned ({@code --trust}, {@code /etc/lanchat/trusted-appliances}), an appliance that
 * advertises a provisioned certificate comes before the others, which would only be refused ({@link TrustedFirst}).
 */
final class ApplianceFinder {
    /** How long to wait for the last appliance to be heard on the network before trying where it was. */
    private static final Duration LAST_GOOD_WAIT = Duration.ofSeconds(2);
    /** After the first appliance is heard, how long to listen for others (answers come within milliseconds). */
    private static final Duration SETTLE = Duration.ofMillis(700);

    private final ApplianceDirectory directory;
    private final TrustedFirst trustedFirst;
    private final boolean discovery;
    private final Duration discoveryWait;
    private final Duration settle;
    private final Object lock = new Object();
    private List<ApplianceChoice> heard = List.of();

    ApplianceFinder(ApplianceDirectory directory, TrustedFirst trustedFirst, boolean discovery, Duration discoveryWait) {
        this(directory, trustedFirst, discovery, discoveryWait, SETTLE);
    }

    /** @param settle how long to listen for others once one is heard ({@link #SETTLE}; shorter in tests) */
    ApplianceFinder(ApplianceDirectory directory, TrustedFirst trustedFirst, boolean discovery, Duration discoveryWait,
            Duration settle) {
        this.directory = directory;
        this.trustedFirst = trustedFirst;
        this.discovery = discovery;
        this.discoveryWait = discoveryWait;
        this.settle = settle;
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
            // An address typed before is remembered without an id, so discovery cannot tell it apart, and its certificate
            // is unknown until connecting: it keeps its place whatever is provisioned, as a typed --appliance does.
            if (last.isPresent() && last.get().id().isPresent()) {
                Predicate<ApplianceChoice> same = choice -> choice.id().equals(last.get().id());
                Optional<ApplianceChoice> there = await(list -> list.stream().anyMatch(same), LAST_GOOD_WAIT).stream()
                        .filter(same).findFirst();
                // The appliance used last keeps its precedence while it may be trusted. One known to carry a certificate
                // that provisioned trust refuses (it advertises another, or the administrator has since withdrawn the one
                // pinned for it) would only be refused: one that advertises a provisioned certificate is the better try.
                if (trustedFirst.knownUntrusted(there.orElse(last.get()))) {
                    Optional<ApplianceChoice> trusted = trustedOne(LAST_GOOD_WAIT);
                    if (trusted.isPresent()) {
                        return trusted.get();
                    }
                }
                if (there.isPresent()) {
                    return there.get();
                }
            } else if (last.isEmpty()) {
                // Under provisioned trust only an appliance advertising a provisioned certificate is worth taking, so
                // discovery listens for one (up to its whole wait) rather than stopping at the first heard, which may be
                // another that answered sooner. If none is heard, the choice is the one made without provisioning, and
                // is refused on connecting as before.
                Predicate<List<ApplianceChoice>> enough = trustedFirst.applies() ? this::anyTrusted
                        : list -> !list.isEmpty();
                List<ApplianceChoice> first = await(enough, discoveryWait);
                if (!first.isEmpty()) {
                    List<ApplianceChoice> all = enough.test(first) ? await(list -> false, settle) : first;
                    Optional<ApplianceChoice> trusted = trustedAmong(all);
                    if (trusted.isPresent()) {
                        return trusted.get();
                    }
                    if (all.size() == 1) {
                        return all.getFirst();
                    }
                    throw CommandFailure.usage(Texts.text("finder.several", all.size(), describe(all)));
                }
            }
        }
        return last.orElseThrow(() -> !discovery ? CommandFailure.nowhereToLook(Texts.text("finder.noneFoundNoDiscovery"))
                : CommandFailure.silent(listenedNowhere() ? Texts.text("finder.noInterface")
                        : Texts.text("finder.noneFound", discoveryWait.toSeconds())));
    }

    /** The one appliance heard within {@code max} that advertises a provisioned certificate, if discovery hears one. */
    private Optional<ApplianceChoice> trustedOne(Duration max) throws InterruptedException {
        return anyTrusted(await(this::anyTrusted, max)) ? trustedAmong(await(list -> false, settle)) : Optional.empty();
    }

    /**
     * The appliance among {@code found} that advertises a provisioned certificate. The administrator may trust several;
     * then the user says which, as with several appliances and nothing provisioned, but only those are listed.
     */
    private Optional<ApplianceChoice> trustedAmong(List<ApplianceChoice> found) {
        List<ApplianceChoice> trusted = found.stream().filter(trustedFirst::likelyTrusted).toList();
        if (trusted.size() > 1) {
            throw CommandFailure.usage(Texts.text("finder.severalTrusted", trusted.size(), describe(trusted)));
        }
        return trusted.stream().findFirst();
    }

    private boolean anyTrusted(List<ApplianceChoice> found) {
        return found.stream().anyMatch(trustedFirst::likelyTrusted);
    }

    private static String describe(List<ApplianceChoice> choices) {
        return choices.stream().map(ApplianceChoice::describe).collect(Collectors.joining(", "));
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
