package org.lanchat.appliance.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.appliance.limits.ConnectionsPerAddress;
import org.lanchat.appliance.limits.Descriptors;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket and the I/O threads. Uses Linux epoll when available (less memory and fewer
 * copies per connection), Java NIO elsewhere.
 */
public final class ApplianceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApplianceServer.class);

    /**
     * Transport settings the server needs; {@code tls} is null only for the explicit plaintext mode, and the server
     * releases it when it closes.
     * {@code connections} counts open connections per client address and refuses those past its limit;
     * {@code descriptors} counts connections, and the files transfer connections hold, against the most open at once
     * in all ({@link org.lanchat.appliance.limits.OpenFiles}).
     */
    public record Settings(String bindAddress, int port, SslContext tls, FrameLimits limits, int ioThreads,
                           Duration idleTimeout, Duration handshakeTimeout, ConnectionsPerAddress connections,
                           FrameBudget frameBudget, Descriptors descriptors) {
    }

    /** Refused connections held open for their handshake and their reason, per address and in all, at most. */
    static final int REFUSALS_HELD = 64;
    /** How long a client refused for too many connections is asked to wait before trying again. */
    static final Duration CONNECTION_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);

    private final Settings settings;
    private final ClientSessions sessions;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final ChannelGroup clients = new DefaultChannelGroup("lanchat-clients", GlobalEventExecutor.INSTANCE);
    private Channel listener;
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL.toNanos());

    public ApplianceServer(Settings settings, ClientSessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
        IoHandlerFactory handlers = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, handlers);
        this.io = new MultiThreadIoEventLoopGroup(settings.ioThreads(), handlers);
    }

    /** Binds and starts accepting; returns the port actually bound. */
    public int start() throws InterruptedException {
        Class<? extends ServerChannel> channelType = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, io)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (settings.tls() != null) {
                            SslHandler tls = settings.tls().newHandler(ch.alloc());
                            tls.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
                            p.addLast("tls", tls);
                        }
                        String address = ch.remoteAddress().getAddress().getHostAddress();
                        int fromHere = settings.connections().open(address);
                        Descriptors descriptors = settings.descriptors();
                        int held = descriptors.connectionOpened();
                        ch.closeFuture().addListener(closed -> {
                            settings.connections().closed(address);
                            descriptors.released();
                        });
                        int perAddress = settings.connections().limit();
                        if (fromHere > perAddress + REFUSALS_HELD || held > descriptors.cap() + REFUSALS_HELD) {
                            // Far past a limit: the refusals already waiting for their handshake say why; this one
                            // is closed at once, so that sockets opened faster than they can be refused hold nothing.
                            ch.close();
                            return;
                        }
                        if (fromHere > perAddress) {
                            refuse(ch, address, ErrorCode.RATE_LIMITED, "too many connections from your address (at most "
                                    + perAddress + "); close some, or try again later");
                            return;
                        }
                        if (held > descriptors.cap()) {
                            refuse(ch, address, ErrorCode.BUSY, "the appliance holds as many connections as it can ("
                                    + descriptors.cap() + "); try again later");
                            return;
                        }
                        p.addLast("frames", new FrameInbound(settings.limits(), settings.frameBudget().share(address)));
                        p.addLast("session", sessions.newSession(ch));
                    }
                });
        InetSocketAddress address = settings.bindAddress() == null
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(settings.bindAddress(), settings.port());
        new IdleSweep(clients, settings.idleTimeout()).start(io);
        listener = bootstrap.bind(address).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info("Listening on {}:{} ({}, {})", settings.bindAddress() == null ? "*" : settings.bindAddress(), port,
                settings.tls() == null ? "PLAINTEXT, NOT ENCRYPTED" : "TLS 1.3",
                Epoll.isAvailable() ? "epoll" : "nio");
        return port;
    }

    /**
     * Too many connections, in all or from one address: tell the client why, then close. Logged at most once a
     * minute.
     */
    private void refuse(SocketChannel ch, String address, ErrorCode code, String why) {
        byte[] error = sessions.codec().encodeFrame(new SessionMessage.Error(null, code, why,
                CONNECTION_RETRY_AFTER.toMillis()));
        byte[] bye = sessions.codec().encodeFrame(new Bye(code, why));
        byte[] frames = Arrays.copyOf(error, error.length + bye.length);
        System.arraycopy(bye, 0, frames, error.length, bye.length);
        ch.pipeline().addLast("refused", new RefusedConnection(frames, settings.tls() != null));
        long refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRefusalLog.get();
        if (now - last >= REFUSAL_LOG_INTERVAL.toNanos() && lastRefusalLog.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            log.warn("Refused {} connection(s) in the last minute (latest from {}: {})", refused, address, why);
        }
    }

    /** Stops accepting new connections; existing ones carry on. */
    public void stopAccepting() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    public int connectionCount() {
        return clients.size();
    }

    /** True while the listening socket is open and its thread is alive. */
    public boolean isAccepting() {
        return listener != null && listener.isActive() && !acceptor.isShuttingDown();
    }

    /** Says goodbye to every client, waits briefly for the words to leave, and closes the connections. */
    public void disconnectAll(String why) {
        byte[] bye = sessions.codec().encodeFrame(new Bye(ErrorCode.SHUTTING_DOWN, why));
        clients.writeAndFlush(Unpooled.wrappedBuffer(bye)).awaitUninterruptibly(2, TimeUnit.SECONDS);
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopAccepting();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (settings.tls() instanceof ReferenceCounted boringSsl && boringSsl.refCnt() > 0) {
            boringSsl.release(); // BoringSSL's context, once no connection uses it; a second close finds it released
        }
    }
}
