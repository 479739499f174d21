package org.lanchat.protocol.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Base64;

/**
 * Binary members as §3.5 defines them: standard alphabet, {@code =} padding to a multiple of four, and
 * nothing else. Jackson's own base64 reader skips whitespace and line breaks (MIME style), which the spec
 * forbids; the JDK's basic decoder refuses them, and also the URL-safe alphabet.
 */
final class StrictBase64 extends StdDeserializer<byte[]> {
    private static final long serialVersionUID = 1L;

    StrictBase64() {
        super(byte[].class);
    }

    @Override
    public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
        }
        String text = p.getText();
        if (text.length() % 4 == 0) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                // reported below, the same way as a length that is not a multiple of four
            }
        }
        throw ctxt.weirdStringException("", byte[].class, "not valid base64");
    }
}
