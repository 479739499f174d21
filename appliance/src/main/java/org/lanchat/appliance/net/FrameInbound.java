package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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

    FrameInbound(FrameLimits limits) {
        this.decoder = new FrameDecoder(limits);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (!broken) {
                decoder.feed(bytes.nioBuffer(), ctx::fireChannelRead);
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

    /** Fired when the connection closed in the middle of a frame. */
    enum TruncatedStream { INSTANCE }
}
