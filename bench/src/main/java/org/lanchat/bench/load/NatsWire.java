package org.lanchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The NATS client protocol (text lines, {@code MSG} with a byte count). Each member subscribes to the
 * group subject {@code g} and its own {@code p.<index>}; {@code echo:false} keeps a publisher's own
 * group messages from coming back, as the appliance leaves out the sender. With TLS, NATS 2.9 sends its
 * INFO in clear and the client upgrades the connection after it.
 */
final class NatsWire extends Wire {
    private final SslContext tls;
    private boolean greeted;
    private int payloadPending = -1;

    NatsWire(Member member, RunSpec spec, SslContext tls) {
        super(member, spec);
        this.tls = tls;
    }

    @Override
    ByteBuf encodeSend(ByteBufAllocator alloc, int to, byte[] text, String requestId) {
        String subject = to < 0 ? "g" : "p." + to;
        byte[] head = ("PUB " + subject + " " + text.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf b = alloc.buffer(head.length + text.length + 2);
        b.writeBytes(head).writeBytes(text).writeByte('\r').writeByte('\n');
        return b;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (payloadPending >= 0) {
                if (in.readableBytes() < payloadPending + 2) {
                    return;
                }
                int from = in.readerIndex();
                member.delivered(in, from, from + payloadPending);
                in.skipBytes(payloadPending + 2);
                payloadPending = -1;
                continue;
            }
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return;
            }
            int from = in.readerIndex();
            int end = eol > from && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
            byte c0 = in.getByte(from);
            byte c1 = end - from > 1 ? in.getByte(from + 1) : 0;
            in.readerIndex(eol + 1);
            if (c0 == 'M') { // MSG <subject> <sid> [reply-to] <#bytes>
                payloadPending = lastNumber(in, from, end);
            } else if (c0 == 'P' && c1 == 'I') { // PING
                ctx.writeAndFlush(ascii(ctx.alloc(), "PONG\r\n"));
            } else if (c0 == 'P' && c1 == 'O') { // PONG: our subscriptions are in place
                member.ready();
            } else if (c0 == 'I' && !greeted) { // INFO
                greeted = true;
                greet(ctx);
            } else if (c0 == '-') {
                member.error("nats: " + in.toString(from, end - from, StandardCharsets.US_ASCII));
            }
        }
    }

    private void greet(ChannelHandlerContext ctx) {
        if (tls != null) {
            SslHandler handler = tls.newHandler(ctx.alloc(), spec.host(), spec.port(member.index));
            ctx.pipeline().addFirst("tls", handler);
        }
        String connect = "CONNECT {\"verbose\":false,\"pedantic\":false,\"tls_required\":" + (tls != null)
                + ",\"echo\":false,\"name\":\"" + spec.username(member.index) + "\",\"lang\":\"java\",\"version\":\"1\",\"protocol\":1}\r\n"
                + "SUB g 1\r\nSUB p." + member.index + " 2\r\nPING\r\n";
        ctx.writeAndFlush(ascii(ctx.alloc(), connect));
    }

    private static int lastNumber(ByteBuf in, int from, int end) {
        int i = end - 1;
        while (i > from && in.getByte(i) == ' ') {
            i--;
        }
        int value = 0;
        int scale = 1;
        for (; i >= from; i--) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value += (b - '0') * scale;
            scale *= 10;
        }
        return value;
    }
}
