package org.lanchat.appliance.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where files sent in conversations are kept and how much of them (PROTOCOL.md §7.24).
 *
 * @param directory    the content-addressed store; in a cluster every member must name the same shared directory
 * @param maxFileBytes the largest single file accepted
 * @param quotaBytes   all files together, complete and partial, may not pass this
 * @param retention    files not sent again for this long are deleted; zero keeps them for ever
 */
public record AttachmentSettings(Path directory, long maxFileBytes, long quotaBytes, Duration retention) {
    public static final long DEFAULT_MAX_FILE_BYTES = 100L << 20;
    public static final long DEFAULT_QUOTA_BYTES = 20L << 30;
    public static final Duration DEFAULT_RETENTION = Duration.ZERO;

    /** The defaults, with the store under the data directory. */
    public static AttachmentSettings under(Path dataDir) {
        return new AttachmentSettings(dataDir.resolve("attachments"), DEFAULT_MAX_FILE_BYTES, DEFAULT_QUOTA_BYTES,
                DEFAULT_RETENTION);
    }

    public boolean keepsForever() {
        return retention.isZero();
    }
}
