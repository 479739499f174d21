package org.lanchat.appliance.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanchat.appliance.core.ClientAddresses;
import org.lanchat.appliance.core.FairQueue;
import org.lanchat.protocol.frame.Frames;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.MessageCodec;

/**
 * Builds and writes one connection's history pages, one at a time, each holding one of the appliance's
 * page turns until it has gone to the socket, not merely been queued. One connection therefore cannot
 * take every permit; one that asks for pages and then stops reading is cut off as a slow consumer when
 * its page has not gone out by the deadline, and its permit returns at once rather than after the TLS
 * close.
 */
final class HistoryPager {
    private final HistoryPages pages;
    private final Connection connection;
    private final Semaphore pageOnItsWay = new Semaphore(1, true);

    HistoryPager(HistoryPages pages, Connection connection) {
        this.pages = pages;
        this.connection = connection;
    }

    /** Builds and writes the page; blocks (call on a worker) while other pages are on their way. */
    void send(HistoryRequest request, Identity me) {
        pageOnItsWay.acquireUninterruptibly();
        FairQueue turns = pages.turns();
        FairQueue.Place turn = turns.enter(ClientAddresses.counted(connection.address()), me.userId(), false);
        FairQueue.awaitTurn(turn);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                turns.leave(turn);
                pageOnItsWay.release();
            }
        };
        if (!connection.channel().isActive()) { // gone while it waited its turn: nobody to build the page for
            release.run();
            return;
        }
        ChannelFuture written;
        try {
            byte[] frame = fittedFrame(pages.source().page(request, me.userId()), connection.codec());
            written = connection.channel().writeAndFlush(Unpooled.wrappedBuffer(frame));
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
        long deadline = pages.deadline().toSeconds();
        ScheduledFuture<?> cutOff = connection.channel().eventLoop().schedule(() -> {
            if (!written.isDone()) {
                connection.cutOff("(" + me.username() + ") has not read a history page in " + deadline + " s");
                release.run();
            }
        }, deadline, TimeUnit.SECONDS);
        written.addListener(done -> {
            cutOff.cancel(false);
            release.run();
        });
    }

    /**
     * The page as one frame. A page of long messages can outgrow the frame limit (200 x 4000 CJK
     * characters is ~2.4 MB): it is cut short (§7.6) until it fits, nearest first, saying there is more.
     */
    static byte[] fittedFrame(HistoryPage page, MessageCodec codec) {
        int budget = codec.limits().maxFrameBytes();
        HistoryPage fitted = page;
        byte[] body = codec.encodeBody(fitted);
        while (body.length > budget && fitted.messages().size() > 1) {
            fitted = new HistoryPage(fitted.id(), fitted.conversation(),
                    fitted.messages().subList(0, fitted.messages().size() / 2), true, fitted.clearedThrough());
            body = codec.encodeBody(fitted);
        }
        return Frames.frame(body, codec.limits()); // one message too long for any frame: frame_too_large
    }
}
