package org.lanchat.client.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file or folder could not be read or written, as a kind each user interface words in its own language.
 * The JDK reports most of these as plain exceptions whose message is only the path (a missing file says
 * "/home/ann/pic.png" and nothing else), so a sentence built on {@link IOException#getMessage()} tells the user
 * nothing; the operating system's own words are kept for {@link #OTHER} alone.
 */
public enum FileTrouble {
    MISSING, DENIED, NOT_A_FOLDER, IS_A_FOLDER, ALREADY_EXISTS, DISK_FULL, READ_ONLY, OTHER;

    /** The kind of {@code failure}. */
    public static FileTrouble of(IOException failure) {
        return switch (failure) {
            case NoSuchFileException missing -> MISSING;
            case AccessDeniedException denied -> DENIED;
            case NotDirectoryException notFolder -> NOT_A_FOLDER;
            case FileAlreadyExistsException exists -> ALREADY_EXISTS;
            default -> fromReason(reason(failure));
        };
    }

    /**
     * The operating system's own words for {@code failure}, without the path the JDK puts in front: what a
     * {@link #OTHER} sentence shows.
     */
    public static String reason(IOException failure) {
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /**
     * The rest arrive as a bare {@link FileSystemException} or {@link IOException} carrying the C library's
     * {@code strerror} text. Under an English or C locale these are the words matched here; where the system
     * speaks another language nothing matches, and {@link #OTHER} shows the system's words, already translated.
     */
    private static FileTrouble fromReason(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("is a directory")) {
            return IS_A_FOLDER;
        }
        if (lower.contains("not a directory")) {
            return NOT_A_FOLDER;
        }
        if (lower.contains("no space left") || lower.contains("disk quota exceeded")) {
            return DISK_FULL;
        }
        if (lower.contains("read-only file system")) {
            return READ_ONLY;
        }
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return DENIED;
        }
        if (lower.contains("no such file")) {
            return MISSING;
        }
        return OTHER;
    }
}
