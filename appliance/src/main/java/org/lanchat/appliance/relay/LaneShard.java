package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.SingleThreadEventLoop;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The logged-in connections owned by one I/O thread. Every method runs on that thread, so there is no
 * locking on the delivery path. Flushes are coalesced: a delivery marks its connection dirty and one
 * flush runs once the I/O thread has worked through every task waiting for it, so under load many frames
 * leave in one write.
 */
final class LaneShard {
    private final Executor lane;
    private final Set<ClientLink> links = new LinkedHashSet<>();
    private final Set<ClientLink> dirty = new LinkedHashSet<>();
    private boolean allDirty;
    private boolean flushQueued;

    LaneShard(Executor lane) {
        this.lane = lane;
    }

    Executor lane() {
        return lane;
    }

    void add(ClientLink link) {
        links.add(link);
    }

    void remove(ClientLink link) {
        links.remove(link);
        dirty.remove(link);
    }

    int size() {
        return links.size();
    }

    /** Delivers a duplicate of {@code frame} to every link but one; does not take ownership of {@code frame}. */
    void deliverToAll(ByteBuf frame, long messageId, long excludeLinkId) {
        for (ClientLink link : links) {
            if (link.linkId() != excludeLinkId) {
                link.deliver(messageId, frame.retainedDuplicate());
            }
        }
        allDirty = true;
        queueFlush();
    }

    /** Delivers a duplicate of {@code frame} to every link but one user's; does not take ownership of {@code frame}. */
    void deliverToAllBut(ByteBuf frame, long excludeUserId) {
        for (ClientLink link : links) {
            if (link.userId() != excludeUserId) {
                link.deliver(-1, frame.retainedDuplicate());
            }
        }
        allDirty = true;
        queueFlush();
    }

    /** Delivers {@code frame} to one link, taking ownership of it. */
    void deliverTo(ClientLink link, ByteBuf frame, long messageId) {
        if (!links.contains(link)) {
            frame.release(); // the connection left between routing and now
            return;
        }
        link.deliver(messageId, frame);
        dirty.add(link);
        queueFlush();
    }

    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            if (lane instanceof SingleThreadEventLoop loop) {
                // After the loop has run every task waiting now: a commit batch's messages arrive as one task
                // each, and all of them leave in one write per connection instead of one write per message.
                loop.executeAfterEventLoopIteration(this::flushDirty);
            } else {
                lane.execute(this::flushDirty);
            }
        }
    }

    private void flushDirty() {
        flushQueued = false;
        if (allDirty) {
            links.forEach(ClientLink::flush);
        } else {
            dirty.forEach(ClientLink::flush);
        }
        allDirty = false;
        dirty.clear();
    }
}
