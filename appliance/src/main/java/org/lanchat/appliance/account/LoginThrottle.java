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
 *
 * <p>Checking a password takes a while (argon2), so a login first calls {@link #begin}, which both asks
 * and reserves: while attempts are being checked under a key, further ones that would, should those fail,
 * go past that key's allowance are refused until the results are in. Without this, attempts sent in
 * parallel over many connections would all pass before the first failure was counted, and a guesser would
 * get one guess per connection each time a block ran out instead of one. For the (account, address) pair
 * this always applies — nobody logs in to one account from one PC many times at once; for the address
 * and the account alone only once they have counted a failure, so that many people logging in at the same
 * moment through one address (a terminal server, a NAT) are not held up.
 *
 * <p>The account-wide key has a cost: someone guessing from many addresses can keep the account's owner
 * out. So a login from a device where the owner logged in before (it presents a valid device cookie, see
 * {@link DeviceCookies}) is counted under that cookie alone, with the pair's allowance, and the
 * account-wide block does not apply to it ({@link #deviceKeys}).
 *
 * <p>Appliances serving one chat together count together: each tells the others of every failure and success
 * ({@link Sharing}), and counts theirs as its own ({@link #failedElsewhere}, {@link #succeededElsewhere}), so a
 * guesser gains nothing by spreading attempts over the members.
 */
public final class LoginThrottle {
    static final int PAIR_ALLOWANCE = 5;
    static final int ADDRESS_ALLOWANCE = 20;
    static final int ACCOUNT_ALLOWANCE = 50;
    static final int DEVICE_ALLOWANCE = PAIR_ALLOWANCE;
    /** The allowances of an attempt's three keys, in the order {@link #keys} lists them. */
    private static final int[] ALLOWANCES = {PAIR_ALLOWANCE, ADDRESS_ALLOWANCE, ACCOUNT_ALLOWANCE};

    /**
     * The keys one login attempt is counted under, with their allowances. The first key always reserves
     * while an attempt is being checked, and is the one a success clears.
     */
    public record Keys(String[] names, int[] allowances) {
    }
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /** Bounds the memory an attacker can make us spend on counters. */
    private static final int MAX_KEYS = 200_000;

    /** {@code checking}: attempts under this key begun and not yet ended. */
    private record Counter(int failures, long lastFailureMillis, long blockedUntilMillis, int checking) {
        Counter checking(int delta) {
            return new Counter(failures, lastFailureMillis, blockedUntilMillis, Math.max(0, checking + delta));
        }
    }

    /** Where this throttle's verdicts go, for the other appliances of a cluster. */
    public interface Sharing {
        Sharing NONE = new Sharing() {
            @Override
            public void failed(Keys attempt) {
            }

            @Override
            public void succeeded(String pairKey) {
            }
        };

        /** An attempt failed here, counted under these keys. */
        void failed(Keys attempt);

        /** A login succeeded here, clearing this pair key. */
        void succeeded(String pairKey);
    }

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;
    private volatile Sharing sharing = Sharing.NONE;

    public LoginThrottle(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Tells {@code to} of every failure and success from now on. */
    public void share(Sharing to) {
        sharing = to;
    }

    /** Another appliance of the cluster counted a failure under these keys: count it here too. */
    public synchronized void failedElsewhere(Keys attempt) {
        long now = clockMillis.getAsLong();
        for (int i = 0; i < attempt.names().length; i++) {
            bump(attempt.names()[i], attempt.allowances()[i], now, false);
        }
    }

    /** Another appliance of the cluster let this pair in: its count is cleared here too. */
    public synchronized void succeededElsewhere(String pairKey) {
        counters.computeIfPresent(pairKey, (k, old) -> old.checking() == 0 ? null
                : new Counter(0, old.lastFailureMillis(), old.lastFailureMillis(), old.checking()));
    }

    /** How long the caller must wait before this attempt may be checked, or empty if it may go ahead. */
    public Optional<Duration> delayFor(String accountKey, String address) {
        long now = clockMillis.getAsLong();
        long until = Math.max(blockedUntil(pairKey(accountKey, address), now),
                Math.max(blockedUntil(addressKey(address), now), blockedUntil(accountKey(accountKey), now)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /**
     * Asks to check one login attempt now. Empty: go ahead — the attempt is then being checked under all
     * three keys until {@link #recordFailure}, {@link #recordSuccess} or {@link #abandon} ends it. Otherwise
     * how long to wait: a key is blocked, or attempts still being checked would use up its allowance.
     */
    public Optional<Duration> begin(String accountKey, String address) {
        return begin(keys(accountKey, address));
    }

    /** The keys of an attempt without a device cookie: (account, address), address, account. */
    public Keys keys(String accountKey, String address) {
        return new Keys(new String[] {pairKey(accountKey, address), addressKey(address), accountKey(accountKey)}, ALLOWANCES);
    }

    /** The one key of an attempt that presented a valid device cookie: that cookie, whatever the address. */
    public Keys deviceKeys(String deviceId) {
        return new Keys(new String[] {"device:" + deviceId}, new int[] {DEVICE_ALLOWANCE});
    }

    /** {@link #begin(String, String)} for any set of keys. */
    public synchronized Optional<Duration> begin(Keys attempt) {
        long now = clockMillis.getAsLong();
        String[] keys = attempt.names();
        int[] allowances = attempt.allowances();
        long wait = 0;
        for (int i = 0; i < keys.length; i++) {
            Counter c = counters.get(keys[i]);
            if (c == null) {
                continue;
            }
            int failures = isStale(c, now) ? 0 : c.failures();
            if (failures > 0 && c.blockedUntilMillis() > now) {
                wait = Math.max(wait, c.blockedUntilMillis() - now);
            } else if (c.checking() > 0 && failures + c.checking() > allowances[i] && (i == 0 || failures > 0)) {
                wait = Math.max(wait, delay(failures + c.checking(), allowances[i]));
            }
        }
        if (wait > 0) {
            return Optional.of(Duration.ofMillis(wait));
        }
        for (String key : keys) {
            counters.compute(key, (k, old) -> old == null ? new Counter(0, now, now, 1) : old.checking(1));
        }
        return Optional.empty();
    }

    /** The attempt failed: counted under all three keys, and no longer being checked. */
    public void recordFailure(String accountKey, String address) {
        recordFailure(keys(accountKey, address));
    }

    public synchronized void recordFailure(Keys attempt) {
        long now = clockMillis.getAsLong();
        if (counters.size() > MAX_KEYS) {
            forgetStale(now);
        }
        for (int i = 0; i < attempt.names().length; i++) {
            bump(attempt.names()[i], attempt.allowances()[i], now, true);
        }
        sharing.failed(attempt);
    }

    /** The attempt ended without a verdict on the password (busy, store unavailable, account disabled). */
    public void abandon(String accountKey, String address) {
        abandon(keys(accountKey, address));
    }

    public synchronized void abandon(Keys attempt) {
        for (String key : attempt.names()) {
            endChecking(key);
        }
    }

    /** A failed resume counts against the address only: tokens name no account. */
    public synchronized void recordAddressFailure(String address) {
        bump(addressKey(address), ADDRESS_ALLOWANCE, clockMillis.getAsLong(), false);
    }

    public Optional<Duration> delayForAddress(String address) {
        long now = clockMillis.getAsLong();
        long until = blockedUntil(addressKey(address), now);
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /** The password was right: the pair's count is cleared, and the attempt is no longer being checked. */
    public void recordSuccess(String accountKey, String address) {
        recordSuccess(keys(accountKey, address));
    }

    public synchronized void recordSuccess(Keys attempt) {
        counters.remove(attempt.names()[0]);
        for (int i = 1; i < attempt.names().length; i++) {
            endChecking(attempt.names()[i]);
        }
        sharing.succeeded(attempt.names()[0]);
    }

    private void bump(String key, int allowance, long now, boolean endsAttempt) {
        counters.compute(key, (k, old) -> {
            int failures = (old == null || isStale(old, now)) ? 1 : old.failures() + 1;
            long blockedUntil = failures > allowance ? now + delay(failures, allowance) : now;
            int checking = old == null ? 0 : Math.max(0, old.checking() - (endsAttempt ? 1 : 0));
            return new Counter(failures, now, blockedUntil, checking);
        });
    }

    private void endChecking(String key) {
        counters.computeIfPresent(key, (k, old) -> old.failures() == 0 && old.checking() <= 1 ? null : old.checking(-1));
    }

    /** How long {@code failures} failures under a key with this allowance block it: 1 s, 2 s, 4 s … capped. */
    private static long delay(int failures, int allowance) {
        if (failures <= allowance) {
            return 0;
        }
        int doublings = Math.min(failures - allowance - 1, 30);
        return Math.min(1000L << doublings, MAX_DELAY.toMillis());
    }

    private static boolean isStale(Counter c, long now) {
        return now - c.lastFailureMillis() > FORGET_AFTER.toMillis();
    }

    private long blockedUntil(String key, long now) {
        Counter c = counters.get(key);
        if (c == null) {
            return 0;
        }
        if (isStale(c, now)) {
            if (c.checking() == 0) {
                counters.remove(key, c);
            }
            return 0;
        }
        return c.failures() == 0 ? 0 : c.blockedUntilMillis();
    }

    private void forgetStale(long now) {
        counters.entrySet().removeIf(e -> isStale(e.getValue(), now) && e.getValue().checking() == 0);
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
