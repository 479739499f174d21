package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Revocations;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;

/** The one-time tickets of raw transfers (PROTOCOL.md §7.25): random, single use, short-lived. */
class TransferTicketsTest {
    private static final String FILE = "ab".repeat(32);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Revocations revocations = new Revocations();
    private final TransferTickets tickets = new TransferTickets(nanos::get, revocations);

    @Test
    void aTicketRedeemsOnceToExactlyWhatWasGranted() {
        TransferGrant alices = new TransferGrant.Upload(7, FILE, 1000, 400);
        String ticket = tickets.issue(alices, 0);

        assertThat(tickets.redeem(ticket)).contains(alices);
        assertThat(tickets.redeem(ticket)).as("used").isEmpty();
        assertThat(alices.length()).isEqualTo(600);
    }

    @Test
    void aTicketIsWorthNothingOnceTheAdministratorDisabledItsAccountOrResetItsPassword() {
        long checked = revocations.now(); // when alice's and bob's sessions were checked
        String alices = tickets.issue(new TransferGrant.Download(7, FILE, 1000, 0, Conversation.GROUP, 1), checked);
        String bobs = tickets.issue(new TransferGrant.Download(8, FILE, 1000, 0, Conversation.GROUP, 1), checked);

        revocations.revoke(7, ErrorCode.ACCOUNT_DISABLED, "your account was disabled by the administrator");

        assertThat(tickets.redeem(alices)).as("alice's, asked before her account was disabled").isEmpty();
        assertThat(tickets.redeem(bobs)).as("another account's").isPresent();
        String afterwards = tickets.issue(new TransferGrant.Download(7, FILE, 1000, 0, Conversation.GROUP, 1),
                revocations.now());
        assertThat(tickets.redeem(afterwards)).as("from a session checked after it (enabled again, logged in)").isPresent();
    }

    @Test
    void aTicketIsWorthNothingOnceItsSessionLoggedOutEvenOneGivenAsItDid() {
        TransferGrant grant = new TransferGrant.Download(7, FILE, 1000, 0, Conversation.GROUP, 1);
        String before = tickets.issue(grant, 0, "alice-laptop");
        String otherDevice = tickets.issue(grant, 0, "alice-phone");

        tickets.signInEnded("alice-laptop");
        String racing = tickets.issue(grant, 0, "alice-laptop"); // a request answered as the logout went through

        assertThat(tickets.redeem(before)).isEmpty();
        assertThat(tickets.redeem(racing)).isEmpty();
        assertThat(tickets.redeem(otherDevice)).as("the same account's other session").contains(grant);
    }

    @Test
    void aTicketExpiresAfterItsLifetime() {
        String ticket = tickets.issue(new TransferGrant.Download(7, FILE, 1000, 0, Conversation.GROUP, 1), 0);
        nanos.addAndGet(TransferTickets.LIFETIME.toNanos());

        assertThat(tickets.redeem(ticket)).as("redeemed exactly at the end of its lifetime").isEmpty();
        String fresh = tickets.issue(new TransferGrant.Download(7, FILE, 1000, 0, Conversation.GROUP, 1), 0);
        nanos.addAndGet(TransferTickets.LIFETIME.toNanos() - 1);
        assertThat(tickets.redeem(fresh)).as("a nanosecond before").isPresent();
    }

    @Test
    void ticketsAre256RandomBitsInBase64UrlAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String ticket = tickets.issue(new TransferGrant.Download(i, FILE, 10, 0, Conversation.GROUP, 1), 0);
            assertThat(ticket).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(ticket)).isTrue();
        }
        assertThat(tickets.redeem("A".repeat(43))).as("forged").isEmpty();
    }

    /** One account asking again and again cannot fill the appliance's tickets and stall everyone else's transfers. */
    @Test
    void aUsersSeventeenthWaitingTicketReplacesTheirOldestAndLeavesOthersAlone() {
        String bobs = tickets.issue(new TransferGrant.Download(8, FILE, 10, 0, Conversation.GROUP, 1), 0);
        String[] alices = new String[TransferTickets.MAX_WAITING_PER_USER + 1];
        for (int i = 0; i < alices.length; i++) {
            nanos.incrementAndGet(); // issued one after the other
            alices[i] = tickets.issue(new TransferGrant.Download(7, FILE, 10, 0, Conversation.GROUP, 1), 0);
        }

        assertThat(tickets.redeem(alices[0])).as("alice's oldest, replaced").isEmpty();
        for (int i = 1; i < alices.length; i++) {
            assertThat(tickets.redeem(alices[i])).as("alice's ticket %d", i).isPresent();
        }
        assertThat(tickets.redeem(bobs)).as("bob's, another user's").isPresent();
    }
}
