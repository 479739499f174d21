package org.lanchat.appliance.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.lanchat.appliance.testing.UncheckedTls;

/**
 * A client for {@link TlsKeyUpdateTest}, run in a JVM of its own because the JDK reads its TLS key limits
 * ({@code jdk.tls.keyLimits}) once per process: it sends {@code ping} after {@code ping} over one TLS 1.3
 * connection, each answered before the next, and prints {@code pongs N} when every one came back. With a low key
 * limit the JDK sends a KeyUpdate that asks the appliance to update its keys too, again and again.
 * Arguments: host, port, number of pings. The certificate is not checked: the test only needs the bytes to flow.
 */
public final class KeyUpdatingClient {
    private KeyUpdatingClient() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int pings = Integer.parseInt(args[2]);
        try (SSLSocket socket = (SSLSocket) UncheckedTls.context().getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 1; i <= pings; i++) {
                byte[] ping = ("{\"type\":\"ping\",\"id\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                out.write(ByteBuffer.allocate(4 + ping.length).putInt(ping.length).put(ping).array());
                out.flush();
                byte[] reply = new byte[in.readInt()];
                in.readFully(reply);
                String text = new String(reply, StandardCharsets.UTF_8);
                if (!text.contains("\"pong\"") || !text.contains("\"" + i + "\"")) {
                    System.out.println("ping " + i + " answered with " + text);
                    System.exit(1);
                }
            }
            System.out.println("pongs " + pings);
        }
    }
}
