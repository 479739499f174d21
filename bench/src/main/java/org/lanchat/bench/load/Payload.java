package org.lanchat.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text every benchmark message carries, so a receiver needs no shared state to judge it:
 * {@code LCB<msg>.<sender>.<step>.<measured>.<intendedNanos>;} padded with {@code x} to the payload size.
 * The time is when the open-loop schedule meant the message to leave ({@link System#nanoTime()}, one
 * clock for every process on the machine), so a server that falls behind cannot hide its queueing delay.
 */
final class Payload {
    static final byte[] MARKER = "LCB".getBytes(StandardCharsets.US_ASCII);

    /** Parsed fields; one mutable instance per I/O thread, so decoding allocates nothing. */
    static final class Fields {
        long message;
        int sender;
        int step;
        boolean measured;
        long intendedNanos;
    }

    private Payload() {
    }

    static byte[] text(long message, int sender, int step, boolean measured, long intendedNanos, int size) {
        String head = "LCB" + message + "." + sender + "." + step + "." + (measured ? 1 : 0) + "." + intendedNanos + ";";
        byte[] bytes = new byte[Math.max(size, head.length())];
        Arrays.fill(bytes, (byte) 'x');
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        return bytes;
    }

    /** Finds the marker in {@code buf[from, to)} and parses the fields after it; false if there is none. */
    static boolean parse(ByteBuf buf, int from, int to, Fields out) {
        int at = indexOf(buf, from, to, MARKER);
        return at >= 0 && parseNumbers(buf, at + MARKER.length, to, out);
    }

    /** Parses the five dot-separated numbers starting at {@code at}. */
    static boolean parseNumbers(ByteBuf buf, int at, int to, Fields out) {
        int field = 0;
        long value = 0;
        boolean digits = false;
        for (int i = at; i < to; i++) {
            byte b = buf.getByte(i);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits = true;
            } else if ((b == '.' || b == ';' || b == '"') && digits) {
                switch (field++) {
                    case 0 -> out.message = value;
                    case 1 -> out.sender = (int) value;
                    case 2 -> out.step = (int) value;
                    case 3 -> out.measured = value == 1;
                    default -> {
                        out.intendedNanos = value;
                        return true;
                    }
                }
                value = 0;
                digits = false;
            } else {
                return false;
            }
        }
        return false;
    }

    static int indexOf(ByteBuf buf, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf.getByte(i) != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
