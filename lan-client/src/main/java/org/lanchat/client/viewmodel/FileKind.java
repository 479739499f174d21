package org.lanchat.client.viewmodel;

import java.util.Locale;
import java.util.Set;

/**
 * What a file card's icon says a file is: a few broad kinds, told by the media type the appliance stored (PROTOCOL.md
 * §7.24; only a checked picture has an {@code image/} one) and else by the name's extension. Only a hint for the eye:
 * nothing is opened or run because of it.
 */
public enum FileKind {
    DOCUMENT, ARCHIVE, PICTURE, OTHER;

    private static final Set<String> DOCUMENTS = Set.of("pdf", "doc", "docx", "odt", "rtf", "txt", "md", "xls", "xlsx",
            "ods", "csv", "ppt", "pptx", "odp", "html", "htm", "epub");
    private static final Set<String> ARCHIVES = Set.of("zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "xz", "zst", "jar",
            "iso", "dmg", "cab");
    private static final Set<String> PICTURES = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "tif", "tiff",
            "heic", "ico");

    /** The kind of a file called {@code name} (may be null) of media type {@code mediaType} (may be null). */
    public static FileKind of(String name, String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return PICTURE;
        }
        if (type.startsWith("text/") || type.equals("application/pdf") || type.contains("document")
                || type.contains("msword") || type.contains("spreadsheet") || type.contains("presentation")) {
            return DOCUMENT;
        }
        if (type.contains("zip") || type.contains("compressed") || type.contains("x-tar") || type.contains("x-7z")
                || type.contains("x-rar") || type.contains("gzip")) {
            return ARCHIVE;
        }
        String extension = extension(name);
        if (DOCUMENTS.contains(extension)) {
            return DOCUMENT;
        }
        if (ARCHIVES.contains(extension)) {
            return ARCHIVE;
        }
        // A picture by name only: the appliance did not find one in it, yet the eye expects a picture icon.
        return PICTURES.contains(extension) ? PICTURE : OTHER;
    }

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }
}
