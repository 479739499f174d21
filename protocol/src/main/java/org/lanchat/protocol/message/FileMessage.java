package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Files and pictures (docs/PROTOCOL.md §6.24 to §6.28, §7.24, §7.25): what a message carries, and the replies that
 * move files.
 */
public sealed interface FileMessage extends ServerMessage {
    /**
     * The file a message carries (§6.5, §7.24); its name is the message's {@code text}. {@code width} and
     * {@code height} are set only for a picture the appliance decoded, which also has a thumbnail (§5.39).
     */
    record Attachment(String fileId, long size, String mediaType, Integer width, Integer height) {
        /** Whether the appliance checked this file as a picture and keeps a thumbnail of it. */
        @JsonIgnore
        public boolean isPicture() {
            return width != null && height != null;
        }
    }

    /**
     * Reply to {@code upload_begin} and {@code upload_chunk}, §6.24: the appliance holds the first {@code offset}
     * bytes of the file; {@code complete} once it holds all {@code size} bytes and their SHA-256 matched.
     * {@code chunkBytes} is the most one {@code upload_chunk} or {@code file_chunk} carries.
     */
    @JsonTypeName("upload_status")
    record UploadStatus(String id, String fileId, long size, long offset, boolean complete, int chunkBytes)
            implements FileMessage, Reply {
    }

    /** Reply to {@code download}, §6.25: the bytes of the file {@code fileId} ({@code size} in all) from {@code offset}. */
    @JsonTypeName("file_chunk")
    record FileChunk(String id, String fileId, long size, long offset, byte[] data) implements FileMessage, Reply {
        @Override
        public String toString() {
            return "FileChunk[id=" + id + ", fileId=" + fileId + ", size=" + size + ", offset=" + offset + ", data="
                    + (data == null ? 0 : data.length) + " bytes]";
        }
    }

    /** Reply to {@code get_thumbnail}, §6.26: a PNG at most 256 pixels on its longer side. */
    @JsonTypeName("thumbnail")
    record Thumbnail(String id, String fileId, String contentType, byte[] image) implements FileMessage, Reply {
    }

    /**
     * Reply to {@code transfer_ticket}, §6.27. {@code ticket} (absent when {@code complete}: an upload the appliance
     * already holds completely from this user, nothing to send) is redeemed once, within {@code expiresInMs}, by a
     * {@code transfer} frame on a new connection; the bytes it moves are {@code length} bytes of the file from
     * {@code offset}.
     */
    @JsonTypeName("transfer_ticket")
    record TransferTicket(String id, String direction, String fileId, long size, long offset, long length,
                          boolean complete, String ticket, Long expiresInMs) implements FileMessage, Reply {
        @Override
        public String toString() {
            return "TransferTicket[id=" + id + ", direction=" + direction + ", fileId=" + fileId + ", size=" + size
                    + ", offset=" + offset + ", length=" + length + ", complete=" + complete
                    + (ticket == null ? "" : ", ticket=<hidden>") + "]";
        }
    }

    /**
     * The appliance's answer to {@code transfer}, §6.28: the ticket was good, and from the next byte on the connection
     * carries the {@code length} raw bytes of the file {@code fileId} from {@code offset} (§7.25).
     */
    @JsonTypeName("transfer_ready")
    record TransferReady(String id, String direction, String fileId, long size, long offset, long length)
            implements FileMessage, Reply {
    }
}
