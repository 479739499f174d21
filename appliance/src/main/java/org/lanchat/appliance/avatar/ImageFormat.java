package org.lanchat.appliance.avatar;

import java.util.Optional;

/**
 * The picture formats the appliance decodes (avatars, and pictures sent as files), each known by its magic bytes:
 * only the reader of the format the bytes announce is ever used, so a file cannot pick a more dangerous decoder.
 * The JDK's ImageIO reads all three, so no extra library.
 */
public enum ImageFormat {
    PNG("png", "image/png"), JPEG("jpeg", "image/jpeg"), GIF("gif", "image/gif");

    private final String readerName;
    private final String mediaType;

    ImageFormat(String readerName, String mediaType) {
        this.readerName = readerName;
        this.mediaType = mediaType;
    }

    /** The name ImageIO's readers go by. */
    public String readerName() {
        return readerName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format the first bytes announce (at least 8 of them for a sure answer), or empty for none of these. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8'
                && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of(GIF);
        }
        return Optional.empty();
    }
}
