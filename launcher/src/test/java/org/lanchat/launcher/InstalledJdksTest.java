package org.lanchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which installed Java the launcher picks, from directories laid out as Debian and Temurin lay them out. */
class InstalledJdksTest {
    @TempDir
    Path jvmDir;

    private File runtime(String name, String releaseLine) throws IOException {
        Path home = jvmDir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin/java"));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        if (releaseLine != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\n" + releaseLine + "\n");
        }
        return home.toFile();
    }

    @Test
    void readsTheFeatureReleaseFromEveryVersionStyle() {
        assertThat(InstalledJdks.feature("1.8.0_392")).isEqualTo(8);
        assertThat(InstalledJdks.feature("1.8")).isEqualTo(8);
        assertThat(InstalledJdks.feature("17.0.15")).isEqualTo(17);
        assertThat(InstalledJdks.feature("21")).isEqualTo(21);
        assertThat(InstalledJdks.feature("25-ea")).isEqualTo(25);
        assertThat(InstalledJdks.feature("")).isZero();
        assertThat(InstalledJdks.feature("unknown")).isZero();
    }

    @Test
    void takesTheNewestUnderTheDirectoryWhenJavaHomeIsUnsetOrTooOld() throws IOException {
        File old = runtime("java-17-openjdk-amd64", "JAVA_VERSION=\"17.0.15\"");
        runtime("temurin-21-jdk-amd64", "JAVA_VERSION=\"21.0.9\"");
        File newest = runtime("temurin-25-jdk-amd64", "JAVA_VERSION=\"25.0.3\"");
        assertThat(InstalledJdks.find(null, jvmDir.toFile(), 21)).isEqualTo(newest);
        assertThat(InstalledJdks.find(old.getPath(), jvmDir.toFile(), 21)).isEqualTo(newest);
    }

    @Test
    void prefersJavaHomeWhenItIsNewEnough() throws IOException {
        File chosen = runtime("temurin-21-jdk-amd64", "JAVA_VERSION=\"21.0.9\"");
        runtime("temurin-25-jdk-amd64", "JAVA_VERSION=\"25.0.3\"");
        assertThat(InstalledJdks.find(chosen.getPath(), jvmDir.toFile(), 21)).isEqualTo(chosen);
    }

    @Test
    void findsNothingWhenEveryRuntimeIsTooOldOrUnreadable() throws IOException {
        runtime("java-17-openjdk-amd64", "JAVA_VERSION=\"17.0.15\"");
        runtime("java-8-openjdk-amd64", "JAVA_VERSION=\"1.8.0_392\"");
        runtime("no-release-file", null);
        Files.createDirectories(jvmDir.resolve("no-java/bin"));
        Files.writeString(jvmDir.resolve("no-java/release"), "JAVA_VERSION=\"25\"\n");
        assertThat(InstalledJdks.find("", jvmDir.toFile(), 21)).isNull();
        assertThat(InstalledJdks.find(null, jvmDir.resolve("missing").toFile(), 21)).isNull();
    }
}
