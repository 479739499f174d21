package org.lanchat.appliance.admin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running appliance's end of the {@link ControlSocket}: accepts connections from root and from the
 * service's own user only (file mode 0600 and a check of the peer's credentials), reads one
 * {@link AdminRequest}, answers with one {@link AdminReply}.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Path path;
    private final ServerSocketChannel channel;
    private final AdminService service;
    private final Set<String> allowedUsers;
    private final Thread acceptor;

    private AdminServer(Path path, ServerSocketChannel channel, AdminService service, Set<String> allowedUsers) {
        this.path = path;
        this.channel = channel;
        this.service = service;
        this.allowedUsers = allowedUsers;
        this.acceptor = Thread.ofPlatform().name("lanchat-admin").daemon(true).unstarted(this::acceptLoop);
    }

    /**
     * Listens on {@code path}, replacing a socket file left by a process that died (a live appliance on the
     * same data directory cannot exist: the embedded database or the port would have stopped this one).
     */
    public static AdminServer start(Path path, AdminService service) throws IOException {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        AdminServer server;
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            server = new AdminServer(path, channel, service, Set.copyOf(List.of("root", System.getProperty("user.name"))));
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        server.acceptor.start();
        String user = System.getProperty("user.name");
        log.info("Admin commands accepted on {} (from {} only)", path, "root".equals(user) ? "root" : "root and " + user);
        return server;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel connection = channel.accept();
                Thread.ofVirtual().name("lanchat-admin-request").start(() -> serve(connection));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("Admin socket: accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            UnixDomainPrincipal peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED);
            OutputStream out = Channels.newOutputStream(connection);
            if (!allowedUsers.contains(peer.user().getName())) {
                log.warn("Admin socket: refused a request from user {}", peer.user().getName());
                AdminCodec.writeReply(out, new AdminReply.Failed("only root may run admin commands"));
                return;
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(connection));
            AdminRequest request = AdminCodec.readRequest(in);
            log.info("Admin request from {}: {}", peer.user().getName(), request);
            AdminCodec.writeReply(out, service.handle(request));
        } catch (IOException | RuntimeException e) {
            log.warn("Admin socket: request failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("Closing the admin socket: {}", e.getMessage());
        }
    }
}
