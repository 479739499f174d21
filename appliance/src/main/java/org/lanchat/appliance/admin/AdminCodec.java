package org.lanchat.appliance.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The control socket's wire format, in one place: one JSON object per line, one request and one reply
 * per connection. A line longer than {@link #MAX_LINE_BYTES} is refused before it is decoded.
 */
final class AdminCodec {
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private AdminCodec() {
    }

    static void writeRequest(OutputStream out, AdminRequest request) throws IOException {
        writeLine(out, JSON.writerFor(AdminRequest.class).writeValueAsBytes(request));
    }

    static void writeReply(OutputStream out, AdminReply reply) throws IOException {
        writeLine(out, JSON.writerFor(AdminReply.class).writeValueAsBytes(reply));
    }

    static AdminRequest readRequest(InputStream in) throws IOException {
        return decode(readLine(in), AdminRequest.class);
    }

    static AdminReply readReply(InputStream in) throws IOException {
        return decode(readLine(in), AdminReply.class);
    }

    private static <T> T decode(byte[] line, Class<T> type) throws IOException {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void writeLine(OutputStream out, byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
        out.flush();
    }

    /** Reads up to a newline; fails on end of stream before one, or on more than {@link #MAX_LINE_BYTES}. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("the connection ended before a complete line");
            }
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
