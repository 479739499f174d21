package org.lanchat.appliance.attachment;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock for each upload (a user's partial file): two requests for one upload never interleave, and requests for
 * different uploads never wait for each other. A lock lives while a request holds or waits for it, so the locks do
 * not grow with the uploads. Striped locks made unrelated uploads wait for each other: a finished picture holds its
 * lock while it waits for its turn to be checked (§7.24), and a computer uploading pictures over and over held the
 * stripes of everyone else's uploads while its own waited behind one another.
 */
final class UploadLocks {
    /** A lock and how many requests hold or wait for it; the count is changed only inside the map's compute. */
    private static final class Held {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;
    }

    private final ConcurrentHashMap<Path, Held> locks = new ConcurrentHashMap<>();

    /** Runs {@code body} holding {@code partial}'s lock. */
    <T> T holding(Path partial, Supplier<T> body) {
        Held held = locks.compute(partial, (p, h) -> {
            Held now = h == null ? new Held() : h;
            now.users++;
            return now;
        });
        try {
            held.lock.lock();
            try {
                return body.get();
            } finally {
                held.lock.unlock();
            }
        } finally {
            locks.computeIfPresent(partial, (p, h) -> --h.users == 0 ? null : h);
        }
    }

    /** Runs {@code body} holding {@code partial}'s lock. */
    void holding(Path partial, Runnable body) {
        holding(partial, () -> {
            body.run();
            return null;
        });
    }

    /** Locks held or waited for now; a test looks. */
    int size() {
        return locks.size();
    }
}
