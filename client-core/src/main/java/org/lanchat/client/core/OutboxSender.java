package org.lanchat.client.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.lanchat.client.core.Outbox.Item;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.PeerRequest;
import org.lanchat.protocol.message.Posting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the user typed and keeps it until the appliance acknowledges it (PROTOCOL.md §7.3): each message
 * goes out with its client message id, and goes out again — with the same id, so it is committed once — after
 * a refusal worth retrying, a timeout, or a reconnect. A message refused for good is marked failed and waits
 * for the user to retry it. Confined to the client's loop.
 */
final class OutboxSender {
    /** Sends a message over peer links while the appliance is away (PROTOCOL.md §7.14). */
    interface DirectSending {
        /** Signs and sends it to the colleagues reachable now; empty when peer mode is off. */
        Optional<Signed> sendDirectly(ChatEntry entry);
    }

    /**
     * A message signed to go directly, and whether a colleague's link took it now. One that reached nobody yet is
     * still on its way: it goes to colleagues as they are linked, and to the appliance when it is back.
     */
    record Signed(PeerAssistStore.Held held, boolean reachedSomeone) {
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** How long to wait before resending after a timeout, or a refusal that named no wait. */
    static final Duration RESEND = Duration.ofSeconds(1);

    private final Outbox outbox = new Outbox();
    private final Requests requests;
    private final ConversationBook book;
    private final Scheduler scheduler;
    private final BooleanSupplier online;
    private final DirectSending direct;

    /** @param online whether requests can go out now (logged in on an open connection) */
    OutboxSender(Requests requests, ConversationBook book, Scheduler scheduler, BooleanSupplier online) {
        this(requests, book, scheduler, online, entry -> Optional.empty());
    }

    OutboxSender(Requests requests, ConversationBook book, Scheduler scheduler, BooleanSupplier online, DirectSending direct) {
        this.requests = requests;
        this.book = book;
        this.scheduler = scheduler;
        this.online = online;
        this.direct = direct;
    }

    /** Queues a message the user typed, shows it as pending, and sends it if the client is online. */
    void add(ChatEntry pending) {
        outbox.add(pending);
        book.store(pending, false, false);
        flush();
    }

    /**
     * Sends every pending message that is not on the wire; while the appliance is away, sends those not yet sent
     * directly over peer links instead, and shows them as sent directly.
     */
    void flush() {
        if (!online.getAsBoolean()) {
            for (Item item : outbox.waiting()) {
                // A file lives on the appliance (§7.24): its message waits for it rather than going to peers as a bare name.
                if (item.direct == null && !item.entry.hasFile()) {
                    direct.sendDirectly(item.entry).ifPresent(signed -> {
                        item.direct = signed.held();
                        if (signed.reachedSomeone()) {
                            item.entry = item.entry.withDelivery(Delivery.DIRECT, Optional.empty());
                            book.store(item.entry, false, false);
                        }
                    });
                }
            }
            return;
        }
        if (outbox.overtakableInFlight()) {
            return; // the rest follow its acknowledgement, in the order they were typed
        }
        for (Item item : outbox.waiting()) {
            transmit(item);
            if (Outbox.mayBeOvertaken(item)) {
                break;
            }
        }
    }

    /** Queues a failed message again, with its client message id. */
    void retry(String clientMsgId) {
        outbox.get(clientMsgId).ifPresent(item -> {
            item.entry = item.entry.withDelivery(Delivery.PENDING, Optional.empty());
            book.store(item.entry, false, false);
            flush();
        });
    }

