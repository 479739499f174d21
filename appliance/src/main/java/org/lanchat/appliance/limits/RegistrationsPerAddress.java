package org.lanchat.appliance.limits;

import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.lanchat.appliance.account.Accounts;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * The accounts, with at most {@link RateLimits#registrationsPerHour()} registrations from one address in
 * any hour (a sliding window). A registration holds its place in the window from the moment it is
 * checked, so many at once over several connections gain nothing; one that fails gives its place back, except:
 * <ul>
 *   <li>one refused for its avatar: that picture was decoded, which costs the appliance up to a second of a core, and
 *       without an account to count it against, a loop of broken 4096 x 4096 avatars would cost nothing but a
 *       connection;</li>
 *   <li>one refused because its username or display name is taken: the answer tells whether a name is in use, and
 *       given back, a loop of them listed every account (1,600 names a second) for the login throttle's
 *       per-username lockout.</li>
 * </ul>
 */
public final class RegistrationsPerAddress implements Accounts {
    static final Duration WINDOW = Duration.ofHours(1);
    private static final Set<ErrorCode> KEEP_THEIR_PLACE = EnumSet.of(ErrorCode.INVALID_IMAGE, ErrorCode.IMAGE_TOO_LARGE,
            ErrorCode.USERNAME_TAKEN, ErrorCode.DISPLAY_NAME_TAKEN);

    private final Accounts accounts;
    private final RateLimits limits;
    private final LongSupplier clockMillis;
    /** Start times of the registrations in the window, per address. */
    private final SlidingWindow<String> recent = new SlidingWindow<>(WINDOW.toMillis());

    public RegistrationsPerAddress(Accounts accounts, RateLimits limits, LongSupplier clockMillis) {
        this.accounts = accounts;
        this.limits = limits;
        this.clockMillis = clockMillis;
    }

    @Override
    public Authenticated register(String username, String password, byte[] avatarUpload, String displayName,
                                  String address) {
        if (!limits.applyTo(address)) {
            return accounts.register(username, password, avatarUpload, displayName, address);
        }
        long startedAt = reserve(address);
        try {
            return accounts.register(username, password, avatarUpload, displayName, address);
        } catch (Refused e) {
            if (!KEEP_THEIR_PLACE.contains(e.code())) {
                release(address, startedAt);
            }
            throw e;
        } catch (RuntimeException e) {
            release(address, startedAt);
            throw e;
        }
    }

    private long reserve(String address) {
        long now = clockMillis.getAsLong();
        OptionalLong wait = recent.take(address, limits.registrationsPerHour(), now);
        if (wait.isPresent()) {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + limits.registrationsPerHour()
                    + " accounts registered from this address in an hour; try again in "
                    + (wait.getAsLong() + 59_999) / 60_000 + " min", Duration.ofMillis(wait.getAsLong()));
        }
        return now;
    }

    private void release(String address, long startedAt) {
        recent.giveBack(address, startedAt);
    }

    @Override
    public Authenticated login(String username, String password, String deviceCookie, String address) {
        return accounts.login(username, password, deviceCookie, address);
    }

    @Override
    public Authenticated resume(String token, String address) {
        return accounts.resume(token, address);
    }

    @Override
    public void logout(String token) {
        accounts.logout(token);
    }
}
