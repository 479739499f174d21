package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameDecoder;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts the protocol's {@link FrameDecoder} to Netty: bytes in, one {@code byte[]} body per frame out.
 * A framing error goes up the pipeline as an exception (the session answers and closes), and everything
 * the peer sends after it is dropped unread. What a partly received frame holds beyond its free part comes from
 * the appliance's {@link FrameBudget}; when that runs short the connection pauses until it has room.
 */
final class FrameInbound extends ChannelInboundHandlerAdapter implements FrameBudget.Holder {
    private static final Logger log = LoggerFactory.getLogger(FrameInbound.class);
    /** Evictions are told at most once a minute: under an attack there is one for every frame that needs room. */
    private static final AtomicLong lastEvictionLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    private final FrameDecoder decoder;
    private final FrameBudget.Share budget;
    private boolean broken;
    /** Set by a later handler while it reads a frame: the bytes after that frame are not frames (§7.25). */
    private boolean handedOver;
    /** {@link System#nanoTime} of the last bytes read, of the connection's start, or of the last idle report. */
    private long heardAt = System.nanoTime();
    /** What this connection's partly received frame holds of the {@link FrameBudget}; read by others to pick one to evict. */
    private volatile long taken;
    private volatile Channel channel;
    /** Read but not yet decoded while the frame waits for the budget; null when not waiting. */
    private CompositeByteBuf pending;
    /** The bytes the last refusal asked the budget for. */
    private long wanted;
    /** Whether the last refusal was for other addresses' frames, not this address's own: then waiting is not silence. */
    private boolean heldUpByOthers;
    private final FrameMemory memory = this::mayHold;

    FrameInbound(FrameLimits limits, FrameBudget.Share budget) {
        this.decoder = new FrameDecoder(limits);
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heardAt = System.nanoTime();
        ByteBuf bytes = (ByteBuf) msg;
        if (broken) {
            bytes.release();
        } else if (pending != null) {
            pending.addComponent(true, bytes); // the TLS engine's rest of a read that came after the pause
        } else {
            decode(ctx, bytes);
        }
    }

    /** Decodes what {@code bytes} holds, taking ownership of it; keeps the rest if the budget runs short. */
    private void decode(ChannelHandlerContext ctx, ByteBuf bytes) {
        java.nio.ByteBuffer in = bytes.nioBuffer();
        try {
            boolean consumed = decoder.feed(in, body -> {
                ctx.fireChannelRead(body);
                if (handedOver) {
                    throw HandedOver.INSTANCE; // stop decoding right after this frame
                }
            }, memory);
            settle();
            if (!consumed) {
                pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                pending.addComponent(true, bytes.retainedSlice(bytes.readerIndex() + in.position(), in.remaining()));
                waitForBudget(ctx);
            }
        } catch (HandedOver e) {
            settle();
            ByteBuf rest = bytes.retainedSlice(bytes.readerIndex() + in.position(), in.remaining());
            ctx.pipeline().remove(this);
            if (rest.isReadable()) {
                ctx.fireChannelRead(rest);
            } else {
                rest.release();
            }
        } catch (ProtocolException e) {
            broken = true;
            giveBackAll();
            ctx.fireExceptionCaught(e);
        } finally {
            bytes.release();
        }
    }

    /** Grants what the frame's growth draws on the budget, if the budget has it. */
    private boolean mayHold(int held, int grown) {
        long extra = FrameBudget.budgeted(grown) - taken;
        if (extra <= 0) {
            return true;
        }
        FrameBudget.Outcome outcome = budget.tryTake(extra);
        if (outcome == FrameBudget.Outcome.TAKEN) {
            if (taken == 0) {
                budget.holding(this);
            }
            taken += extra;
            return true;
        }
        wanted = extra;
        heldUpByOthers = outcome == FrameBudget.Outcome.BUDGET_FULL;
        return false;
    }

    /** Stops reading until the budget has room again; the kernel holds what the client sends meanwhile. */
    private void waitForBudget(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        budget.whenFreed(() -> ctx.executor().execute(() -> resume(ctx)));
        if (budget.hasRoomFor(wanted)) {
            ctx.executor().execute(() -> resume(ctx)); // freed between the refusal and the registration
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        if (pending == null || broken || !ctx.channel().isActive()) {
            return;
        }
        ByteBuf waited = pending;
        pending = null;
        decode(ctx, waited);
        if (pending == null && !broken && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Gives back what the decoder no longer holds: all of it once a frame is complete. */
    private void settle() {
        long needed = FrameBudget.budgeted(decoder.heldBytes());
        if (needed < taken) {
            long back = taken - needed;
            taken = needed;
            if (needed == 0) {
                budget.released(this);
            }
            budget.giveBack(back);
        }
    }

    private void giveBackAll() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        long back = taken;
        taken = 0;
        budget.released(this);
        budget.giveBack(back);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public long held() {
        return taken;
    }

    /** Called by the budget on another connection's thread: this one's address holds more than an equal share. */
    @Override
    public void evict() {
        Channel mine = channel;
        if (mine != null) {
            mine.eventLoop().execute(() -> {
                if (mine.isActive() && taken > 0) {
                    long now = System.nanoTime();
                    long last = lastEvictionLogged.get();
                    if (now - last >= TimeUnit.MINUTES.toNanos(1) && lastEvictionLogged.compareAndSet(last, now)) {
                        log.info("Closed a connection from {} inside a frame: its address held more than an equal share"
                                + " of the memory for partly received frames, and another address needed room (told once"
                                + " a minute)", mine.remoteAddress());
                    }
                    mine.close();
                }
            });
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBackAll();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!broken && decoder.isMidFrame()) {
            // The peer hung up inside a frame; there is nobody left to tell, but the session logs it.
            ctx.fireUserEventTriggered(TruncatedStream.INSTANCE);
        }
        giveBackAll();
        ctx.fireChannelInactive();
    }

    /**
     * Called by a later handler, on the I/O thread, while it handles the frame just decoded: from the next byte on the
     * connection carries something else than frames. This handler leaves the pipeline and passes the bytes after that
     * frame, and all later ones, on untouched.
     */
    void handOver() {
        handedOver = true;
    }

    /**
     * Called by {@link IdleSweep} on the I/O thread: if nothing was read for {@code timeoutNanos}, tells the later
     * handlers with a reader-idle event and starts the count again.
     */
    void reportIfSilent(ChannelHandlerContext ctx, long now, long timeoutNanos) {
        if (pending != null && heldUpByOthers) {
            // Not read because other addresses hold the budget: the silence is ours, not the client's. Timing it out
            // made the colleague the one removed while the connections holding the budget trickled on. A connection
            // held up by its own address's share is timed out as before.
            heardAt = now;
            return;
        }
        if (now - heardAt >= timeoutNanos) {
            heardAt = now;
            ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        }
    }

    /** Breaks out of the decoder at a hand-over; carries no stack, it is no error. */
    private static final class HandedOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final HandedOver INSTANCE = new HandedOver();

        private HandedOver() {
            super("handed over", null, false, false);
        }
    }

    /** Fired when the connection closed in the middle of a frame. */
    enum TruncatedStream { INSTANCE }
}
