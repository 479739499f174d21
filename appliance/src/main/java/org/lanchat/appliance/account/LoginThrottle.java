package org.lanchat.appliance.account;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing without locking real users out.
 *
 * <p>Failures are counted under three keys: the (account, address) pair, the address alone, and the
 * account alone. Each key has a free allowance ({@value #PAIR_ALLOWANCE}, {@value #ADDRESS_ALLOWANCE},
 * {@value #ACCOUNT_ALLOWANCE}); past it every further failure doubles the wait before the next attempt
 * under that key is even checked (1 s, 2 s, 4 s … capped at {@link #MAX_DELAY}). A key is forgotten
 * {@link #FORGET_AFTER} after its last failure; a successful login clears its pair key.
 *
 * <p>So a colleague who mistypes a few times is never slowed; someone guessing one account from one PC
 * is slowed after 5 tries; someone spraying many accounts from one PC after 20; and a guesser moving
 * between addresses still meets the account-wide limit, which is high enough that it cannot be used
 * cheaply to lock a real user out from their own PC. The counting is by the username typed, whether or
 * not such an account exists, so being throttled reveals nothing.
 */
public final class LoginThrottle {
    static final int PAIR_ALLOWANCE = 5;
    static final int ADDRESS_ALLOWANCE = 20;
    static final int ACCOUNT_ALLOWANCE = 50;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /** Bounds the memory an attacker can make us spend on counters. */
    private static final int MAX_KEYS = 200_000;

    private record Counter(int failures, long lastFailureMillis, long blockedUntilMillis) {
    }

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    public LoginThrottle(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** How long the caller must wait before this attempt may be checked, or empty if it may go ahead. */
    public Optional<Duration> delayFor(String accountKey, String address) {
        long now = clockMillis.getAsLong();
        long until = Math.max(blockedUntil(pairKey(accountKey, address), now),
                Math.max(blockedUntil(addressKey(address), now), blockedUntil(accountKey(accountKey), now)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    public void recordFailure(String accountKey, String address) {
        long now = clockMillis.getAsLong();
        if (counters.size() > MAX_KEYS) {
            forgetStale(now);
        }
        bump(pairKey(accountKey, address), PAIR_ALLOWANCE, now);
        bump(addressKey(address), ADDRESS_ALLOWANCE, now);
        bump(accountKey(accountKey), ACCOUNT_ALLOWANCE, now);
    }

    /** A failed resume counts against the address only: tokens name no account. */
    public void recordAddressFailure(String address) {
        bump(addressKey(address), ADDRESS_ALLOWANCE, clockMillis.getAsLong());
    }

    public Optional<Duration> delayForAddress(String address) {
        long now = clockMillis.getAsLong();
        long until = blockedUntil(addressKey(address), now);
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    public void recordSuccess(String accountKey, String address) {
        counters.remove(pairKey(accountKey, address));
    }

    private void bump(String key, int allowance, long now) {
        counters.compute(key, (k, old) -> {
            int failures = (old == null || now - old.lastFailureMillis() > FORGET_AFTER.toMillis()) ? 1 : old.failures() + 1;
            long blockedUntil = now;
            if (failures > allowance) {
                int doublings = Math.min(failures - allowance - 1, 30);
                long delay = Math.min(1000L << doublings, MAX_DELAY.toMillis());
                blockedUntil = now + delay;
            }
            return new Counter(failures, now, blockedUntil);
        });
    }

    private long blockedUntil(String key, long now) {
        Counter c = counters.get(key);
        if (c == null) {
            return 0;
        }
        if (now - c.lastFailureMillis() > FORGET_AFTER.toMillis()) {
            counters.remove(key, c);
            return 0;
        }
        return c.blockedUntilMillis();
    }

    private void forgetStale(long now) {
        counters.entrySet().removeIf(e -> now - e.getValue().lastFailureMillis() > FORGET_AFTER.toMillis());
        if (counters.size() > MAX_KEYS) {
            // Still full after dropping stale keys: drop pair keys first, they matter least.
            counters.keySet().removeIf(k -> k.startsWith("pair:"));
        }
    }

    private static String pairKey(String account, String address) {
        return "pair:" + account + "|" + address;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }

    private static String accountKey(String account) {
        return "acct:" + account;
    }
}
