package org.lanchat.appliance.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Thousands of cheap client connections on a few Netty threads, for the tests that need a crowd:
 * slowloris connections that trickle bytes or say nothing, and a storm of clients resuming at once. A
 * thread per connection would not do (10,000 of them), and a crowd member parses only what it must —
 * frames are counted, and decoded only until the login is answered and when small enough to be a
 * {@code bye}.
 *
 * <p>Every member records when its connection came up, its TLS handshake ended, its session started and
 * it was closed (System.nanoTime, 0 for not yet), and the {@code bye} or error it got.
 */
public final class Crowd implements AutoCloseable {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);
    /** A ping this often keeps resumed members inside the appliance's idle timeout. */
    private static final Duration PING_EVERY = Duration.ofSeconds(30);

    /** What a member does once connected. */
    public enum Behaviour {
        /** Plain TCP: the bytes of a real TLS ClientHello, one at a time; the handshake never completes. */
        TRICKLE_CLIENT_HELLO,
        /** TLS, then the bytes of a {@code hello} frame, one at a time (each in its own TLS record). */
        TRICKLE_FRAME,
        /** TLS, then nothing at all. */
        SILENT,
        /** TLS, {@code hello} and {@code resume} with the member's token, then reading quietly. */
        RESUME
    }

    /** One client of the crowd: its current connection, and its timings since the last {@link #connect}. */
    public final class Member {
        private final Behaviour behaviour;
        private final String token;
        private volatile Channel channel;
        public volatile long startedAt;
        public volatile long connectedAt;
        public volatile long handshakeAt;
        public volatile long sessionAt;
        public volatile long closedAt;
        public volatile ErrorCode bye;
        public volatile ErrorCode refusal;
        public volatile String failure;
        private volatile int attempts;
        private volatile int retries;

        private Member(Behaviour behaviour, String token) {
            this.behaviour = behaviour;
            this.token = token;
        }

        public Behaviour behaviour() {
            return behaviour;
        }

        public boolean isOpen() {
            Channel c = channel;
            return c != null && c.isActive();
        }

        /** Connection attempts for the current (re)connect: more than one when the listener was not there yet. */
        public int attempts() {
            return attempts;
        }

        private void reset() {
            startedAt = System.nanoTime();
            connectedAt = 0;
            handshakeAt = 0;
            sessionAt = 0;
            closedAt = 0;
            bye = null;
            refusal = null;
            failure = null;
            attempts = 0;
        }
    }

    private final String host;
    private final int port;
    private final Duration trickleEvery;
    private final EventLoopGroup group;
    private final SslContext tls;
    private final byte[] clientHello;
    private final List<Member> members = new ArrayList<>();

    /**
     * @param trickleEvery how long the tricklers wait between two bytes
     * @param threads      Netty I/O threads for the whole crowd
     */
    public Crowd(int port, CertificateFingerprint pin, Duration trickleEvery, int threads) {
        this.host = "127.0.0.1";
        this.port = port;
        this.trickleEvery = trickleEvery;
        this.group = new MultiThreadIoEventLoopGroup(threads, Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            // The certificate names no host (docs/PROTOCOL.md §1.1): trust is the pin, so no hostname check.
            this.tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                    .trustManager(new TestClient.PinningTrustManager(pin)).endpointIdentificationAlgorithm(null).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
        this.clientHello = realClientHello();
    }

    public Member add(Behaviour behaviour, String token) {
        Member m = new Member(behaviour, token);
        synchronized (members) {
            members.add(m);
        }
        return m;
    }

    public List<Member> members() {
        synchronized (members) {
            return List.copyOf(members);
        }
    }

    /**
     * Starts connecting every given member at once (returns at once). A member whose connection is refused
     * (the appliance not listening yet) tries again with backoff (100 ms doubling to 1 s, plus jitter), up
     * to {@code retries} times.
     */
    public void connect(List<Member> who, int retries) {
        for (Member m : who) {
            m.reset();
            m.retries = retries;
            open(m);
        }
    }

    /** Starts connecting the given members at {@code perSecond}, as a real attack ramps up (returns at once). */
    public void connectRamped(List<Member> who, int perSecond) {
        for (int i = 0; i < who.size(); i++) {
            Member m = who.get(i);
            group.schedule(() -> {
                m.reset();
                m.retries = 0;
                open(m);
            }, i * 1000L / perSecond, TimeUnit.MILLISECONDS);
        }
    }

    private void open(Member m) {
        m.attempts++;
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (m.behaviour != Behaviour.TRICKLE_CLIENT_HELLO) {
                            SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                            ssl.setHandshakeTimeoutMillis(120_000);
                            ch.pipeline().addLast("tls", ssl);
                            ssl.handshakeFuture().addListener(f -> {
                                if (f.isSuccess()) {
                                    m.handshakeAt = System.nanoTime();
                                    afterHandshake(m, ch);
                                } else {
                                    m.failure = "TLS: " + f.cause();
                                }
                            });
                            ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(FrameLimits.DEFAULT_MAX_FRAME_BYTES + 4, 0, 4, 0, 4));
                        }
                        ch.pipeline().addLast("member", new Reader(m));
                    }
                });
        bootstrap.connect(host, port).addListener(f -> {
            if (!f.isSuccess() && !retry(m)) {
                m.failure = "connect: " + f.cause();
                m.closedAt = System.nanoTime();
            }
        });
    }

    /**
     * Tries again later if the member has retries left: exponential backoff from 100 ms to 1 s, with
     * jitter, which is what a well-behaved client does after a refused connection or a failed handshake.
     */
    private boolean retry(Member m) {
        if (m.attempts > m.retries) {
            return false;
        }
        long backoff = Math.min(1000, 100L << Math.min(m.attempts - 1, 4));
        group.schedule(() -> open(m), backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1), TimeUnit.MILLISECONDS);
        return true;
    }

    private void afterHandshake(Member m, Channel ch) {
        switch (m.behaviour) {
            case TRICKLE_FRAME -> trickle(ch, CODEC.encodeFrame(new SessionRequest.Hello("1", Protocol.VERSION, "slowly")));
            case RESUME -> {
                ch.write(Unpooled.wrappedBuffer(CODEC.encodeFrame(new SessionRequest.Hello("h", Protocol.VERSION, "crowd"))));
                ch.writeAndFlush(Unpooled.wrappedBuffer(CODEC.encodeFrame(new SessionRequest.Resume("r", m.token))));
                ScheduledFuture<?> pings = ch.eventLoop().scheduleAtFixedRate(() -> ch.writeAndFlush(
                        Unpooled.wrappedBuffer(CODEC.encodeFrame(new SessionRequest.Ping("p")))),
                        PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                ch.closeFuture().addListener(f -> pings.cancel(false));
            }
            case SILENT, TRICKLE_CLIENT_HELLO -> {
                // nothing more is ever sent
            }
        }
    }

    /** Writes {@code bytes} one byte per {@link #trickleEvery}, as long as the connection lasts. */
    private void trickle(Channel ch, byte[] bytes) {
        int[] next = {0};
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, trickleEvery.toMillis()));
        ScheduledFuture<?> task = ch.eventLoop().scheduleAtFixedRate(() -> {
            if (next[0] < bytes.length && ch.isActive()) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(bytes, next[0]++, 1));
            }
        }, jitter, trickleEvery.toMillis(), TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> task.cancel(false));
    }

    /** Reads what the appliance sends a member: frames after TLS, anything at all before. */
    private final class Reader extends ChannelInboundHandlerAdapter {
        private final Member m;

        Reader(Member m) {
            this.m = m;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            m.channel = ctx.channel();
            m.connectedAt = System.nanoTime();
            if (m.behaviour == Behaviour.TRICKLE_CLIENT_HELLO) {
                trickle(ctx.channel(), clientHello);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                if (m.behaviour == Behaviour.TRICKLE_CLIENT_HELLO) {
                    return; // raw bytes: a TLS alert at most
                }
                if (m.sessionAt != 0 && frame.readableBytes() > 1024) {
                    return; // rosters and presence: counted, not decoded
                }
                ServerMessage message = CODEC.decodeServer(ByteBufUtil.getBytes(frame));
                switch (message) {
                    case SessionMessage.SessionStarted s -> m.sessionAt = System.nanoTime();
                    case SessionMessage.Bye b -> m.bye = b.reason();
                    case SessionMessage.Error e -> m.refusal = e.code();
                    default -> {
                        // welcome, roster, presence, pong, chat: not what the crowd is for
                    }
                }
            } catch (ProtocolException e) {
                m.failure = "undecodable frame: " + e.getMessage();
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // A resuming client that lost its connection before its session started (the appliance's
            // handshake timeout in a storm, say) reconnects, as a real one would.
            if (m.behaviour == Behaviour.RESUME && m.sessionAt == 0 && m.refusal == null && m.bye == null && retry(m)) {
                m.failure = null;
            } else {
                m.closedAt = System.nanoTime();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (m.failure == null) {
                m.failure = cause.toString();
            }
            ctx.close();
        }
    }

    /** The first flight a JDK TLS 1.3 client sends: what a slowloris would dribble out. */
    private static byte[] realClientHello() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine("127.0.0.1", 7447);
            engine.setUseClientMode(true);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            byte[] hello = new byte[out.remaining()];
            out.get(hello);
            return hello;
        } catch (java.security.GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot build a ClientHello", e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
