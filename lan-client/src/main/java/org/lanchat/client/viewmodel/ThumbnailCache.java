package org.lanchat.client.viewmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Thumbnails kept in memory by file id, the least recently shown dropped first once there are {@code capacity}: a
 * conversation scrolled up and down does not fetch its pictures again, a long day of them does not fill the memory
 * (each is at most 256 × 256 pixels, tens of KB). A fetch that failed is forgotten, so it is tried again next time.
 * Confined to the UI thread.
 */
final class ThumbnailCache {
    private final Map<String, CompletableFuture<byte[]>> kept;

    ThumbnailCache(int capacity) {
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<byte[]>> eldest) {
                return size() > capacity;
            }
        };
    }

    CompletableFuture<byte[]> get(String fileId, Supplier<CompletableFuture<byte[]>> fetch) {
        CompletableFuture<byte[]> found = kept.get(fileId);
        if (found != null && !found.isCompletedExceptionally()) {
            return found;
        }
        CompletableFuture<byte[]> fetched = fetch.get();
        kept.put(fileId, fetched);
        return fetched;
    }

    int size() {
        return kept.size();
    }
}
