package org.lanchat.appliance.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline (after TLS) of a connection refused at accept time: once the handshake is done, so
 * the client can read why, it sends the given frames and closes; whatever the client sends is discarded.
 */
final class RefusedConnection extends ChannelInboundHandlerAdapter {
    private final byte[] frames;
    private final boolean tls;

    RefusedConnection(byte[] frames, boolean tls) {
        this.frames = frames;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!tls) {
            sayWhyAndClose(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                sayWhyAndClose(ctx);
            } else {
                ctx.close();
            }
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void sayWhyAndClose(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(frames)).addListener(ChannelFutureListener.CLOSE);
    }
}
