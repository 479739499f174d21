package org.lanchat.protocol.frame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
}
