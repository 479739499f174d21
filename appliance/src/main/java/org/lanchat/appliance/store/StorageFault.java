package org.lanchat.appliance.store;

import java.nio.file.AccessDeniedException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * Why the database cannot write, as far as the error tells: the cause an administrator acts on. The
 * classification reads the whole cause chain, because H2 wraps the file system's error in its own, and
 * the operating system's wording ("No space left on device") is the one thing every layer keeps.
 */
public enum StorageFault {
    DISK_FULL("the disk is full"),
    READ_ONLY("the file system is read-only"),
    NO_PERMISSION("permission denied on the database files"),
    UNAVAILABLE("the database does not answer");

    private final String description;

    StorageFault(String description) {
        this.description = description;
    }

    /** For log lines and the service status. */
    public String description() {
        return description;
    }

    /** The fault behind {@code failure}; {@link #UNAVAILABLE} when nothing in it names a storage cause. */
    public static StorageFault of(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ReadOnlyFileSystemException) {
                return READ_ONLY;
            }
            if (e instanceof AccessDeniedException) {
                return NO_PERMISSION;
            }
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk quota exceeded") || message.contains("enospc")) {
                return DISK_FULL;
            }
            if (message.contains("read-only file system") || message.contains("erofs")
                    || message.contains("database is read only") || message.contains("readonly")) {
                return READ_ONLY;
            }
            if (message.contains("permission denied") || message.contains("access denied to")) {
                return NO_PERMISSION;
            }
        }
        return UNAVAILABLE;
    }
}
