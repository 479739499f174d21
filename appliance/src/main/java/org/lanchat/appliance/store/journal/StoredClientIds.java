package org.lanchat.appliance.store.journal;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lanchat.appliance.store.MessageJournal.SenderClientId;

/**
 * Which (sender, client message id) keys may already be stored, so that the group-commit writer asks the database only
 * about sends that might be resends. Almost every send is new, and looking each one up in the database cost the commit
 * path a B-tree seek per message (docs/PERFORMANCE.md, the profile of the journal): a seek that also had to wait
 * whenever the writer behind was busy in the same store.
 *
 * <p>A Bloom filter (Guava's) answers "certainly not stored" or "maybe": a "maybe" is looked up as before, so a wrong
 * "maybe" costs one seek and never a wrong answer, and deleted messages leave harmless "maybes". It knows every key
 * only once {@link #loaded()} is called after every stored key was {@link #add}ed; until then every key is a "maybe".
 * Filters are added as keys grow, each twice the capacity of the one before, so the false "maybes" stay near
 * {@link #FALSE_MAYBE} per filter whatever the history's size; about 1.2 bytes per key. Safe for one writer adding
 * from any number of threads while others ask ({@link BloomFilter#put} is).
 */
final class StoredClientIds {
    static final double FALSE_MAYBE = 0.01;

    private static final Funnel<SenderClientId> KEY = (key, into) -> into.putLong(key.senderId())
            .putString(key.clientMsgId(), StandardCharsets.UTF_8);

    /** Oldest first; only the last one takes new keys. */
    private final List<BloomFilter<SenderClientId>> filters = new CopyOnWriteArrayList<>();
    private volatile long lastCapacity;
    private volatile boolean loaded;

    /** @param capacity keys the first filter takes before a larger one is added */
    StoredClientIds(long capacity) {
        lastCapacity = capacity;
        filters.add(BloomFilter.create(KEY, lastCapacity, FALSE_MAYBE));
    }

    /** Records a stored key. */
    synchronized void add(SenderClientId key) {
        BloomFilter<SenderClientId> current = filters.getLast();
        if (current.approximateElementCount() >= lastCapacity) {
            lastCapacity *= 2;
            current = BloomFilter.create(KEY, lastCapacity, FALSE_MAYBE);
            filters.add(current);
        }
        current.put(key);
    }

    /** Every key stored before the filter was made has been {@link #add}ed: "certainly not" answers may be given. */
    void loaded() {
        loaded = true;
    }

    boolean isLoaded() {
        return loaded;
    }

    /** False only when {@code key} is certainly not stored. */
    boolean mayBeStored(SenderClientId key) {
        if (!loaded) {
            return true;
        }
        for (BloomFilter<SenderClientId> filter : filters) {
            if (filter.mightContain(key)) {
                return true;
            }
        }
        return false;
    }
}
