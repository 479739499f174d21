package org.lanchat.client.core;

/** How far a file transfer is; called on the transferring thread after each chunk, so keep it quick. */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (done, total) -> { };

    void progress(long doneBytes, long totalBytes);
}
