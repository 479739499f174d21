package org.lanchat.appliance.chat;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a user's edits and deletes be checked and committed one at a time (docs/PROTOCOL.md §7.19), so that the check of
 * each sees the ones before it: two deletes of one message, or an edit racing a delete, no longer both pass
 * {@link RelationRules} and both get stored. Only the sender may edit or delete a message, so turns per sender are
 * enough. A fixed set of locks rather than one per user: memory stays flat, and two users who share a lock only wait
 * for each other's commit, which edits and deletes are too rare to notice.
 *
 * <p>Callers hold the turn on a virtual worker thread, across the commit, and never on an I/O thread.
 */
public final class ChangesOneAtATime {
    private static final int LOCKS = 256;

    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

    public ChangesOneAtATime() {
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code checkAndCommit}, which returns once the change is committed or refused, in the sender's turn. */
    public void inTurn(long senderId, Runnable checkAndCommit) {
        ReentrantLock lock = locks[Math.floorMod(Long.hashCode(senderId) * 0x9E3779B9, LOCKS)];
        lock.lock();
        try {
            checkAndCommit.run();
        } finally {
            lock.unlock();
        }
    }
}
