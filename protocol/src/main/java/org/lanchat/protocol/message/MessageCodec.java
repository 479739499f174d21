package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.Frames;

/**
 * The one place messages become JSON and JSON becomes messages. Thread-safe; build one and share it.
 *
 * <p>Decoding is strict where leniency would hide client bugs or smuggle data: no type coercion
 * ({@code "5"} is not a number), no duplicate keys, no trailing content, bounded nesting and string
 * length. Unknown members are ignored so newer clients can add optional fields.
 */
public final class MessageCodec {
    /** Our bodies nest three levels at most; anything deeper is an attack or a bug. */
    static final int MAX_NESTING_DEPTH = 16;
    /**
     * Items (objects, arrays, member names, values) in one request. Requests use a dozen; the bound leaves
     * room for optional members newer clients add, and keeps what one frame can cost small (see BodyBounds).
     */
    public static final int MAX_ITEMS = 1000;
    /** How much of a client's own value an error message quotes back. */
    private static final int MAX_ECHO_CHARS = 40;
    /** Zeroes where {@link #encodeFrame} leaves room for the length prefix. */
    private static final byte[] PREFIX_ROOM = new byte[Frames.PREFIX_BYTES];

    private final FrameLimits limits;
    private final ObjectReader clientReader;
    private final ObjectReader serverReader;
    private final ObjectReader peerReader;
    private final ObjectReader treeReader;
    private final ObjectWriter writer;
    private final JsonFactory factory;

    public MessageCodec(FrameLimits limits) {
        this.limits = limits;
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .addModule(new SimpleModule("lanchat-strict-base64").addDeserializer(byte[].class, new StrictBase64()))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(limits.maxFrameBytes())
                .maxNumberLength(BodyBounds.MAX_NUMBER_CHARS)
                .maxNameLength(256)
                .maxDocumentLength(limits.maxFrameBytes())
                .build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.clientReader = mapper.readerFor(ClientMessage.class);
        this.serverReader = mapper.readerFor(ServerMessage.class);
        this.peerReader = mapper.readerFor(PeerMessage.class);
        this.treeReader = mapper.readerFor(JsonNode.class);
        this.writer = mapper.writer();
        this.factory = mapper.getFactory();
    }

    public FrameLimits limits() {
        return limits;
    }

    /** Decodes a request body received by the appliance. */
    public ClientMessage decodeClient(byte[] body) {
        return decode(body, clientReader, ClientMessage.class, MAX_ITEMS);
    }

    /** Decodes a reply or event body received by a client. A roster of every user is one legitimately large body. */
    public ServerMessage decodeServer(byte[] body) {
        return decode(body, serverReader, ServerMessage.class, Integer.MAX_VALUE);
    }

    /** Decodes a body received over a peer link (§10), under the same bounds as a request to the appliance. */
    public PeerMessage decodePeer(byte[] body) {
        return decode(body, peerReader, PeerMessage.class, MAX_ITEMS);
    }

