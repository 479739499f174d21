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
 *
 * <p>With JetStream ({@link RunSpec.Server#JETSTREAM}) a private send is published to the stored subject
 * {@code p.<to>} with the reply subject {@code r.<sender>.<request id numbers>.k}, to which the stream answers with
 * its PubAck once the message is stored: the ack's numbers come back in the subject, as LAN Chat's come back in the
 * ack's id. A member reads its inbox from the stream, not from the subject: its consumer pushes what was stored under
 * {@code p.<index>} to {@code d.<index>} (see {@code ReferenceServers.jetStream}), so a delivery is a stored message.
 */
final class NatsWire extends Wire {
    private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    private final SslContext tls;
    private final boolean jetStream;
    /** The numbers of the PubAck whose payload is pending, until the payload shows it is not an error. */
    private final Payload.Fields ack = new Payload.Fields();
    private boolean greeted;
    private int payloadPending = -1;
    private boolean ackPending;

    NatsWire(Member member, RunSpec spec, SslContext tls) {
        super(member, spec);
        this.tls = tls;
        this.jetStream = spec.server() == RunSpec.Server.JETSTREAM;
    }

    @Override
    ByteBuf encodeSend(ByteBufAllocator alloc, int to, byte[] text, String requestId) {
        String subject = to < 0 ? "g" : "p." + to;
        // The request id is "a" and the payload numbers; the trailing token ends the last number for the parser.
        String reply = jetStream ? " r." + member.index + "." + requestId.substring(1) + ".k" : "";
        byte[] head = ("PUB " + subject + reply + " " + text.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
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
                if (!ackPending) {
                    member.delivered(in, from, from + payloadPending);
                } else if (Payload.indexOf(in, from, from + payloadPending, ERROR) >= 0) {
                    member.error("jetstream: " + in.toString(from, payloadPending, StandardCharsets.US_ASCII));
                } else {
                    member.acked(ack);
                }
                ackPending = false;
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
                if (jetStream && in.getByte(from + 4) == 'r') { // MSG r.<index>.<numbers>.k: a PubAck
                    int numbers = in.indexOf(from + 6, end, (byte) '.') + 1;
                    ackPending = numbers > 0 && Payload.parseNumbers(in, numbers, end, ack);
                }
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
                + (jetStream ? "SUB d." + member.index + " 2\r\nSUB r." + member.index + ".> 3\r\n"
                        : "SUB g 1\r\nSUB p." + member.index + " 2\r\n")
                + "PING\r\n";
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
