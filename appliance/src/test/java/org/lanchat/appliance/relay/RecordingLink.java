package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;

/**
 * A logged-in connection for relay tests: it decodes and records what it is given and releases each
 * frame, as a real connection does once the frame is written. Used on its lane only, like a real link.
 */
class RecordingLink implements ClientLink {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    private final long linkId;
    private final long userId;
    private final String username;
    private final Executor lane;
    final List<ServerMessage> received = new ArrayList<>();
    final List<Long> messageIds = new ArrayList<>();
    int flushes;
    ErrorCode byeReason;

    RecordingLink(long linkId, long userId, String username, Executor lane) {
        this.linkId = linkId;
        this.userId = userId;
        this.username = username;
        this.lane = lane;
    }

    @Override
    public long linkId() {
        return linkId;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public Executor lane() {
        return lane;
    }

    @Override
    public void deliver(long messageId, ByteBuf frame) {
        try {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            received.add(CODEC.decodeServer(Arrays.copyOfRange(bytes, 4, bytes.length))); // after the length
            messageIds.add(messageId);
        } finally {
            frame.release();
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void bye(ErrorCode reason, String message) {
        byeReason = reason;
    }

    @Override
    public String toString() {
        return username + "#" + linkId;
    }
}