    /**
     * The acknowledged entry, once it is: at once if it already is, failed if the appliance refused it for good
     * (or the user logged out first). A message still waiting for a connection keeps the future waiting.
     */
    CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
        Optional<Item> queued = outbox.get(sent.clientMsgId());
        if (queued.isPresent()) {
            Item item = queued.get();
            if (item.entry.delivery() == Delivery.FAILED) {
                return CompletableFuture.failedFuture(new MessageNotSentException(item.entry));
            }
            CompletableFuture<ChatEntry> waiting = new CompletableFuture<>();
            item.waiting.add(waiting);
            return waiting;
        }
        return book.own(sent.conversation(), sent.clientMsgId())
                .filter(entry -> entry.delivery() == Delivery.DELIVERED)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalArgumentException(
                        "no message " + sent.clientMsgId() + " was sent from this client")));
    }

    /** The connection is gone: what was on the wire goes out again after the reconnect. */
    void offTheWire() {
        outbox.allOffTheWire();
    }

    /** Gives up on every message, showing each as failed for {@code why} (the user logged out). */
    void failAll(ClientProblem why) {
        for (Item item : outbox.drain()) {
            fail(item, item.entry.withDelivery(Delivery.FAILED, Optional.of(why)));
        }
    }

    /** Forgets every message without showing anything: they belonged to the previous user. */
    void dropAll() {
        for (Item item : outbox.drain()) {
            log.info("Dropping unsent message {} of the previous user", item.entry.clientMsgId());
            item.waiting.forEach(w -> w.completeExceptionally(new MessageNotSentException(
                    item.entry.withDelivery(Delivery.FAILED, Optional.of(ClientProblem.of(
                            ClientProblem.Kind.ANOTHER_USER_LOGGED_IN, "not sent: another user logged in"))))));
        }
    }

    private void transmit(Item item) {
        item.inFlight = true;
        int attempt = ++item.attempt;
        ChatEntry entry = item.entry;
        PeerAssistStore.Held signed = item.direct;
        // Sent directly: handed in as its colleagues got it, so that its send time is kept.
        requests.request(id -> signed != null ? new PeerRequest.SubmitDirect(id, signed.credential(), signed.message())
                        : new Posting.Send(id, entry.clientMsgId(), entry.conversation(), entry.text(), entry.sticker(),
                                entry.replyTo(), entry.hasFile() ? entry.attachment().fileId() : null),
                        ConversationMessage.Ack.class)
                .whenComplete((ack, failure) -> {
                    if (failure == null) {
                        acknowledged(item, ack);
                    } else if (item.attempt == attempt) {
                        item.inFlight = false;
                        refused(item, Failures.unwrap(failure));
                    }
                });
    }

    private void acknowledged(Item item, ConversationMessage.Ack ack) {
        if (outbox.get(item.entry.clientMsgId()).orElse(null) != item) {
            return; // acknowledged twice (a resend crossed the first ack), or given up meanwhile
        }
        outbox.remove(item.entry.clientMsgId());
        ChatEntry delivered = item.entry.acknowledged(ack.messageId(), ack.conversation(), ack.seq(), ack.sentAt());
        book.log(item.entry.conversation()).canonical(ack.conversation());
        book.store(delivered, false, false);
        item.waiting.forEach(w -> w.complete(delivered));
        if (Outbox.mayBeOvertaken(item)) {
            flush(); // what was typed after it waited for this
        }
    }

    private void refused(Item item, Throwable cause) {
        if (item.direct != null && cause instanceof ChatException chat && chat.code() == ErrorCode.UNTRUSTED_PEER) {
            // The appliance will not take it as sent directly (its credential lapsed meanwhile, say): send it
            // as typed now rather than lose it; only its send time becomes the appliance's.
            log.info("Message {} not taken as sent directly ({}); sending it again", item.entry.clientMsgId(), chat.getMessage());
            item.direct = null;
            flush();
        } else if (cause instanceof ChatException chat && chat.code().retryable()) {
            scheduler.after(chat.retryAfter().orElse(RESEND), this::flush);
        } else if (cause instanceof ChatException || cause instanceof ProtocolException) {
            // Refused for good (or larger than the appliance accepts): sending it again cannot help.
            fail(item, item.entry.withDelivery(Delivery.FAILED, Optional.of(ClientProblem.of(cause))));
            if (Outbox.mayBeOvertaken(item)) {
                flush();
            }
        } else if (online.getAsBoolean()) {
            // Timed out on a live connection: send again (the same id cannot be committed twice).
            scheduler.after(RESEND, this::flush);
        }
        // Otherwise the connection is gone; the message waits for the reconnect.
    }

    private void fail(Item item, ChatEntry failed) {
        item.entry = failed;
        book.store(failed, false, false);
        item.waiting.forEach(w -> w.completeExceptionally(new MessageNotSentException(failed)));
        item.waiting.clear();
    }
}
