package org.lanchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * One server's wire protocol, reduced to what the benchmark needs: log in or subscribe, publish a text
 * to the group or to one member, and recognise deliveries in the inbound bytes without building
 * objects. One instance per connection (it holds the decoder's cumulation); encoding is thread-safe.
 */
abstract class Wire extends ByteToMessageDecoder {
    protected final Member member;
    protected final RunSpec spec;

    Wire(Member member, RunSpec spec) {
        this.member = member;
        this.spec = spec;
    }

    /** A publish of {@code text} to the group ({@code to < 0}) or to member {@code to}. */
    abstract ByteBuf encodeSend(ByteBufAllocator alloc, int to, byte[] text, String requestId);

    /** A keep-alive to send now and then, or null when the protocol needs none from the client. */
    ByteBuf ping(ByteBufAllocator alloc) {
        return null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        member.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!member.ready) {
            member.error("connection failed: " + cause);
        }
        ctx.close();
    }

    static ByteBuf ascii(ByteBufAllocator alloc, String s) {
        ByteBuf b = alloc.buffer(s.length());
        b.writeCharSequence(s, java.nio.charset.StandardCharsets.US_ASCII);
        return b;
    }
}
