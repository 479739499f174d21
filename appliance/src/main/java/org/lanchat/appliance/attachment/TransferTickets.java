package org.lanchat.appliance.attachment;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Revocations;
import org.lanchat.protocol.ErrorCode;

/**
 * The one-time tickets that open transfer connections (PROTOCOL.md §7.25): 256 random bits, base64url, each redeemed
 * at most once and only within {@link #LIFETIME} of being issued. Kept in memory: a ticket is worth nothing after a
 * restart, and a client then simply asks for a new one. Safe from any thread (issuing is serialised, redeeming is not).
 */
public final class TransferTickets {
    /** How long a ticket may wait to be redeemed: enough to open a TLS connection on a slow network, no more. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** Tickets waiting at once on the whole appliance; past it the request is answered {@code busy}. */
    static final int MAX_WAITING = 10_000;
    /**
     * Tickets one user may have waiting; a new one past it replaces the user's oldest. A client uses one or two at a
     * time, and without this one account asking again and again could fill {@link #MAX_WAITING} and stall everyone
     * else's transfers for a ticket's lifetime.
     */
    static final int MAX_WAITING_PER_USER = 16;
    private static final int TICKET_BYTES = 32;

    /** @param signIn the resume token of the session that asked, or null for none */
    private record Issued(TransferGrant grant, long expiresAtNanos, long checkedAt, String signIn) {
    }

    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoClock;
    private final Revocations revocations;
    private final Map<String, Issued> waiting = new ConcurrentHashMap<>();
    /**
     * Sign-ins ended by a logout, and when: a ticket of theirs is worth nothing, including one a request racing the
     * logout was still being given. Kept for two lifetimes of a ticket, which is longer than any of theirs lives.
     */
    private final Map<String, Long> endedSignIns = new ConcurrentHashMap<>();

    public TransferTickets(LongSupplier nanoClock) {
        this(nanoClock, new Revocations());
    }

    /** @param revocations the administrator's: a ticket of an account whose sessions were ended since is worth nothing */
    public TransferTickets(LongSupplier nanoClock, Revocations revocations) {
        this.nanoClock = nanoClock;
        this.revocations = revocations;
    }

    /**
     * A new ticket for {@code grant}, asked for by a session whose account was checked at {@code checkedAt}
     * ({@link Revocations#now()}).
     */
    public String issue(TransferGrant grant, long checkedAt) {
        return issue(grant, checkedAt, null);
    }

    /** The same, for the session signed in with {@code signIn} (its resume token): it ends with {@link #signInEnded}. */
    public synchronized String issue(TransferGrant grant, long checkedAt, String signIn) {
        long now = nanoClock.getAsLong();
        forgetOldestBeyondLimit(grant.userId());
        if (waiting.size() >= MAX_WAITING) {
            waiting.values().removeIf(issued -> issued.expiresAtNanos() - now <= 0);
            if (waiting.size() >= MAX_WAITING) {
                throw new Refused(ErrorCode.BUSY, "too many transfers are waiting to start; try again shortly",
                        Duration.ofSeconds(1));
            }
        }
        byte[] bits = new byte[TICKET_BYTES];
        random.nextBytes(bits);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        waiting.put(ticket, new Issued(grant, now + LIFETIME.toNanos(), checkedAt, signIn));
        return ticket;
    }

    /**
     * The session signed in with {@code signIn} logged out: its tickets are worth nothing from now on. "Log out really
     * signs out" (README): a ticket copied from the client's memory or log must not open a transfer after it.
     */
    public void signInEnded(String signIn) {
        long now = nanoClock.getAsLong();
        endedSignIns.values().removeIf(at -> now - at > 2 * LIFETIME.toNanos());
        endedSignIns.put(signIn, now);
        waiting.values().removeIf(issued -> signIn.equals(issued.signIn()));
    }

    /** Makes room for one more of {@code userId}'s tickets: drops the user's oldest (the expired first) if needed. */
    private void forgetOldestBeyondLimit(long userId) {
        List<String> oldestFirst = waiting.entrySet().stream()
                .filter(entry -> entry.getValue().grant().userId() == userId)
                .sorted(Comparator.comparingLong(entry -> entry.getValue().expiresAtNanos()))
                .map(Map.Entry::getKey).toList();
        for (int i = 0; i <= oldestFirst.size() - MAX_WAITING_PER_USER; i++) {
            waiting.remove(oldestFirst.get(i));
        }
    }

    /**
     * What {@code ticket} allows, once: it is forgotten whatever the answer. Empty for a ticket never issued, already
     * redeemed or expired, one whose session logged out, or one whose account the administrator disabled (or reset)
     * since its session was checked;
     * the caller cannot tell these apart, and neither can whoever presented it.
     */
    public Optional<TransferGrant> redeem(String ticket) {
        Issued issued = waiting.remove(ticket);
        if (issued == null || issued.expiresAtNanos() - nanoClock.getAsLong() <= 0
                || revocations.since(issued.grant().userId(), issued.checkedAt()).isPresent()
                || (issued.signIn() != null && endedSignIns.containsKey(issued.signIn()))) {
            return Optional.empty();
        }
        return Optional.of(issued.grant());
    }
}
