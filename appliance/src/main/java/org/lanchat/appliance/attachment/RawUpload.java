package org.lanchat.appliance.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The receiving end of one raw upload (PROTOCOL.md §7.25): bytes appended to the user's partial file as they arrive
 * and hashed on the way, so the check at the end needs no second read of what came on this connection. What arrived
 * before a cut stays in the partial file, exactly as after a cut chunked upload. Used by one thread at a time.
 */
public final class RawUpload implements AutoCloseable {
    private final TransferGrant.Upload grant;
    private final Path partial;
    private final FileChannel out;
    private final MessageDigest digest;
    private long received;

    RawUpload(TransferGrant.Upload grant, Path partial) {
        this.grant = grant;
        this.partial = partial;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try {
            this.out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            hashHeld(grant.offset());
            out.position(grant.offset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resumed upload: the bytes held from before count in the hash too; read once, at the start. */
    private void hashHeld(long held) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        for (long at = 0; at < held; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), held - at));
            int n = out.read(buffer, at);
            if (n < 0) {
                throw new IOException("the partial upload " + partial + " is shorter than the " + held + " bytes it held");
            }
            at += n;
            digest.update(buffer.flip());
        }
    }

    public TransferGrant.Upload grant() {
        return grant;
    }

    Path partial() {
        return partial;
    }

    /** Bytes still expected. */
    public long remaining() {
        return grant.length() - received;
    }

    /** Appends {@code bytes}; the caller keeps them within {@link #remaining()}. */
    public void write(ByteBuffer bytes) {
        int n = bytes.remaining();
        ByteBuffer forDigest = bytes.duplicate();
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        digest.update(forDigest);
        received += n;
    }

    /** The SHA-256 of the whole file, held bytes and received ones; once every byte is in. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
