package org.lanchat.protocol.frame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Blocking frame reader for clients that own a thread per connection. */
public final class FrameReader {
    private final InputStream in;
    private final FrameDecoder decoder;
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private final byte[] chunk = new byte[16 * 1024];

    public FrameReader(InputStream in, FrameLimits limits) {
        this.in = in;
        this.decoder = new FrameDecoder(limits);
    }

    /**
     * Blocks until the next frame body arrives.
     *
     * @return the body, or empty when the peer closed the stream cleanly between frames
     * @throws org.lanchat.protocol.ProtocolException for a bad length or a stream cut inside a frame
     */
    public Optional<byte[]> next() throws IOException {
        while (ready.isEmpty()) {
            int n = in.read(chunk);
            if (n < 0) {
                decoder.endOfStream();
                return Optional.empty();
            }
            decoder.feed(ByteBuffer.wrap(chunk, 0, n), ready::add);
        }
        return Optional.of(ready.poll());
    }

    /**
     * Reads exactly one frame and not a byte more, for a stream that carries something else after it (a transfer
     * connection, PROTOCOL.md §7.25). Empty when the stream ended before the frame began; the length is checked as
     * {@link FrameDecoder} checks it.
     *
     * @throws org.lanchat.protocol.ProtocolException for a bad length or a stream cut inside the frame
     */
    public static Optional<byte[]> readOne(InputStream in, FrameLimits limits) throws IOException {
        byte[] header = in.readNBytes(FrameDecoder.HEADER_BYTES);
        if (header.length == 0) {
            return Optional.empty();
        }
        FrameDecoder decoder = new FrameDecoder(limits);
        List<byte[]> frame = new ArrayList<>(1);
        decoder.feed(header, frame::add);
        if (header.length == FrameDecoder.HEADER_BYTES) {
            int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                    | (header[3] & 0xFF); // the decoder refused anything over the limit, which is below 2^31
            decoder.feed(in.readNBytes(length), frame::add);
        }
        if (frame.isEmpty()) {
            decoder.endOfStream(); // throws: the stream ended inside the frame
        }
        return Optional.of(frame.getFirst());
    }
}
