package org.lanchat.appliance.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context: TLS 1.3 through BoringSSL (netty-tcnative) where its native library loads, because
 * handshakes and record encryption cost a fraction of the JDK's, which is what a reconnect storm after a restart and
 * encrypted fan-out spend their time on. The JDK's own TLS is the fallback.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
    /**
     * The buffer each BoringSSL connection keeps for what TLS writes while the appliance reads rather than
     * writes: an alert, or the answer to a peer's KeyUpdate, a few dozen bytes each (TLS 1.3 without session
     * tickets sends nothing else then), and BoringSSL keeps at most one KeyUpdate answer pending; what does not
     * fit waits for the connection's next write (TlsKeyUpdateTest passes with 8 bytes). Netty's default of 2 KB
     * per connection was a third of BoringSSL's memory per held connection in a native heap profile of W1
     * (docs/PERFORMANCE.md, "Native memory per TLS connection, attributed").
     */
    static final int NON_APPLICATION_BUFFER_BYTES = 512;

    private ServerTls() {
    }

    /**
     * The context, whose BoringSSL state the {@link ApplianceServer} it is given to releases when it closes. Its
     * engines are reference-counted ({@code OPENSSL_REFCNT}): Netty's {@code SslHandler} frees each engine's native
     * state when its connection's pipeline goes, so the finalizer the plain {@code OPENSSL} provider registers per
     * engine, which keeps every closed connection's engine alive for one more collection, is not needed.
     */
    public static SslContext build(ApplianceIdentity identity) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.info("TLS through the JDK: BoringSSL is not available here ({})", OpenSsl.unavailabilityCause().toString());
        } else {
            log.info("TLS through {}", OpenSsl.versionString());
        }
        SslContext context = SslContextBuilder.forServer(identity.privateKey(), identity.chain())
                .sslProvider(provider)
                .protocols("TLSv1.3")
                .build();
        if (context instanceof ReferenceCountedOpenSslContext boringSsl) {
            boringSsl.setBioNonApplicationBufferSize(NON_APPLICATION_BUFFER_BYTES);
        }
        return context;
    }

    /**
     * {@link #build} on a thread of its own: loading BoringSSL and building the context takes a few hundred
     * milliseconds of one core and needs only the certificate, so it can run while the database opens.
     */
    public static CompletableFuture<SslContext> buildInBackground(ApplianceIdentity identity) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return build(identity);
            } catch (SSLException e) {
                throw new CompletionException(e);
            }
        }, runnable -> Thread.ofPlatform().name("lanchat-tls-setup").daemon(true).start(runnable));
    }

    /** Waits for {@link #buildInBackground}, failing as {@link #build} would have. */
    public static SslContext await(CompletableFuture<SslContext> building) throws SSLException {
        try {
            return building.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw ssl;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
