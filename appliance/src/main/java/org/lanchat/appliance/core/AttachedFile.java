package org.lanchat.appliance.core;

/**
 * The file a message carries (PROTOCOL.md §7.24), as stored with the message: its id (SHA-256), size, media type and,
 * for a checked picture, its dimensions. Stored in one column as text ({@link #stored()}) so that history, catch-up
 * and the cluster's relay carry it with the message and need no join.
 */
public record AttachedFile(String fileId, long size, String mediaType, Integer width, Integer height) {

    public boolean isPicture() {
        return width != null && height != null;
    }

    /** {@code "<file id> <size> <media type>[ <width>x<height>]"}: a media type has no spaces. */
    public String stored() {
        return fileId + " " + size + " " + mediaType + (isPicture() ? " " + width + "x" + height : "");
    }

    /** Reads {@link #stored()}; null for null (a message without a file). */
    public static AttachedFile parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(" ");
        if (parts.length == 4) {
            String[] dims = parts[3].split("x");
            return new AttachedFile(parts[0], Long.parseLong(parts[1]), parts[2], Integer.valueOf(dims[0]),
                    Integer.valueOf(dims[1]));
        }
        return new AttachedFile(parts[0], Long.parseLong(parts[1]), parts[2], null, null);
    }
}
