package org.lanchat.bench.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.FileMessage;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Moves the same random file three ways over loopback and prints the rates: up and down through a real appliance in
 * chunks on the chat connection (PROTOCOL.md §5.37–5.38, one request at a time, as the client core does with an
 * appliance that has nothing else), up and down through the same appliance on raw transfer connections (§7.25, 256 KiB
 * writes and reads, as the client core does), and a plain TLS 1.3 copy of the same bytes with the appliance's own
 * certificate (JDK sockets, 64 KiB writes) — the floor the issue compares against ("goal ≥ 0.8×"). The uploads' times
 * include the client's SHA-256 of the file (it names the file); the appliance hashes what it receives too. The plain
 * copy hashes nothing.
 *
 * <pre>
 *   java -cp bench/target/lanchat-bench.jar org.lanchat.bench.transfer.TransferComparison [MEBIBYTES] [ROUNDS]
 * </pre>
 * Defaults: 64 MiB, 3 rounds (the best of each is reported). Works in a temporary directory with the embedded database.
 */
public final class TransferComparison {
    private static final String PASSWORD = "correct horse battery";
    /** What the appliance announces with the default frame limit. */
    private static final int CHUNK = 512 * 1024;
    /** Bytes per write and read on a raw transfer connection, as the client core moves them. */
    private static final int RAW_STEP = 256 * 1024;

    public static void main(String[] args) throws Exception {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("lanchat-transfer-bench-");
        byte[] file = new byte[mebibytes << 20];
        new Random(17).nextBytes(file);
        ApplianceConfig config = ApplianceConfig.builder().bindAddress("127.0.0.1").port(0).dataDir(work)
                .advertise(false).maxFileBytes(file.length)
                // Room for every round's two files in one account's share, a tenth of the quota (PROTOCOL.md §7.24).
                .attachmentQuotaBytes(20L * file.length * rounds).build();
        Appliance appliance = Appliance.start(config);
        try {
            double plain = 0;
            double plainFile = 0;
            Path source = Files.write(work.resolve("source.bin"), file);
            double up = 0;
            double down = 0;
            double rawUp = 0;
            double rawUpUnhashed = 0;
            double rawDown = 0;
            for (int round = 1; round <= rounds; round++) {
                plain = Math.max(plain, plainTls(appliance.identity(), file));
                plainFile = Math.max(plainFile, plainTlsFileCopy(appliance.identity(), source,
                        work.resolve("copy-" + round + ".bin")));
                byte[] copy = file.clone();
                copy[0] = (byte) round; // a new file each round: an upload of a stored one would complete at once
                try (Client client = Client.connect(appliance, "bench" + round)) {
                    long start = System.nanoTime();
                    long seq = client.upload(copy);
                    up = Math.max(up, rate(copy.length, start));
                    start = System.nanoTime();
                    client.download(seq, copy, 1, CHUNK);
                    down = Math.max(down, rate(copy.length, start));
                    copy[1] = (byte) round; // another new file for the raw path
                    start = System.nanoTime();
                    String fileId = sha256(copy);
                    long hashed = System.nanoTime();
                    seq = client.uploadRaw(copy, fileId);
                    rawUp = Math.max(rawUp, rate(copy.length, start));
                    rawUpUnhashed = Math.max(rawUpUnhashed, rate(copy.length, hashed));
                    System.err.printf("round %d: the client's SHA-256 of the file took %d ms%n", round,
                            (hashed - start) / 1_000_000);
                    start = System.nanoTime();
                    client.downloadRaw(seq, copy.length);
                    rawDown = Math.max(rawDown, rate(copy.length, start));
                }
                System.err.printf("round %d: plain %.0f, plain file copy %.0f, upload %.0f, download %.0f, raw upload %.0f,"
                        + " raw download %.0f MiB/s%n", round, plain, plainFile, up, down, rawUp, rawDown);
            }
            System.out.printf("| transfer of %d MiB on loopback, best of %d | MiB/s | ratio to the plain TLS stream"
                    + " | ratio to the plain TLS file copy |%n", mebibytes, rounds);
            System.out.println("| --- | ---: | ---: | ---: |");
            row("plain TLS 1.3 stream, memory to memory, after the handshake (JDK sockets)", plain, plain, plainFile);
            row("plain TLS 1.3 file copy: connect, handshake, file to file (JDK sockets, as scp does)", plainFile, plain,
                    plainFile);
            row("upload through the appliance, chunks", up, plain, plainFile);
            row("download through the appliance, chunks", down, plain, plainFile);
            row("upload through the appliance, raw transfer connection", rawUp, plain, plainFile);
            row("download through the appliance, raw transfer connection", rawDown, plain, plainFile);
            row("upload, raw, without the client's SHA-256 (file id known beforehand)", rawUpUnhashed, plain, plainFile);
        } finally {
            appliance.close();
        }
    }

