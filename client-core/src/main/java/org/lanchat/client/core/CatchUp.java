package org.lanchat.client.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetching what the client missed (PROTOCOL.md §7.5): after every login, the conversation list and, for each
 * conversation, everything after the last sequence number held without a gap, or the newest page of one new
 * here; during the session, the gap before a live message that skipped numbers. Confined to the client's loop.
 */
final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    /** History requests on their way at once; the rest wait (see {@link #inTurn}). */
    static final int PAGES_AT_ONCE = 8;

    private final Requests requests;
    private final ConversationBook book;
    private final ClientListener events;
    private final int initialPageSize;
    private final IntSupplier pageMax;
    private CompletableFuture<Void> done = new CompletableFuture<>();
    /** History pages asked for and not yet answered, and the asks waiting for their turn. */
    private int pagesOnTheirWay;
    private final Deque<Runnable> pagesWaiting = new ArrayDeque<>();

    /**
     * @param initialPageSize how many of the newest messages to load for a conversation new here
     * @param pageMax         the appliance's largest page ({@code historyPageMax})
     */
    CatchUp(Requests requests, ConversationBook book, ClientListener events, int initialPageSize, IntSupplier pageMax) {
        this.requests = requests;
        this.book = book;
        this.events = events;
        this.initialPageSize = initialPageSize;
        this.pageMax = pageMax;
    }

    /** Catches up after a login or resume; tells {@link ClientEvent.CaughtUp} when done. */
    CompletableFuture<Void> run() {
        if (done.isDone()) {
            done = new CompletableFuture<>();
        }
        CompletableFuture<Void> waiting = done;
        return requests.request(ConversationRequest.ConversationsRequest::new, ConversationMessage.ConversationList.class)
                .thenCompose(list -> {
                    List<CompletableFuture<Void>> syncs = new ArrayList<>();
                    for (ConversationInfo info : list.conversations()) {
                        if (info.readThrough() != null) {
                            // Before the messages: what another device read is not unread here.
                            book.ownMark(info.conversation(), info.readThrough());
                        }
                        syncs.add(sync(info));
                        announceReadMarks(info);
                    }
                    for (ConversationLog conv : book.all()) {
                        // A conversation opened here that the appliance does not list yet has no messages.
                        if (conv.lastSeenSeq().isEmpty() && !conv.syncing() && book.isActive(conv)) {
                            syncs.add(loadNewest(conv, Long.MAX_VALUE));
                        }
                    }
                    return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
                })
                .whenComplete((v, failure) -> {
                    if (failure == null) {
                        events.onEvent(new ClientEvent.CaughtUp());
                        waiting.complete(null);
                    } else if (worthWarning(Failures.unwrap(failure), waiting.isDone())) {
                        log.warn("Catching up after login failed: {}", Failures.unwrap(failure).toString());
                        waiting.completeExceptionally(Failures.unwrap(failure));
                    }
                });
    }

    /**
     * Whether a failed catch-up is news. A lost connection is caught up after the resume; a session that ended
     * meanwhile (a logout right after the login, as {@code lanchat logout} does) refuses the catch-up's last
     * requests with not_authenticated, which is only the logout being faster.
     */
    static boolean worthWarning(Throwable cause, boolean sessionEnded) {
        boolean loggedOutMeanwhile = sessionEnded
                || cause instanceof ChatException refused && refused.code() == ErrorCode.NOT_AUTHENTICATED;
        return !loggedOutMeanwhile && !(cause instanceof ConnectionClosedException);
    }

    /** Completes when the client has caught up after its current (or next) login. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** The session ended: nobody should wait for a catch-up that will not come. */
    void abandon(String why) {
        done.completeExceptionally(new IllegalStateException("the session ended: " + why));
    }

    /** A message pushed live: stored, and any gap before it fetched. */
    void live(ChatMessage m) {
        ConversationLog conv = book.live(m);
        if (conv.syncing()) {
            return;
        }
        if (conv.lastSeenSeq().isEmpty()) {
            loadNewest(conv, m.seq());
        } else if (m.seq() > conv.lastSeenSeq().get() + 1) {
            fetchAfter(conv, conv.lastSeenSeq().get());
        }
    }

    /** The user opened a conversation: its newest page, if the client holds none of it yet. */
    void opened(ConversationLog conv) {
        if (conv.lastSeenSeq().isEmpty() && !conv.syncing()) {
            loadNewest(conv, Long.MAX_VALUE);
        }
    }

    /** Asks the appliance how far the conversation is cleared now, and hides that much here. */
    CompletableFuture<Void> refreshClear(Conversation conversation) {
        return requests.request(ConversationRequest.ConversationsRequest::new, ConversationMessage.ConversationList.class)
                .thenAccept(list -> list.conversations().stream()
                        .filter(info -> ConversationBook.key(info.conversation()).equals(ConversationBook.key(conversation)))
                        .findFirst()
                        .ifPresent(info -> book.clear(book.log(info.conversation()), info.clearedThrough())));
    }

    /** A page of history older than {@code beforeSeq} (0: the newest), straight from the appliance, oldest first. */
    CompletableFuture<HistorySlice> older(Conversation conversation, long beforeSeq, int limit) {
        return page(conversation, beforeSeq > 0 ? beforeSeq : null, null, limit)
                .thenApply(page -> new HistorySlice(page.conversation() == null ? conversation : page.conversation(),
                        page.messages().reversed().stream().map(book::entry).toList(), page.hasMore(),
                        page.clearedThrough()));
    }

    /** A page of history newer than {@code afterSeq}, straight from the appliance, oldest first. */
    CompletableFuture<HistorySlice> newer(Conversation conversation, long afterSeq, int limit) {
        return page(conversation, null, afterSeq, limit)
                .thenApply(page -> new HistorySlice(page.conversation() == null ? conversation : page.conversation(),
                        page.messages().stream().map(book::entry).toList(), page.hasMore(), page.clearedThrough()));
    }

    /** One history page, halving the limit while the appliance says the page would not fit in a frame. */
    CompletableFuture<HistoryPage> page(Conversation conversation, Long before, Long after, int limit) {
        return inTurn(() -> requests.request(id -> new ConversationRequest.HistoryRequest(id, conversation, before, after, limit),
                        HistoryPage.class))
                .exceptionallyCompose(failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    if (cause instanceof ChatException chat && chat.code() == ErrorCode.FRAME_TOO_LARGE && limit > 1) {
                        return page(conversation, before, after, limit / 2);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /**
     * Asks for a page once fewer than {@link #PAGES_AT_ONCE} are on their way. The appliance answers {@code busy} past
     * 32 requests in progress on one connection (PROTOCOL.md §4.2), and catching up asked for every conversation's
     * page at once: a user in more conversations than that never caught up.
     */
    private <T> CompletableFuture<T> inTurn(Supplier<CompletableFuture<T>> ask) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable turn = () -> {
            pagesOnTheirWay++;
            ask.get().whenComplete((page, failure) -> {
                pagesOnTheirWay--;
                Runnable next = pagesWaiting.poll();
                if (next != null) {
                    next.run();
                }
                if (failure == null) {
                    result.complete(page);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        };
        if (pagesOnTheirWay < PAGES_AT_ONCE) {
            turn.run();
        } else {
            pagesWaiting.add(turn);
        }
        return result;
    }

    /** The marks the appliance keeps (§7.18), for a client that missed the {@code read} events while away. */
    private void announceReadMarks(ConversationInfo info) {
        if (info.readThrough() != null && info.readThrough() > 0 && book.owner() != null) {
            events.onEvent(new ClientEvent.ReadMarkChanged(info.conversation(), book.owner(), info.readThrough()));
        }
        if (info.peerReadThrough() != null && info.peerReadThrough() > 0) {
            events.onEvent(new ClientEvent.ReadMarkChanged(info.conversation(), info.conversation().peer(),
                    info.peerReadThrough()));
        }
    }

    private CompletableFuture<Void> sync(ConversationInfo info) {
        ConversationLog conv = book.log(info.conversation());
        conv.canonical(info.conversation());
        book.clear(conv, info.clearedThrough());
        if (conv.syncing()) {
            return CompletableFuture.completedFuture(null);
        }
        if (conv.lastSeenSeq().isEmpty()) {
            // New to this client: what is above the user's mark is unread; without a mark, nothing is counted.
            return loadNewest(conv, conv.readThrough() > 0 ? conv.readThrough() : Long.MAX_VALUE);
        }
        long from = Math.max(conv.lastSeenSeq().get(), conv.clearedThrough());
        if (info.lastSeq() <= from) {
            return CompletableFuture.completedFuture(null);
        }
        return fetchAfter(conv, from);
    }

    /**
     * The newest page of a conversation new to this client, counting as unread only what came after
     * {@code countAfter}: when a live message opened the conversation, those after it arrived while the
     * page was on its way and may be in the page before they arrive live.
     */
    private CompletableFuture<Void> loadNewest(ConversationLog conv, long countAfter) {
        conv.syncing(true);
        return page(conv.conversation(), null, null, initialPageSize)
                .thenAccept(page -> {
                    book.clear(conv, page.clearedThrough());
                    long newest = 0;
                    for (ChatMessage m : page.messages().reversed()) {
                        book.fromHistory(m, m.seq() > countAfter);
                        newest = Math.max(newest, m.seq());
                    }
                    conv.seenThrough(Math.max(newest, page.clearedThrough()));
                    events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
                })
                .whenComplete((v, failure) -> conv.syncing(false));
    }

    /** Everything after {@code from}, page by page: what was missed while away; counted as unread. */
    private CompletableFuture<Void> fetchAfter(ConversationLog conv, long from) {
        conv.syncing(true);
        return page(conv.conversation(), null, from, pageMax.getAsInt())
                .thenCompose(page -> {
                    long last = from;
                    for (ChatMessage m : page.messages()) {
                        book.fromHistory(m, true);
                        last = Math.max(last, m.seq());
                    }
                    if (page.hasMore() && last > from) {
                        return fetchAfter(conv, last);
                    }
                    conv.seenThrough(last);
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .whenComplete((v, failure) -> conv.syncing(false));
    }
}
