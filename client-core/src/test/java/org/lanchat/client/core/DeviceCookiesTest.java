package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** Where a client keeps device cookies: one per appliance and account, and a damaged file costs nothing. */
class DeviceCookiesTest {
    private static final CertificateFingerprint OFFICE = new CertificateFingerprint("a".repeat(64));
    private static final CertificateFingerprint LAB = new CertificateFingerprint("b".repeat(64));

    @TempDir
    Path dir;

    @Test
    void oneCookiePerApplianceAndAccountWhateverTheCaseOfTheName() {
        DeviceCookies cookies = DeviceCookies.open(dir);
        cookies.remember(OFFICE, "Dora", "office.dora");
        cookies.remember(LAB, "dora", "lab.dora");
        cookies.remember(OFFICE, "ed", "office.ed");
        cookies.remember(OFFICE, "DORA", "office.dora.2");

        DeviceCookies reopened = DeviceCookies.open(dir);
        assertThat(reopened.cookieFor(OFFICE, "dora")).contains("office.dora.2");
        assertThat(reopened.cookieFor(LAB, "DoRa")).contains("lab.dora");
        assertThat(reopened.cookieFor(OFFICE, "ed")).contains("office.ed");
        assertThat(reopened.cookieFor(LAB, "ed")).isEmpty();
    }

    @Test
    void twoClientProgramsOnOneComputerKeepEachOthersCookies() {
        DeviceCookies desktop = DeviceCookies.open(dir);
        DeviceCookies commandLine = DeviceCookies.open(dir);
        desktop.remember(OFFICE, "dora", "from.desktop");
        commandLine.remember(OFFICE, "ed", "from.command.line");

        DeviceCookies reopened = DeviceCookies.open(dir);
        assertThat(reopened.cookieFor(OFFICE, "dora")).contains("from.desktop");
        assertThat(reopened.cookieFor(OFFICE, "ed")).contains("from.command.line");
    }

    @Test
    void aDamagedFileOrACookieNoApplianceSendsIsNoCookie() throws IOException {
        Path file = dir.resolve(DeviceCookies.FILE_NAME);
        String office = OFFICE.hex();
        // A property with a bad escape makes the whole file unreadable.
        Files.writeString(file, office + "/dora=\\u00zz\n", StandardCharsets.UTF_8);
        assertThat(DeviceCookies.open(dir).cookieFor(OFFICE, "dora")).as("unreadable file").isEmpty();

        Files.writeString(file, office + "/dora=" + "x".repeat(257) + "\n" + office + "/ed=with space\n"
                + office + "/fay=\\u0007bell\n" + office + "/gus=fine.cookie\n", StandardCharsets.UTF_8);
        DeviceCookies cookies = DeviceCookies.open(dir);
        assertThat(cookies.cookieFor(OFFICE, "dora")).as("longer than a login may carry").isEmpty();
        assertThat(cookies.cookieFor(OFFICE, "ed")).as("a space").isEmpty();
        assertThat(cookies.cookieFor(OFFICE, "fay")).as("a control character").isEmpty();
        assertThat(cookies.cookieFor(OFFICE, "gus")).contains("fine.cookie");

        cookies.remember(OFFICE, "hal", "x".repeat(257));
        assertThat(cookies.cookieFor(OFFICE, "hal")).as("not kept from an appliance either").isEmpty();
    }
}
