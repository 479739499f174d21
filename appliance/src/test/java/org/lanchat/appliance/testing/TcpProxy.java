package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between the appliance and a server it needs (its database, the cluster's bus), which the
 * test can cut and restore. It listens on 127.0.0.1, or on the host end of a test network namespace so that
 * an appliance inside reaches a server that listens on this machine's loopback only. Two kinds of cut:
 *
 * <ul>
 *   <li>{@link #blackhole()}: the link goes silent — bytes stop flowing both ways, connections stay open,
 *       new ones connect but hear nothing — like a pulled cable. {@link #restore()} lets the held bytes
 *       through again, as TCP would after the cable is back.</li>
 *   <li>{@link #reset()}: every connection is reset and new ones are refused at once — like the server
 *       host going away.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean silent;
    private volatile boolean refusing;
    private volatile boolean closed;
    private final AtomicLong connections = new AtomicLong();

    /** A proxy on 127.0.0.1. */
    public TcpProxy(InetSocketAddress upstream) throws IOException {
        this(upstream, InetAddress.getLoopbackAddress());
    }

    /** A proxy on a free port of {@code listenOn}. */
    public TcpProxy(InetSocketAddress upstream, InetAddress listenOn) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 128, listenOn);
        Thread.ofVirtual().name("db-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Where the proxy listens, as {@code host:port}. */
    public String hostAndPort() {
        return listener.getInetAddress().getHostAddress() + ":" + port();
    }

    /** The JDBC URL of a database on the upstream server, reached through this proxy. */
    public String jdbcUrl(String upstreamJdbcUrl) {
        return upstreamJdbcUrl.replace(upstream.getHostString() + ":" + upstream.getPort(), hostAndPort());
    }

    public long connectionsSeen() {
        return connections.get();
    }

    public void blackhole() {
        silent = true;
    }

    public void reset() {
        refusing = true;
        for (Socket s : sockets) {
            abort(s);
        }
    }

    public void restore() {
        synchronized (gate) {
            silent = false;
            refusing = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                abort(client);
                continue;
            }
            connections.incrementAndGet();
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            awaitFlowing();
            server.connect(upstream, 5000);
        } catch (IOException e) {
            abort(client);
            abort(server);
            return;
        }
        sockets.add(client);
        sockets.add(server);
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                awaitFlowing(); // a silent link holds what it read until it is restored
                if (refusing) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; close both
        }
        close(from);
        close(to);
    }

    private void awaitFlowing() throws IOException {
        synchronized (gate) {
            while (silent && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
    }

    private void close(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Closes with a TCP reset rather than a FIN: the peer sees the connection fail, not end. */
    private void abort(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // not connected
        }
        close(s);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        restore();
        listener.close();
        sockets.forEach(this::abort);
    }
}
