package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ProvisionedTrust;

class AccessTest {
    @TempDir
    Path dir;

    /** {@code lanchat listen} reaches for the appliance again and again while it is away; the warning is said once. */
    @Test
    void aBadLineInTheTrustFileIsSaidOnceHoweverOftenTheApplianceIsTried() throws IOException {
        Path trustFile = Files.writeString(dir.resolve("trusted-appliances"), "not a code\n");
        Files.setPosixFilePermissions(trustFile, PosixFilePermissions.fromString("rw-r--r--"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ConnectionOptions options = new ConnectionOptions();
        options.appliance = "127.0.0.1:" + closedPort;
        options.noDiscovery = true;
        options.dataDir = dir.resolve("data");
        StringWriter err = new StringWriter();
        Context context = new Context(Map.of(), new ByteArrayInputStream(new byte[0]), Terminal.none(),
                ClientOptions.DEFAULTS, Duration.ZERO);
        Access access = new Access(options, context, new PrintWriter(err, true));

        System.setProperty(ProvisionedTrust.FILE_PROPERTY, trustFile.toString());
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(access::reach).as("nothing listens on port " + closedPort).isNotNull();
            }
        } finally {
            System.clearProperty(ProvisionedTrust.FILE_PROPERTY);
        }

        assertThat(err.toString().split("'not a code'", -1)).as("said once in: " + err).hasSize(2);
    }
}
