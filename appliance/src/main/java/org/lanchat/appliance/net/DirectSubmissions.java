package org.lanchat.appliance.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.lanchat.appliance.account.PeerCredentialIssuer;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.chat.ChatService.PreparedSend;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.limits.SendLimits;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerRequest.SubmitDirect;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;

/**
 * {@code submit_direct} (PROTOCOL §7.14): takes in a message that was sent directly while the appliance was
 * away, from whichever client holds it. The signature proves its sender, the credential proves the sender's
 * key was signed here; then it is committed like a {@code send} from that sender, so the usual key
 * (sender, clientMsgId) stores it once however many clients submit it, and the sender's own resend later
 * gets the same acknowledgement. Each counts against the sender's own sends per second, like a {@code send}, and one
 * handed in by someone else against the submitter's too; a copy of one already stored is given back to the sender. A
 * room's messages are never sent directly (its members are known to the appliance alone), so none is taken in:
 * an {@code ack} for one would tell a submitter outside a private room that it exists. Shared by every connection.
 */
public final class DirectSubmissions {
    /**
     * How long after its credential expired a message is still taken in (PROTOCOL §7.14). As long as a credential's own
     * lifetime ({@link PeerCredentialIssuer#VALIDITY}): a message sent directly on the credential's last day can be
     * handed in a week later, over a weekend and a few days of a holiday with the appliance away. Without a limit, a
     * copy of a private key that leaked once made backdated forgeries for ever.
     */
    public static final Duration HAND_IN_GRACE = Duration.ofDays(7);
    /** No connection is left out of the relay: the submitter learns the sequence number like everyone else. */
    private static final long NO_ORIGIN = -1;

    /** Where a logout that ended a key's credentials is looked up. */
    @FunctionalInterface
    public interface LoggedOutKeys {
        /**
         * When a session that was issued a credential of {@code userId} for {@code publicKey} last logged out, epoch ms;
         * 0 for never. Blocking (the shared database, so every member of a cluster knows at once).
         */
        long loggedOutAt(long userId, byte[] publicKey);
    }

    private final CertificateFingerprint ownFingerprint;
    private final Function<String, Optional<UserDirectory.Entry>> users;
    private final LongPredicate disabled;
    private final LongUnaryOperator credentialsFrom;
    private final LoggedOutKeys loggedOutKeys;
    private final ChatRequests.SendCheck check;
    private final SendLimits limits;
    private final Function<Append, CompletableFuture<Accepted>> commit;
    private final LongSupplier clockMillis;

    /**
     * @param users         a user by name, ignoring case (the directory); blocking
     * @param disabled        whether an account is disabled
     * @param credentialsFrom when an administrator last ended an account's peer credentials, epoch ms, 0 for never;
     *                        blocking (the shared database, so every member of a cluster knows at once)
     * @param loggedOutKeys   when the sessions that asked for a key logged out
     * @param commit          queues an append for group commit (the message log)
     */
    public DirectSubmissions(CertificateFingerprint ownFingerprint, Function<String, Optional<UserDirectory.Entry>> users,
            LongPredicate disabled, LongUnaryOperator credentialsFrom, LoggedOutKeys loggedOutKeys, ChatRequests.SendCheck check,
            SendLimits limits, Function<Append, CompletableFuture<Accepted>> commit, LongSupplier clockMillis) {
        this.ownFingerprint = ownFingerprint;
        this.users = users;
        this.disabled = disabled;
        this.credentialsFrom = credentialsFrom;
        this.loggedOutKeys = loggedOutKeys;
        this.check = check;
        this.limits = limits;
        this.commit = commit;
        this.clockMillis = clockMillis;
    }

    void submit(SubmitDirect request, Identity submitter, Connection connection, RequestRunner runner) {
        if (request.message().conversation().isRoom()) {
            connection.error(request.id(), ErrorCode.INVALID_FIELD, "a room's messages are not sent directly: send it"
                    + " to the room as usual");
            return;
        }
        runner.run(request.id(), () -> {
            DirectMessage m = request.message();
            long now = clockMillis.getAsLong();
            String from;
            try {
                from = PeerCredentials.verifyMessage(m, request.credential(), ownFingerprint, Instant.ofEpochMilli(now));
            } catch (UntrustedPeerException e) {
                throw new Refused(ErrorCode.UNTRUSTED_PEER, e.getMessage());
            }
            PeerCredential credential = request.credential();
            if (now - credential.expiresAt() > HAND_IN_GRACE.toMillis()) {
                throw new Refused(ErrorCode.UNTRUSTED_PEER, "the sender's credential expired at "
                        + Instant.ofEpochMilli(credential.expiresAt()) + ", more than " + HAND_IN_GRACE.toDays()
                        + " days ago; its messages are no longer taken in");
            }
            UserDirectory.Entry sender = users.apply(from).orElseThrow(() ->
                    new Refused(ErrorCode.UNTRUSTED_PEER, "the credential names no account here"));
            if (disabled.test(sender.id())) {
                throw new Refused(ErrorCode.ACCOUNT_DISABLED, "the sender's account is disabled; the message is not stored");
            }
            boolean forSomeoneElse = submitter.userId() != sender.id();
            if (forSomeoneElse && credential.issuedAt() < credentialsFrom.applyAsLong(sender.id())) {
                // Whoever had the account before the reset may hold the key: only the user, logged in since, vouches.
                throw new Refused(ErrorCode.UNTRUSTED_PEER, "the sender's credential was issued before the administrator"
                        + " reset their password or disabled their account; only the sender can hand this message in now");
            }
            if (forSomeoneElse && credential.issuedAt() <= loggedOutKeys.loggedOutAt(sender.id(), credential.publicKey())) {
                // The client kept the private key until the logout: a copy taken before it may be anyone's. Up to and
                // including the logout's millisecond, so that one issued to a session as it logged out is ended too.
                throw new Refused(ErrorCode.UNTRUSTED_PEER, "the sender's credential was issued to a session that has"
                        + " since logged out; only the sender can hand this message in now");
            }
            if (forSomeoneElse) {
                limits.admitSubmitter(submitter.userId(), connection.address());
            }
            limits.admitSender(sender.id(), connection.address(), m.text());
            Send send = new Send(request.id(), m.clientMsgId(), m.conversation(), m.text(), m.sticker());
            PreparedSend prepared = check.check(send, sender.id(), NO_ORIGIN, true).orElseThrow();
            commit.apply(prepared.append().sentAt(m.sentAt(), NO_ORIGIN)).whenCompleteAsync((accepted, failure) -> {
                if (failure != null) {
                    connection.send(ErrorReplies.of(request.id(), failure, connection.id()));
                    return;
                }
                if (accepted.duplicate() && forSomeoneElse) {
                    // A copy stored nothing: the sender gets back what it cost (§7.11), the submitter has paid for it.
                    limits.refundSender(sender.id(), connection.address(), m.text());
                }
                StoredMessage stored = accepted.message();
                connection.send(new Ack(request.id(), m.clientMsgId(), stored.id(), prepared.asSeenBySender(), stored.seq(),
                        stored.sentAt(), accepted.duplicate()));
            }, connection.lane());
        });
    }
}
