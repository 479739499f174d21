package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Thumbnails fetched once while kept, the least recently shown dropped first, failures tried again. */
class ThumbnailCacheTest {
    private final List<String> fetched = new ArrayList<>();

    private CompletableFuture<byte[]> get(ThumbnailCache cache, String id) {
        return cache.get(id, () -> {
            fetched.add(id);
            return CompletableFuture.completedFuture(id.getBytes());
        });
    }

    @Test
    void aThumbnailShownAgainIsNotFetchedAgain() {
        ThumbnailCache cache = new ThumbnailCache(2);
        get(cache, "a");
        assertThat(get(cache, "a").join()).isEqualTo("a".getBytes());
        assertThat(fetched).containsExactly("a");
    }

    @Test
    void pastItsCapacityTheLeastRecentlyShownIsDropped() {
        ThumbnailCache cache = new ThumbnailCache(2);
        get(cache, "a");
        get(cache, "b");
        get(cache, "a"); // a shown again: b is now the oldest
        get(cache, "c");
        assertThat(cache.size()).isEqualTo(2);
        get(cache, "a");
        get(cache, "b");
        assertThat(fetched).as("a stayed, b was dropped and fetched again").containsExactly("a", "b", "c", "b");
    }

    @Test
    void aFetchThatFailedIsTriedAgain() {
        ThumbnailCache cache = new ThumbnailCache(2);
        cache.get("a", () -> CompletableFuture.failedFuture(new IllegalStateException("offline")));
        assertThat(get(cache, "a").join()).isEqualTo("a".getBytes());
        assertThat(fetched).containsExactly("a");
    }
}
