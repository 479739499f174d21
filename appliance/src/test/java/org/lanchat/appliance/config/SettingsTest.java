package org.lanchat.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration is checked once, at start, and every message names the setting and its limit. */
class SettingsTest {
    @Test
    void defaultsNeedOnlyADataDirectory() {
        ApplianceConfig config = ApplianceConfig.builder().dataDir(Path.of("/tmp/lanchat-test")).build();
        assertThat(config.port()).isEqualTo(7447);
        assertThat(config.usesEmbeddedDatabase()).isTrue();
        assertThat(config.effectiveDatabaseUrl()).startsWith("jdbc:h2:file:/tmp/lanchat-test/db/lanchat;MODE=MySQL");
        assertThat(config.name()).startsWith("LAN Chat on ");
        assertThat(config.insecurePlaintext()).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> ApplianceConfig.builder()
                .port(70_000)
                .databaseUrl("jdbc:postgresql://db/lanchat")
                .idleTimeout(Duration.ZERO)
                .maxFrameBytes(10)
                .build())
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("--port must be between 0 and 65535, got 70000")
                .hasMessageContaining("--data-dir is required")
                .hasMessageContaining("--database must be a jdbc:mysql:")
                .hasMessageContaining("--idle-timeout must be between 1 and 3600 seconds, got 0 seconds")
                .hasMessageContaining("--max-frame-bytes must be between 1024");
    }

    @Test
    void passwordsInJdbcUrlsAreNeverPrinted() {
        ApplianceConfig config = ApplianceConfig.builder().dataDir(Path.of("/tmp/x"))
                .databaseUrl("jdbc:mysql://db/lanchat?user=chat&password=s3cret").databasePassword("other-secret").build();
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("other-secret").contains("password=***");
        ApplianceConfig inTheAuthority = ApplianceConfig.builder().dataDir(Path.of("/tmp/x"))
                .databaseUrl("jdbc:mysql://lanchat:Secret1A@127.0.0.1:3306/lanchat").build();
        assertThat(inTheAuthority.toString()).doesNotContain("Secret1A").contains("jdbc:mysql://lanchat:***@127.0.0.1:3306/lanchat");
    }

    @Test
    void aNameThatCannotBeAServiceNameIsRefused() {
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).name("x".repeat(64)).build())
                .hasMessageContaining("--name must be at most 58 bytes");
        // Fits one DNS label, but not once a conflict makes it "... (2)": refused at start, not on the wire.
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).name("x".repeat(62)).build())
                .hasMessageContaining("--name must be at most 58 bytes").hasMessageContaining("(2)");
        String fifteenEmoji = "\uD83D\uDE00".repeat(15); // 60 bytes of UTF-8 in 30 chars
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).name(fifteenEmoji).build())
                .hasMessageContaining("--name must be at most 58 bytes");
        String dotted = "B\u00fcro Chat Z\u00fcrich \u2013 2. Stock";
        assertThat(ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).name(dotted).build().name()).isEqualTo(dotted);
    }

    /** Inputs tried: --cluster with the embedded database, with an H2 URL, a URL that is not NATS, credentials alone. */
    @Test
    void aClusterNeedsASharedServerDatabaseAndNatsUrls() {
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x"))
                .clusterServers(java.util.List.of("nats://10.0.0.5:4222")).build())
                .hasMessageContaining("--cluster needs a MySQL or MariaDB database shared by every member")
                .hasMessageContaining("the embedded database belongs to one appliance");
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).databaseUrl("jdbc:h2:file:/tmp/x/db")
                .clusterServers(java.util.List.of("nats://10.0.0.5:4222")).build())
                .hasMessageContaining("--cluster needs a MySQL or MariaDB database");
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).databaseUrl("jdbc:mysql://db/lanchat")
                .clusterServers(java.util.List.of("http://10.0.0.5:4222")).build())
                .hasMessageContaining("--cluster must be a comma-separated list of NATS server URLs");
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).databaseUrl("jdbc:mysql://db/lanchat")
                .clusterCredentials(Path.of("/etc/lanchat-appliance/cluster-credentials")).build())
                .hasMessageContaining("--cluster-credentials is only used with --cluster");

        ApplianceConfig member = ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).databaseUrl("jdbc:mysql://db/lanchat")
                .clusterServers(java.util.List.of("nats://10.0.0.5:4222", "tls://10.0.0.6")).build();
        assertThat(member.clustered()).isTrue();
        assertThat(member.toString()).contains("cluster=[nats://10.0.0.5:4222, tls://10.0.0.6]");
    }

    @Test
    void filesAreKeptUnderTheDataDirectoryUnlessToldAndTheirLimitsAreChecked() {
        ApplianceConfig defaults = ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).build();
        assertThat(defaults.attachments()).isEqualTo(new AttachmentSettings(Path.of("/tmp/x/attachments"),
                100L << 20, 20L << 30, java.time.Duration.ZERO));
        assertThat(ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).attachmentsDir(Path.of("/srv/shared/files"))
                .build().attachments().directory()).isEqualTo(Path.of("/srv/shared/files"));
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).maxFileBytes(0)
                .attachmentQuotaBytes(10).attachmentRetention(java.time.Duration.ofDays(-1)).build())
                .hasMessageContaining("--max-file-bytes must be between 1 and")
                .hasMessageContaining("--attachment-retention-days must be 0 (keep for ever) or more");
        assertThatThrownBy(() -> ApplianceConfig.builder().dataDir(Path.of("/tmp/x")).maxFileBytes(1000)
                .attachmentQuotaBytes(999).build())
                .hasMessageContaining("--attachment-quota-bytes must be at least --max-file-bytes (1000), got 999");
    }
}