    /** The JSON body alone, without the length prefix. */
    public byte[] encodeBody(Message message) {
        try {
            return writer.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing here is a programming error, not bad input.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** A complete frame: length prefix and body. */
    public byte[] encodeFrame(Message message) {
        // The body goes straight after room left for the prefix (as ObjectWriter.writeValueAsBytes writes, with the
        // factory's pooled buffers): the relay encodes a frame per recipient, and framing a separate body copied each.
        BufferRecycler buffers = factory._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(buffers)) {
            out.write(PREFIX_ROOM);
            writer.writeValue((OutputStream) out, message);
            return Frames.withLength(out.getClearAndRelease(), limits);
        } catch (IOException e) {
            // Our own records always serialize into memory; failing here is a programming error, not bad input.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        } finally {
            buffers.releaseToPool();
        }
    }

    private <T> T decode(byte[] body, ObjectReader reader, Class<T> expected, int maxItems) {
        requireUtf8(body);
        if (notAnObject(body)) {
            // Polymorphic decoding would read an array as [typeId, value]; say plainly what is wrong.
            throw isWellFormed(body)
                    ? new ProtocolException(ErrorCode.WRONG_TYPE, "the body must be a JSON object")
                    : new ProtocolException(ErrorCode.INVALID_JSON, "body is not valid JSON");
        }
        BodyBounds.check(body, maxItems);
        try {
            return reader.readValue(body);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ProtocolException p) {
                if (e.getType() != null && e.getType().hasRawClass(Conversation.class) && pathOf(e).equals("room")) {
                    // Conversation's own message names "conversation" and offers values a room field never takes.
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, RoomRequest.NOT_A_ROOM, requestIdOf(body));
                }
                throw p.withRequestId(requestIdOf(body));
            }
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field '" + pathOf(e) + "' has an invalid value", requestIdOf(body));
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "field 'type' is required", requestIdOf(body));
            }
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type '" + echo(e.getTypeId()) + "' for a " + direction(expected), requestIdOf(body));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() == byte[].class) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field '" + pathOf(e) + "' is not valid base64", requestIdOf(body));
            }
            // Refused coercions ("5" for a number, 1.5 for a whole number) land here too.
            throw new ProtocolException(ErrorCode.WRONG_TYPE,
                    "field '" + pathOf(e) + "' must be " + expectedShape(e.getTargetType()), requestIdOf(body));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "the body must be exactly one JSON object");
            }
            throw new ProtocolException(ErrorCode.WRONG_TYPE,
                    "field '" + pathOf(e) + "' must be " + expectedShape(e.getTargetType()), requestIdOf(body));
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "body exceeds a limit: " + JsonFaults.limit(e, limits));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "body exceeds a limit: " + JsonFaults.limit(limit, limits));
            }
            if (e.getCause() instanceof JsonParseException syntax) {
                // A syntax error met while buffering for the type id arrives wrapped.
                throw new ProtocolException(ErrorCode.INVALID_JSON, "body is not valid JSON: " + JsonFaults.syntax(syntax));
            }
            if (e.getCause() instanceof InputCoercionException range) {
                // A whole number too wide for the field's bits (§3.1): the JSON type is right, the width is not.
                throw new ProtocolException(ErrorCode.WRONG_TYPE, "field '" + pathOf(e) + "' is out of range: it must fit "
                        + (range.getTargetType() == Integer.TYPE ? "32" : "64") + " signed bits", requestIdOf(body));
            }
            throw new ProtocolException(ErrorCode.WRONG_TYPE,
                    "field '" + pathOf(e) + "' has the wrong JSON type", requestIdOf(body));
        } catch (JsonProcessingException e) {
            // JsonParseException and its kin: the bytes are not one well-formed JSON value.
            throw new ProtocolException(ErrorCode.INVALID_JSON, "body is not valid JSON: " + JsonFaults.syntax(e));
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "body is not valid JSON");
        }
    }

    /** A client's own value, quoted back only in part: an error frame must stay small. */
    private static String echo(String value) {
        return value.length() <= MAX_ECHO_CHARS ? value : value.substring(0, MAX_ECHO_CHARS) + "…";
    }

    /**
     * Jackson reports bad UTF-8 as a generic parse error at best, and passes some forms (overlongs,
     * encoded surrogates) through; a strict decode up front gives a distinct error. Pure ASCII skips it.
     */
    private static void requireUtf8(byte[] body) {
        boolean ascii = true;
        for (byte b : body) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.INVALID_UTF8, "body is not valid UTF-8");
        }
    }

    private static boolean notAnObject(byte[] body) {
        // RFC 8259 forbids a byte-order mark; treat one as the non-JSON it is rather than skip it.
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b != '{';
        }
        return true;
    }

    private boolean isWellFormed(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return false;
        }
        try {
            treeReader.readValue(body);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Best effort: the {@code id} member of a body that failed to decode, so the error can echo it. */
    private String requestIdOf(byte[] body) {
        try {
            JsonNode tree = treeReader.readValue(body);
            JsonNode id = tree == null ? null : tree.get("id");
            if (id != null && id.isTextual() && isValidId(id.textValue())) {
                return id.textValue();
            }
        } catch (IOException | RuntimeException ignored) {
            // The body is unreadable as a tree too; the error goes out without an id.
        }
        return null;
    }

    /**
     * Only an id that obeys the id rule is echoed: an empty one, or one with control characters or an
     * unpaired surrogate (which could not even be written back as well-formed JSON text) is dropped.
     */
    private static boolean isValidId(String id) {
        try {
            Fields.id(id, "id");
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    private static String direction(Class<?> expected) {
        return expected == ClientMessage.class ? "request" : "reply or event";
    }

    private static String pathOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path;
    }

    /** Names JSON shapes, not Java classes, so the message makes sense to a client in any language. */
    private static String expectedShape(Class<?> target) {
        if (target == null) {
            return "of another JSON type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == byte[].class) {
            return "a base64 string";
        }
        if (target == String.class || target == Conversation.class || target.isEnum()) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "a JSON object";
    }
}
