package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests that move files and pictures (docs/PROTOCOL.md §5.36 to §5.40, §7.24, §7.25).
 */
public sealed interface FileRequest extends ClientMessage {
    /** Longest media type, as {@code type/subtype} (§7.24). */
    int MAX_MEDIA_TYPE_CHARS = 100;

    /** Longest transfer ticket (§5.40): the appliance's are 43 characters; the shape bound leaves room. */
    int MAX_TICKET_CHARS = 128;

    /**
     * Starts or resumes an upload of the file {@code fileId} (its SHA-256) of {@code size} bytes, §5.36. The reply
     * ({@code upload_status}) says how many bytes the appliance already holds, so a cut upload continues there.
     * {@code mediaType}, optional, is the sender's guess ({@code type/subtype}); the appliance decides for pictures.
     */
    @JsonTypeName("upload_begin")
    record UploadBegin(String id, String fileId, Long size, String mediaType) implements FileRequest {
        public UploadBegin {
            Fields.id(id, "id");
            FileIds.required(fileId, "fileId");
            Fields.positive(size, "size");
            Fields.optionalName(mediaType, "mediaType", MAX_MEDIA_TYPE_CHARS);
        }
    }

    /**
     * The next bytes of an upload, §5.37: {@code data} (base64 on the wire) belongs at {@code offset}, which must be
     * where the appliance's copy ends. At most the {@code chunkBytes} the {@code upload_status} announced.
     */
    @JsonTypeName("upload_chunk")
    record UploadChunk(String id, String fileId, Long offset, byte[] data) implements FileRequest {
        public UploadChunk {
            Fields.id(id, "id");
            FileIds.required(fileId, "fileId");
            Fields.nonNegative(offset, "offset");
            Fields.required(data, "data");
            if (data.length == 0) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'data' must not be empty");
            }
        }

        @Override
        public String toString() {
            return "UploadChunk[id=" + id + ", fileId=" + fileId + ", offset=" + offset + ", data=" + data.length
                    + " bytes]";
        }
    }

    /**
     * Reads the file of the message {@code seq} of {@code conversation} from {@code offset}, §5.38: at most
     * {@code length} bytes (default and cap: the appliance's chunk size).
     */
    @JsonTypeName("download")
    record Download(String id, Conversation conversation, Long seq, Long offset, Integer length)
            implements FileRequest {
        public Download {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.positive(seq, "seq");
            Fields.nonNegative(offset, "offset");
            if (length != null && length < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'length' must be at least 1");
            }
        }
    }

    /** Fetches the thumbnail of the picture of the message {@code seq} of {@code conversation}, §5.39. */
    @JsonTypeName("get_thumbnail")
    record GetThumbnail(String id, Conversation conversation, Long seq) implements FileRequest {
        public GetThumbnail {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.positive(seq, "seq");
        }
    }

    /**
     * Asks for a one-time ticket to move a file's raw bytes on a transfer connection of its own, §5.40 (§7.25).
     * {@code direction} {@code upload} names a file as {@code upload_begin} does ({@code fileId}, {@code size},
     * optional {@code mediaType}); {@code download} names a message's file as {@code download} does
     * ({@code conversation}, {@code seq}, {@code offset}). The fields of the other direction must be absent.
     */
    @JsonTypeName("transfer_ticket")
    record TransferTicketRequest(String id, String direction, String fileId, Long size, String mediaType,
                                 Conversation conversation, Long seq, Long offset) implements FileRequest {
        public static final String UPLOAD = "upload";
        public static final String DOWNLOAD = "download";

        public TransferTicketRequest {
            Fields.id(id, "id");
            Fields.required(direction, "direction");
            switch (direction) {
                case UPLOAD -> {
                    FileIds.required(fileId, "fileId");
                    Fields.positive(size, "size");
                    Fields.optionalName(mediaType, "mediaType", MAX_MEDIA_TYPE_CHARS);
                    absent(conversation, "conversation", direction);
                    absent(seq, "seq", direction);
                    absent(offset, "offset", direction);
                }
                case DOWNLOAD -> {
                    Fields.required(conversation, "conversation");
                    Fields.positive(seq, "seq");
                    Fields.nonNegative(offset, "offset");
                    absent(fileId, "fileId", direction);
                    absent(size, "size", direction);
                    absent(mediaType, "mediaType", direction);
                }
                default -> throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'direction' must be \"upload\" or \"download\"");
            }
        }

        public static TransferTicketRequest upload(String id, String fileId, long size, String mediaType) {
            return new TransferTicketRequest(id, UPLOAD, fileId, size, mediaType, null, null, null);
        }

        public static TransferTicketRequest download(String id, Conversation conversation, long seq, long offset) {
            return new TransferTicketRequest(id, DOWNLOAD, null, null, null, conversation, seq, offset);
        }

        @JsonIgnore
        public boolean isUpload() {
            return UPLOAD.equals(direction);
        }

        /** A field of the other direction: refused, so a client that mixes them up learns it at once. */
        private static void absent(Object value, String field, String direction) {
            if (value != null) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field '" + field + "' does not belong to a " + direction + " ticket");
            }
        }
    }

    /**
     * The first frame of a transfer connection instead of {@code hello}, §5.40: redeems a ticket; after the
     * appliance's {@code transfer_ready} the connection carries the file's raw bytes only (§7.25).
     */
    @JsonTypeName("transfer")
    record Transfer(String id, String ticket) implements FileRequest {
        public Transfer {
            Fields.id(id, "id");
            Fields.name(ticket, "ticket", MAX_TICKET_CHARS);
            if (ticket.isEmpty()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'ticket' must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Transfer[id=" + id + ", ticket=<hidden>]";
        }
    }
}
