package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.frame.Frames;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.FileMessage;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PresentedIdentity;

/**
 * A protocol client for tests: a real socket (TLS pinned to the appliance's fingerprint, or plain), a
 * reader thread that records every frame received in order, and blocking helpers that wait on what was
 * recorded with a bounded timeout (never a sleep).
 */
public final class TestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final OutputStream out;
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final List<ServerMessage> received = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Throwable readFailure;
    private String username;
    private String token;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = Thread.ofVirtual().name("test-client-reader").start(this::readLoop);
        reader.setUncaughtExceptionHandler((t, e) -> readFailure = e);
    }

    /** Connects over TLS, accepting only a certificate with exactly this fingerprint. */
    public static TestClient connect(int port, CertificateFingerprint pin) {
        return connectFrom(null, port, pin);
    }

    /**
     * Connects over TLS from a chosen local address, e.g. {@code 127.0.0.2}: every 127.x.y.z address is
     * this machine's loopback, so the appliance on 127.0.0.1 sees the connection come from another address.
     */
    public static TestClient connectFrom(String localAddress, int port, CertificateFingerprint pin) {
        try {
            SSLContext tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, new TrustManager[] {new PinningTrustManager(pin)}, new SecureRandom());
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout(0);
            socket.startHandshake();
            return new TestClient(socket);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot connect to the appliance on port " + port, e);
        }
    }

    /** Connects with plain TCP: for raw-bytes tests against a plaintext appliance. */
    public static TestClient connectPlain(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            return new TestClient(socket);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to port " + port, e);
        }
    }

    // ------------------------------------------------------------ high-level steps

    public SessionMessage.Welcome hello() {
        return request(new SessionRequest.Hello(nextId(), Protocol.VERSION, "test-client"), SessionMessage.Welcome.class);
    }

    public SessionStarted register(String name, String password) {
        return register(name, password, null);
    }

    public SessionStarted register(String name, String password, byte[] avatar) {
        return registerAs(name, password, avatar, null);
    }

    /** Registers with a display name (PROTOCOL §7.17). */
    public SessionStarted registerAs(String name, String password, byte[] avatar, String displayName) {
        SessionStarted session = request(new SessionRequest.Register(nextId(), name, password, avatar, displayName),
                SessionStarted.class);
        remember(session);
        return session;
    }

    public SessionStarted login(String name, String password) {
        return login(name, password, null);
    }

    /** Logs in presenting a device cookie (PROTOCOL §7.11), as a device that logged in before does. */
    public SessionStarted login(String name, String password, String deviceCookie) {
        SessionStarted session = request(new SessionRequest.Login(nextId(), name, password, deviceCookie), SessionStarted.class);
        remember(session);
        return session;
    }

    public SessionStarted resume(String resumeToken) {
        SessionStarted session = request(new SessionRequest.Resume(nextId(), resumeToken), SessionStarted.class);
        remember(session);
        return session;
    }

    public Ack send(Conversation conversation, String text) {
        return send(conversation, text, UUID.randomUUID().toString());
    }

    public Ack send(Conversation conversation, String text, String clientMsgId) {
        return request(new Posting.Send(nextId(), clientMsgId, conversation, text, null), Ack.class);
    }

    public Ack reply(Conversation conversation, long replyTo, String text) {
        return request(new Posting.Send(nextId(), UUID.randomUUID().toString(), conversation, text, null, replyTo),
                Ack.class);
    }

    public Ack edit(Conversation conversation, long target, String text) {
        return request(new Posting.Edit(nextId(), UUID.randomUUID().toString(), conversation, target, text), Ack.class);
    }

    public Ack delete(Conversation conversation, long target) {
        return request(new Posting.Delete(nextId(), UUID.randomUUID().toString(), conversation, target), Ack.class);
    }

    public Ack react(Conversation conversation, long target, String emoji, boolean remove) {
        return request(new Posting.React(nextId(), UUID.randomUUID().toString(), conversation, target, emoji,
                remove ? Boolean.TRUE : null), Ack.class);
    }

    /** Uploads {@code data} in the chunks the appliance announces (PROTOCOL.md §5.36-5.37); returns its file id. */
    public String uploadFile(byte[] data, String mediaType) {
        String fileId;
        try {
            fileId = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        FileMessage.UploadStatus status = request(new FileRequest.UploadBegin(nextId(), fileId, (long) data.length,
                mediaType), FileMessage.UploadStatus.class);
        while (!status.complete()) {
            int end = (int) Math.min(data.length, status.offset() + status.chunkBytes());
            status = request(new FileRequest.UploadChunk(nextId(), fileId, status.offset(),
                    java.util.Arrays.copyOfRange(data, (int) status.offset(), end)), FileMessage.UploadStatus.class);
        }
        return fileId;
    }

    /** The whole file of the message {@code seq}, chunk by chunk (§5.38). */
    public byte[] downloadFile(Conversation conversation, long seq) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        FileMessage.FileChunk chunk;
        do {
            chunk = request(new FileRequest.Download(nextId(), conversation, seq, (long) out.size(), null),
                    FileMessage.FileChunk.class);
            out.writeBytes(chunk.data());
        } while (out.size() < chunk.size());
        return out.toByteArray();
    }

    public Ack sendSticker(Conversation conversation, String sticker) {
        return request(new Posting.Send(nextId(), UUID.randomUUID().toString(), conversation, null, sticker), Ack.class);
    }

    public String username() {
        return username;
    }

    public String token() {
        return token;
    }

    private void remember(SessionStarted session) {
        username = session.username();
        token = session.token();
    }

    // ------------------------------------------------------------ requests and replies

    public String nextId() {
        return "r" + ids.incrementAndGet();
    }

    /** Sends a request and returns its reply, failing the test if the reply is an error or another type. */
    public <T extends ServerMessage> T request(ClientMessage message, Class<T> expected) {
        ServerMessage reply = roundTrip(message);
        if (!expected.isInstance(reply)) {
            throw new AssertionError("expected " + expected.getSimpleName() + " for " + message + " but got " + reply);
        }
        return expected.cast(reply);
    }

    /** Sends a request that must fail and returns the error. */
    public SessionMessage.Error requestError(ClientMessage message) {
        return request(message, SessionMessage.Error.class);
    }

    /** Sends a request and waits for the reply carrying its id. */
    public ServerMessage roundTrip(ClientMessage message) {
        sendMessage(message);
        return awaitReply(message.id());
    }

    public ServerMessage awaitReply(String id) {
        return await(ServerMessage.class, m -> Optional.of(id).equals(m.replyId()));
    }

    /** Frames and sends a JSON text as it is: for requests the message records would refuse to build. */
    public void sendJson(String json) {
        sendRaw(Frames.frame(json.getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT));
    }

    public void sendMessage(ClientMessage message) {
        sendRaw(codec.encodeFrame(message));
    }

    public synchronized void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("write failed: " + e.getMessage(), e);
        }
    }

    /** Like {@link #sendRaw} but reports failure instead of throwing: the peer may already have hung up. */
    public boolean trySendRaw(byte[] bytes) {
        try {
            sendRaw(bytes);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    // ------------------------------------------------------------ waiting on what arrived

    /** The first received message of a type matching a predicate, waiting for it if necessary. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> matches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (received) {
            while (true) {
                for (ServerMessage m : received) {
                    if (type.isInstance(m) && matches.test(type.cast(m))) {
                        return type.cast(m);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.getCount() == 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching within " + TIMEOUT
                            + (closed.getCount() == 0 ? " (connection closed)" : ThreadDumps.dump("await " + type.getSimpleName()))
                            + "; received: " + summary());
                }
                try {
                    received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Waits until {@code count} chat messages satisfying {@code matches} have arrived; returns them in order. */
    public List<ChatMessage> awaitChat(int count, Predicate<ChatMessage> matches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (received) {
            while (true) {
                List<ChatMessage> found = chat(matches);
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.getCount() == 0) {
                    throw new AssertionError("expected " + count + " chat messages, got " + found.size() + " within " + TIMEOUT
                            + (closed.getCount() == 0 ? " (connection closed)" : ThreadDumps.dump("awaitChat")));
                }
                try {
                    received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Chat messages received so far that match, in arrival order. */
    public List<ChatMessage> chat(Predicate<ChatMessage> matches) {
        synchronized (received) {
            return received.stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast).filter(matches).toList();
        }
    }

    public List<ServerMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until the appliance closes the connection. */
    public void awaitClosed() {
        try {
            if (!closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the appliance did not close the connection within " + TIMEOUT + ThreadDumps.dump("awaitClosed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** This end's port: how the appliance's log names the connection ("from 127.0.0.1:PORT"). */
    public int localPort() {
        return socket.getLocalPort();
    }

    public boolean isClosedByPeer() {
        return closed.getCount() == 0;
    }

    public Optional<Throwable> readFailure() {
        return Optional.ofNullable(readFailure);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT);
            while (true) {
                Optional<byte[]> body = reader.next();
                if (body.isEmpty()) {
                    break;
                }
                ServerMessage message = codec.decodeServer(body.get());
                synchronized (received) {
                    received.add(message);
                    received.notifyAll();
                }
            }
        } catch (IOException | ProtocolException e) {
            readFailure = e;
        } finally {
            closed.countDown();
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    private String summary() {
        List<String> names = new ArrayList<>();
        for (ServerMessage m : received) {
            names.add(m instanceof SessionMessage.Error e ? "error(" + e.code().wireName() + ": " + e.message() + ")" : m.getClass().getSimpleName());
        }
        return names.toString();
    }

    /** Error code of an error reply, for assertions. */
    public static ErrorCode codeOf(ServerMessage m) {
        return m instanceof SessionMessage.Error e ? e.code() : null;
    }

    /** Trusts exactly one certificate, by fingerprint: what the real client does after first contact. */
    static final class PinningTrustManager implements X509TrustManager {
        private final CertificateFingerprint pin;

        PinningTrustManager(CertificateFingerprint pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateFingerprint actual = PresentedIdentity.of(chain);
            if (!actual.equals(pin)) {
                throw new CertificateException("certificate " + actual.shortCode() + " is not the pinned " + pin.shortCode());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
