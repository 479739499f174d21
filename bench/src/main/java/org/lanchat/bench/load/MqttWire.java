package org.lanchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * MQTT 3.1.1 at QoS 0, clean session, no keep-alive: each member subscribes to {@code g} and its own
 * {@code p/<index>}. MQTT 3.1.1 has no "no local", so a publisher gets its own group messages back; the
 * member drops those (see {@link Member#delivered}).
 */
final class MqttWire extends Wire {
    MqttWire(Member member, RunSpec spec) {
        super(member, spec);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        byte[] clientId = spec.username(member.index).getBytes(StandardCharsets.US_ASCII);
        ByteBuf b = ctx.alloc().buffer(32);
        int remaining = 10 + 2 + clientId.length;
        b.writeByte(0x10);
        writeLength(b, remaining);
        b.writeShort(4).writeBytes("MQTT".getBytes(StandardCharsets.US_ASCII));
        b.writeByte(4); // protocol level 3.1.1
        b.writeByte(0x02); // clean session
        b.writeShort(0); // keep-alive off
        b.writeShort(clientId.length).writeBytes(clientId);
        ctx.writeAndFlush(b);
        super.channelActive(ctx);
    }

    @Override
    ByteBuf encodeSend(ByteBufAllocator alloc, int to, byte[] text, String requestId) {
        byte[] topic = (to < 0 ? "g" : "p/" + to).getBytes(StandardCharsets.US_ASCII);
        int remaining = 2 + topic.length + text.length;
        ByteBuf b = alloc.buffer(5 + remaining);
        b.writeByte(0x30);
        writeLength(b, remaining);
        b.writeShort(topic.length).writeBytes(topic).writeBytes(text);
        return b;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int header = in.getUnsignedByte(start);
            int length = 0;
            int multiplier = 1;
            int at = start + 1;
            while (true) {
                if (at >= in.writerIndex()) {
                    return;
                }
                int digit = in.getUnsignedByte(at++);
                length += (digit & 0x7F) * multiplier;
                multiplier *= 128;
                if ((digit & 0x80) == 0) {
                    break;
                }
            }
            if (in.writerIndex() - at < length) {
                return;
            }
            int end = at + length;
            switch (header >> 4) {
                case 2 -> subscribe(ctx, in.getUnsignedByte(at + 1)); // CONNACK
                case 9 -> member.ready(); // SUBACK
                case 3 -> { // PUBLISH, QoS 0: topic, then payload
                    int topicLength = in.getUnsignedShort(at);
                    int qosBytes = (header & 0x06) != 0 ? 2 : 0;
                    member.delivered(in, at + 2 + topicLength + qosBytes, end);
                }
                default -> {
                    // PINGRESP and anything else: nothing to count
                }
            }
            in.readerIndex(end);
        }
    }

    private void subscribe(ChannelHandlerContext ctx, int returnCode) {
        if (returnCode != 0) {
            member.error("mqtt connection refused, code " + returnCode);
            ctx.close();
            return;
        }
        byte[] own = ("p/" + member.index).getBytes(StandardCharsets.US_ASCII);
        ByteBuf b = ctx.alloc().buffer(32);
        int remaining = 2 + (2 + 1 + 1) + (2 + own.length + 1);
        b.writeByte(0x82);
        writeLength(b, remaining);
        b.writeShort(1);
        b.writeShort(1).writeByte('g').writeByte(0);
        b.writeShort(own.length).writeBytes(own).writeByte(0);
        ctx.writeAndFlush(b);
    }

    private static void writeLength(ByteBuf b, int length) {
        do {
            int digit = length % 128;
            length /= 128;
            b.writeByte(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }
}
