package org.lanchat.appliance.service;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Plays systemd's side of {@code sd_notify}: a Unix datagram socket bound to a path, recording every
 * message sent to it. The JDK cannot open datagram Unix sockets, so this calls libc through JNA, as the
 * appliance calls libsystemd. Pass {@link #path()} as {@code NOTIFY_SOCKET}.
 */
public final class NotifySocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    /** The few libc calls needed. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, SockaddrUn address, int length);

        int setsockopt(int fd, int level, int option, Timeval value, int length);

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

        int close(int fd);
    }

    /** {@code struct sockaddr_un}. */
    @Structure.FieldOrder({"family", "path"})
    public static final class SockaddrUn extends Structure {
        public short family;
        public byte[] path = new byte[108];
    }

    /** {@code struct timeval}. */
    @Structure.FieldOrder({"seconds", "micros"})
    public static final class Timeval extends Structure {
        public NativeLong seconds;
        public NativeLong micros;
    }

    private static final LibC LIBC = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    private final Path path;
    private final int fd;
    private final List<String> messages = new ArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    private NotifySocket(Path path, int fd) {
        this.path = path;
        this.fd = fd;
        this.reader = Thread.ofPlatform().daemon(true).name("notify-socket").start(this::readLoop);
    }

    /** Binds a socket at {@code path} that any user may send to (the package's user, in the install tests). */
    public static NotifySocket bind(Path path) throws java.io.IOException {
        byte[] name = path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= 108) {
            throw new IllegalArgumentException("socket path too long for sockaddr_un: " + path);
        }
        Files.deleteIfExists(path);
        int fd = LIBC.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_UNIX, SOCK_DGRAM) failed: errno " + Native.getLastError());
        }
        SockaddrUn address = new SockaddrUn();
        address.family = AF_UNIX;
        System.arraycopy(name, 0, address.path, 0, name.length);
        if (LIBC.bind(fd, address, address.size()) != 0) {
            int errno = Native.getLastError();
            LIBC.close(fd);
            throw new IllegalStateException("bind(" + path + ") failed: errno " + errno);
        }
        Timeval timeout = new Timeval();
        timeout.seconds = new NativeLong(0);
        timeout.micros = new NativeLong(200_000);
        LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.size());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        return new NotifySocket(path, fd);
    }

    public Path path() {
        return path;
    }

    private void readLoop() {
        byte[] buffer = new byte[4096];
        while (open) {
            long n = LIBC.recv(fd, buffer, new NativeLong(buffer.length), 0).longValue();
            if (n > 0) {
                synchronized (messages) {
                    messages.add(new String(buffer, 0, (int) n, StandardCharsets.UTF_8));
                    messages.notifyAll();
                }
            }
        }
    }

    /** Every message received so far, each as sent (assignments separated by newlines). */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits for a message matching {@code matches}; fails after {@code timeout} listing what did arrive. */
    public String await(String what, Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (true) {
                for (String m : messages) {
                    if (matches.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no notify message " + what + " within " + timeout + "; received: " + messages);
                }
                try {
                    messages.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Messages matching {@code matches}, so far. */
    public long count(Predicate<String> matches) {
        return messages().stream().filter(matches).count();
    }

    @Override
    public void close() {
        open = false;
        try {
            reader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIBC.close(fd);
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException ignored) {
            // a temporary directory
        }
    }

    /** Helper for assertions: the message has this assignment, e.g. {@code has(m, "READY=1")}. */
    public static boolean has(String message, String assignment) {
        return new ArrayList<>(List.of(message.split("\n"))).contains(assignment);
    }
}
