package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameDecoder;
import org.lanchat.protocol.frame.FrameLimits;

/**
 * Adapts the protocol's {@link FrameDecoder} to Netty: bytes in, one {@code byte[]} body per frame out.
 * A framing error goes up the pipeline as an exception (the session answers and closes), and everything
 * the peer sends after it is dropped unread.
 */
final class FrameInbound extends ChannelInboundHandlerAdapter {
    private final FrameDecoder decoder;
    private boolean broken;
    /** Set by a later handler while it reads a frame: the bytes after that frame are not frames (§7.25). */
    private boolean handedOver;
    /** {@link System#nanoTime} of the last bytes read, of the connection's start, or of the last idle report. */
    private long heardAt = System.nanoTime();

    FrameInbound(FrameLimits limits) {
        this.decoder = new FrameDecoder(limits);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heardAt = System.nanoTime();
        ByteBuf bytes = (ByteBuf) msg;
        java.nio.ByteBuffer in = bytes.nioBuffer();
        try {
            if (!broken) {
                decoder.feed(in, body -> {
                    ctx.fireChannelRead(body);
                    if (handedOver) {
                        throw HandedOver.INSTANCE; // stop decoding right after this frame
                    }
                });
            }
        } catch (HandedOver e) {
            ByteBuf rest = bytes.retainedSlice(bytes.readerIndex() + in.position(), in.remaining());
            ctx.pipeline().remove(this);
            if (rest.isReadable()) {
                ctx.fireChannelRead(rest);
            } else {
                rest.release();
            }
        } catch (ProtocolException e) {
            broken = true;
            ctx.fireExceptionCaught(e);
        } finally {
            bytes.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!broken && decoder.isMidFrame()) {
            // The peer hung up inside a frame; there is nobody left to tell, but the session logs it.
            ctx.fireUserEventTriggered(TruncatedStream.INSTANCE);
        }
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
