package org.lanchat.appliance.admin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The admin command's end of the {@link ControlSocket}. */
final class AdminClient {
    /** The socket exists but this user may not open it. */
    static final class NotPermitted extends IOException {
        private static final long serialVersionUID = 1L;

        NotPermitted(Path path) {
            super("permission denied on " + path + ": run the admin commands as root (sudo)");
        }
    }

    private AdminClient() {
    }

    /**
     * Sends one request to the running appliance.
     *
     * @return its reply, or empty when no appliance listens on {@code path} (not running)
     */
    static Optional<AdminReply> send(Path path, AdminRequest request) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new IOException("cannot open a Unix-domain socket: " + e.getMessage(), e);
        }
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (AccessDeniedException e) {
                throw new NotPermitted(path);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("ermission denied")) {
                    throw new NotPermitted(path);
                }
                // A socket file with nobody behind it: left by an appliance that was killed.
                return Optional.empty();
            }
            AdminCodec.writeRequest(Channels.newOutputStream(channel), request);
            return Optional.of(AdminCodec.readReply(new BufferedInputStream(Channels.newInputStream(channel))));
        }
    }
}
