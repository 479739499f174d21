package org.lanchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.Frames;

/**
 * Our protocol, spoken directly: 4-byte length, JSON body. Requests are written as literal JSON (the
 * generator must stay cheaper than the server), and replies are classified by the {@code type} the
 * appliance writes first, without parsing the body.
 */
final class LanChatWire extends Wire {
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_MEMBER = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK_ID = "\"id\":\"a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = frame("{\"type\":\"ping\",\"id\":\"p\"}");
    private static final String ID_PREFIX = String.format("%012x-", System.currentTimeMillis());
    private static final AtomicLong ID_COUNT = new AtomicLong();

    LanChatWire(Member member, RunSpec spec) {
        super(member, spec);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // Pipelined: the appliance handles requests in order, so no need to wait for welcome.
        ByteBuf login = ctx.alloc().buffer(256);
        login.writeBytes(frame("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":" + Protocol.VERSION
                + ",\"client\":\"lanchat-bench\"}"));
        login.writeBytes(frame("{\"type\":\"resume\",\"id\":\"r\",\"token\":\"" + spec.token(member.index) + "\"}"));
        ctx.writeAndFlush(login);
        super.channelActive(ctx);
    }

    @Override
    ByteBuf encodeSend(ByteBufAllocator alloc, int to, byte[] text, String requestId) {
        String conversation = to < 0 ? "group" : "@" + spec.username(to);
        byte[] head = ("{\"type\":\"send\",\"id\":\"" + requestId + "\",\"clientMsgId\":\"" + nextClientMsgId()
                + "\",\"conversation\":\"" + conversation + "\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
        int length = head.length + text.length + 2;
        ByteBuf b = alloc.buffer(4 + length);
        b.writeInt(length).writeBytes(head).writeBytes(text).writeByte('"').writeByte('}');
        return b;
    }

    /**
     * Ids that sort in the order they are made, as LAN Chat's own clients' version 7 UUIDs do (PROTOCOL §7.3), so the
     * store does the work it does for them: this process's start time, then a count.
     */
    private static String nextClientMsgId() {
        return ID_PREFIX + String.format("%012x", ID_COUNT.incrementAndGet());
    }

    @Override
    ByteBuf ping(ByteBufAllocator alloc) {
        return alloc.buffer(PING.length).writeBytes(PING);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int start = in.readerIndex();
            long length = in.getUnsignedInt(start);
            if (length == 0 || length > FrameLimits.DEFAULT_MAX_FRAME_BYTES) {
                member.error("bad frame length " + length);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int from = start + 4;
            int to = from + (int) length;
            onFrame(in, from, to);
            in.readerIndex(to);
        }
    }

    private void onFrame(ByteBuf in, int from, int to) {
        int type = typeStart(in, from, to);
        if (type < 0 || type + 3 > to) {
            return;
        }
        byte c0 = in.getByte(type);
        byte c1 = in.getByte(type + 1);
        switch (c0) {
            case 'm' -> member.delivered(in, type, to); // message
            case 'a' -> {
                if (c1 == 'c') { // ack
                    int id = Payload.indexOf(in, type, to, ACK_ID);
                    if (id >= 0) {
                        member.acked(in, id + ACK_ID.length, to);
                    }
                }
            }
            case 's' -> member.ready(); // session: logged in
            case 'e' -> member.error("appliance error: " + in.toString(from, Math.min(to - from, 300), StandardCharsets.UTF_8));
            case 'b' -> member.error("appliance said bye: " + in.toString(from, Math.min(to - from, 300), StandardCharsets.UTF_8));
            default -> {
                // welcome, roster, presence, pong: nothing to count
            }
        }
    }

    /** Index of the first character of the type name. The appliance writes {@code type} first; others may not. */
    private static int typeStart(ByteBuf in, int from, int to) {
        boolean prefixed = to - from > TYPE_PREFIX.length;
        for (int i = 0; prefixed && i < TYPE_PREFIX.length; i++) {
            prefixed = in.getByte(from + i) == TYPE_PREFIX[i];
        }
        if (prefixed) {
            return from + TYPE_PREFIX.length;
        }
        int at = Payload.indexOf(in, from, to, TYPE_MEMBER);
        return at < 0 ? -1 : at + TYPE_MEMBER.length;
    }

    private static byte[] frame(String json) {
        return Frames.frame(json.getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT);
    }
}
