package org.lanchat.appliance.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Rooms created, and changes to rooms, per account (docs/PROTOCOL.md §5.27, §5.31, §7.11). Every room is a row kept for
 * ever and listed to everyone when public, so one account gets {@link #PER_SECOND} new rooms a second with bursts of
 * {@link #BURST}: plenty for a person, not enough for a script to fill the database or everyone's room list. Each
 * join, leave, invitation, removal, update or archiving tells every member, so those get a bucket of their own. One
 * bucket of each kind per account, shared by its connections.
 *
 * <p>An invitation needs no consent, so one account may invite one user at most {@link #INVITATIONS_PER_HOUR} times in
 * any hour: without it a script made a colleague a member of a new room, with a mention, several times a second, and
 * invited them back into each room they left.
 */
public final class RoomLimits {
    public static final int PER_SECOND = 1;
    public static final int BURST = 10;
    /** Joins, leaves, invitations, removals, updates and archivings: each is a {@code room_event} to every member. */
    public static final int CHANGES_PER_SECOND = 5;
    public static final int CHANGES_BURST = 20;
    /** Invitations of one user by one account, whichever rooms, in a sliding window of an hour. */
    public static final int INVITATIONS_PER_HOUR = 10;

    private final AccountBuckets buckets;
    private final AccountBuckets changes;
    private final RateLimits limits;
    private final LongSupplier nanoClock;
    /** When each account invited each user (lower-cased, as names are matched) in the last hour. */
    private final SlidingWindow<Invitation> recentInvitations = new SlidingWindow<>(Duration.ofHours(1).toNanos());

    private record Invitation(long inviterId, String invitee) {
    }

    public RoomLimits(RateLimits limits, LongSupplier nanoClock) {
        this.buckets = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
        this.changes = new AccountBuckets(limits, nanoClock, CHANGES_PER_SECOND, CHANGES_BURST);
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /**
     * Admits one invitation of {@code invitee} by the account, or throws {@link Refused} {@code rate_limited}. Taken
     * before the room is looked at, like a change's token: inviting a member, or into a room that is not there, counts.
     */
    public void admitInvitation(long userId, String invitee, String address) {
        if (!limits.applyTo(address)) {
            return;
        }
        recentInvitations.take(new Invitation(userId, invitee.toLowerCase(Locale.ROOT)), INVITATIONS_PER_HOUR,
                nanoClock.getAsLong()).ifPresent(wait -> {
                    Duration after = Duration.ofNanos(wait);
                    throw new Refused(ErrorCode.RATE_LIMITED, "this account invited " + invitee + " "
                            + INVITATIONS_PER_HOUR + " times within an hour; try again in "
                            + (after.toSeconds() + 59) / 60 + " min", after);
                });
    }

    /** Admits one change to a room's members or details, or throws {@link Refused} {@code rate_limited}. */
    public void admitChange(long userId, String address) {
        changes.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + CHANGES_BURST + " changes to rooms in a row from"
                    + " this account; try again in " + after.toMillis() + " ms", after);
        });
    }

    /** Admits one new room, or throws {@link Refused} {@code rate_limited} with the wait after which it would be. */
    public void admitCreation(long userId, String address) {
        buckets.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + BURST + " new rooms in a row from this account;"
                    + " try again in " + after.toMillis() + " ms", after);
        });
    }
}