    private static void row(String what, double rate, double plain, double plainFile) {
        System.out.printf("| %s | %.0f | %.2f | %.2f |%n", what, rate, rate / plain, rate / plainFile);
    }

    private static String sha256(byte[] file) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
    }

    private static double rate(long bytes, long startNanos) {
        return bytes / (1024.0 * 1024.0) / ((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Copies the file {@code source} into the file {@code target} over a new TLS 1.3 connection on loopback with the
     * appliance's key, as scp copies a file: the clock runs from the connect, through the handshake, the sender reading
     * the file and the receiver writing it (256 KiB at a time, as the client core moves files), to the receiver
     * closing the copy. Nothing is hashed or synced (scp does neither). Returns MiB/s.
     */
    private static double plainTlsFileCopy(ApplianceIdentity identity, Path source, Path target) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext(identity).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long size = Files.size(source);
            long start = System.nanoTime();
            Thread sender = Thread.ofPlatform().start(() -> {
                try (Socket socket = trusting(identity.certificate()).getSocketFactory().createSocket();
                     InputStream in = Files.newInputStream(source)) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    OutputStream out = socket.getOutputStream();
                    byte[] buffer = new byte[RAW_STEP];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            long received = 0;
            try (SSLSocket socket = (SSLSocket) server.accept(); OutputStream out = Files.newOutputStream(target)) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[RAW_STEP];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    received += n;
                }
            }
            double rate = rate(received, start);
            sender.join();
            if (received != size) {
                throw new IOException("the file copy brought " + received + " of " + size + " bytes");
            }
            Files.delete(target);
            return rate;
        }
    }

    private static SSLContext serverContext(ApplianceIdentity identity) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("appliance", identity.privateKey(), new char[0],
                identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        return serverContext;
    }

    /** Copies {@code file} over TLS 1.3 on loopback with the appliance's key; returns MiB/s as the receiver saw it. */
    private static double plainTls(ApplianceIdentity identity, byte[] file) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext(identity).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sender = Thread.ofPlatform().start(() -> {
                try (Socket socket = trusting(identity.certificate()).getSocketFactory().createSocket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    OutputStream out = socket.getOutputStream();
                    for (int at = 0; at < file.length; at += 64 * 1024) {
                        out.write(file, at, Math.min(64 * 1024, file.length - at));
                    }
                    out.flush();
                    socket.getInputStream().read(); // the receiver's one byte: all arrived
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                long start = System.nanoTime();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                long received = 0;
                while (received < file.length) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        throw new IOException("the copy ended early");
                    }
                    received += n;
                }
                double rate = rate(received, start);
                socket.getOutputStream().write(1);
                socket.getOutputStream().flush();
                sender.join();
                return rate;
            }
        }
    }

    private static SSLContext trusting(X509Certificate expected) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                if (!chain[0].equals(expected)) {
                    throw new java.security.cert.CertificateException("not the appliance's certificate");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    /** A logged-in connection that sends one request at a time and waits for its reply, as a transfer does. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final FrameReader in;
        private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
        private int ids;

        private final X509Certificate certificate;
        private final int port;

        private Client(Socket socket, X509Certificate certificate, int port) throws IOException {
            this.socket = socket;
            this.certificate = certificate;
            this.port = port;
            this.out = socket.getOutputStream();
            this.in = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT);
        }

        static Client connect(Appliance appliance, String user) throws IOException, GeneralSecurityException {
            Socket socket = trusting(appliance.identity().certificate()).getSocketFactory().createSocket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), appliance.port()));
            Client client = new Client(socket, appliance.identity().certificate(), appliance.port());
            client.ask(new SessionRequest.Hello("h", Protocol.VERSION, "lanchat-bench-transfer"), SessionMessage.Welcome.class);
            client.ask(new SessionRequest.Register("r", user, PASSWORD, null), SessionMessage.SessionStarted.class);
            return client;
        }

        long upload(byte[] file) throws IOException, GeneralSecurityException {
            String fileId = sha256(file);
            FileMessage.UploadStatus status = ask(new FileRequest.UploadBegin(nextId(), fileId, (long) file.length,
                    "application/octet-stream"), FileMessage.UploadStatus.class);
            while (!status.complete()) {
                int from = (int) status.offset();
                byte[] chunk = Arrays.copyOfRange(file, from, (int) Math.min(file.length, from + status.chunkBytes()));
                status = ask(new FileRequest.UploadChunk(nextId(), fileId, (long) from, chunk),
                        FileMessage.UploadStatus.class);
            }
            return ask(Posting.Send.file(nextId(), nextId(), Conversation.GROUP, "bench.bin", fileId),
                    ConversationMessage.Ack.class).seq();
        }

        /** Downloads with {@code window} chunk requests in flight (1: one at a time, as the client core does). */
        void download(long seq, byte[] expected, int window, int chunkBytes) throws IOException {
            long asked = 0;
            long received = 0;
            int inFlight = 0;
            while (received < expected.length) {
                while (inFlight < window && asked < expected.length) {
                    out.write(codec.encodeFrame(new FileRequest.Download(nextId(), Conversation.GROUP, seq, asked,
                            null)));
                    asked += chunkBytes;
                    inFlight++;
                }
                out.flush();
                Optional<byte[]> body = in.next();
                if (body.isEmpty()) {
                    throw new IOException("the appliance closed the connection");
                }
                if (codec.decodeServer(body.get()) instanceof FileMessage.FileChunk chunk) {
                    received += chunk.data().length;
                    inFlight--;
                }
            }
        }

        /** Uploads on a transfer connection (§7.25) and sends the file to the group; returns the message's seq. */
        long uploadRaw(byte[] file, String fileId) throws IOException, GeneralSecurityException {
            FileMessage.TransferTicket ticket = ask(FileRequest.TransferTicketRequest.upload(nextId(), fileId,
                    file.length, "application/octet-stream"), FileMessage.TransferTicket.class);
            try (Socket line = openTransfer(ticket)) {
                OutputStream bytes = line.getOutputStream();
                for (long at = ticket.offset(); at < file.length; at += RAW_STEP) {
                    bytes.write(file, (int) at, (int) Math.min(RAW_STEP, file.length - at));
                }
                bytes.flush();
                if (!(frame(line) instanceof FileMessage.UploadStatus status && status.complete())) {
                    throw new IOException("the raw upload did not complete");
                }
            }
            return ask(Posting.Send.file(nextId(), nextId(), Conversation.GROUP, "bench-raw.bin", fileId),
                    ConversationMessage.Ack.class).seq();
        }

        /** Downloads on a transfer connection (§7.25), reading 256 KiB at a time. */
        void downloadRaw(long seq, long size) throws IOException, GeneralSecurityException {
            FileMessage.TransferTicket ticket = ask(FileRequest.TransferTicketRequest.download(nextId(),
                    Conversation.GROUP, seq, 0), FileMessage.TransferTicket.class);
            try (Socket line = openTransfer(ticket)) {
                InputStream bytes = line.getInputStream();
                byte[] buffer = new byte[RAW_STEP];
                long received = 0;
                for (int n; (n = bytes.read(buffer)) > 0; ) {
                    received += n;
                }
                if (received != size) {
                    throw new IOException("the raw download brought " + received + " of " + size + " bytes");
                }
            }
        }

        /** A new TLS connection that has redeemed {@code ticket}: the bytes flow next. */
        private Socket openTransfer(FileMessage.TransferTicket ticket) throws IOException, GeneralSecurityException {
            Socket line = trusting(certificate).getSocketFactory().createSocket();
            line.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            line.getOutputStream().write(codec.encodeFrame(new FileRequest.Transfer("t", ticket.ticket())));
            line.getOutputStream().flush();
            if (!(frame(line) instanceof FileMessage.TransferReady)) {
                line.close();
                throw new IOException("the ticket was refused");
            }
            return line;
        }

        private ServerMessage frame(Socket line) throws IOException {
            return codec.decodeServer(FrameReader.readOne(line.getInputStream(), FrameLimits.DEFAULT)
                    .orElseThrow(() -> new IOException("the transfer connection closed without a frame")));
        }

        private String nextId() {
            return "b" + ++ids;
        }

        private <T extends ServerMessage> T ask(ClientMessage request, Class<T> expected) throws IOException {
            out.write(codec.encodeFrame(request));
            out.flush();
            while (true) {
                Optional<byte[]> body = in.next();
                if (body.isEmpty()) {
                    throw new IOException("the appliance closed the connection");
                }
                ServerMessage reply = codec.decodeServer(body.get());
                if (reply.replyId().filter(request.id()::equals).isPresent()) {
                    if (!expected.isInstance(reply)) {
                        throw new IOException("expected " + expected.getSimpleName() + ", got " + reply);
                    }
                    return expected.cast(reply);
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
