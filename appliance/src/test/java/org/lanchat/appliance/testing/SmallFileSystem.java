package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few megabytes mounted on a directory for one test, to fill up or mount read-only. Mounting
 * needs root (or CAP_SYS_ADMIN); where it is refused the test is skipped, saying why.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} with extra mount {@code options} (e.g. "ro"), or skips. */
    public static SmallFileSystem mount(Path dir, int megabytes, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String all = String.join(",", List.of(options)) + (options.length > 0 ? "," : "") + "size=" + megabytes + "m,mode=0700";
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", all, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + output.strip());
        return new SmallFileSystem(dir);
    }

    public Path root() {
        return mountPoint;
    }

    /** Writes one file until the file system has no byte left. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
    }

    /** Removes what {@link #fill} wrote. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazy: an embedded database the test has not closed yet must not keep the mount point busy.
        new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
