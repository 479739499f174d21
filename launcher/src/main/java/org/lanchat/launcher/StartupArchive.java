package org.lanchat.launcher;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A class data sharing archive for the appliance that the launcher starts on a newer JDK (docs/PERFORMANCE.md,
 * "Start-up"): that start costs a second JVM anyway, so the second one gets {@code -XX:+AutoCreateSharedArchive} with
 * an archive beside the jar. The JVM maps it, and when it is missing it starts without it and writes one as the
 * appliance stops. A stale one it only notices too late to write a new one (JDK 25 checks the class path after it
 * decided not to), so the archive's name carries the jar's size and time and the JDK's: a rebuild or another JDK
 * looks for a name that does not exist yet, and the launcher removes the archives of earlier builds.
 *
 * <p>It is left out when the administrator chose a cache or sharing mode of their own (the Debian package passes
 * {@code -XX:AOTCache}); when the jar's folder cannot be written, where the JVM's write at exit would fail and turn the
 * exit status into 1; and when the folder or the archive is not this user's alone ({@link #onlyMine}). A file in its place that is no archive is removed, because the JVM would never replace it.
 */
final class StartupArchive {
    /** Options that choose what the JVM shares or records; any of them, and the launcher adds nothing. */
    private static final List<String> CHOSEN = Arrays.asList("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-XX:+AutoCreateSharedArchive", "-XX:-AutoCreateSharedArchive", "-XX:AOTCache", "-XX:AOTCacheOutput",
            "-XX:AOTMode", "-XX:AOTConfiguration");
    /** How HotSpot's dynamic archives begin: 0xf00baba8, little-endian (CDS_DYNAMIC_ARCHIVE_MAGIC). */
    private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

    private StartupArchive() {
    }

    /** Arguments of a run that is not the appliance serving: a question answered, or a tool of the same jar. */
    private static final List<String> NOT_SERVING = Arrays.asList("--help", "-h", "--version", "-V", "--fingerprint",
            "admin", "db-setup");

    /**
     * Whether a run with {@code args} is one whose archive is worth keeping: the appliance serving. The JVM writes the
     * archive at the end of whatever run finds none and never replaces it, so a {@code --help} or an {@code admin}
     * command run first would leave an archive of the few classes it loaded, and every later start would map that.
     */
    static boolean worthWriting(List<String> args) {
        return args.stream().noneMatch(NOT_SERVING::contains);
    }

    /**
     * The archive for {@code jar} on {@code jdkHome}: the jar's name with a key for this build of it and this JDK, and
     * {@code .jsa}, in the jar's folder.
     */
    static File besides(File jar, File jdkHome) {
        long key = 17;
        for (long part : new long[] {jar.length(), jar.lastModified(), new File(jdkHome, "lib/modules").lastModified(),
                jdkHome.getAbsolutePath().hashCode()}) {
            key = 31 * key + part;
        }
        return new File(jar.getAbsoluteFile().getParentFile(), prefix(jar) + Long.toHexString(key) + ".jsa");
    }

    private static String prefix(File jar) {
        String name = jar.getName();
        return (name.endsWith(".jar") ? name.substring(0, name.length() - ".jar".length()) : name) + "-";
    }

    /**
     * {@code jvmOptions} with the archive's options after them, or unchanged when the administrator chose their own or
     * the jar's folder cannot hold the archive.
     */
    static List<String> options(List<String> jvmOptions, File jar, File jdkHome) {
        for (String option : jvmOptions) {
            for (String chosen : CHOSEN) {
                if (option.startsWith(chosen)) {
                    return jvmOptions;
                }
            }
        }
        File archive = besides(jar, jdkHome);
        File folder = archive.getParentFile();
        if (!jar.isFile() || !folder.canWrite() || !onlyMine(folder) || archive.exists() && !onlyMine(archive)) {
            return jvmOptions;
        }
        removeEarlier(folder, prefix(jar), archive);
        if (archive.exists() && (!archive.canWrite() || !isArchive(archive) && !archive.delete())) {
            return jvmOptions;
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:+AutoCreateSharedArchive");
        options.add("-XX:SharedArchiveFile=" + archive.getPath());
        // Quiet: writing it lists every class it skips (about 200 lines once), and one that cannot be used is
        // reported at each start; neither ever needs the administrator.
        options.add("-Xlog:cds*=off");
        return options;
    }

    /** The archives of earlier builds or JDKs beside the jar: 40 MB each, never to be mapped again. */
    private static void removeEarlier(File folder, String prefix, File current) {
        File[] files = folder.listFiles();
        if (files == null) {
            return;
        }
        for (File file : files) {
            String name = file.getName();
            if (name.startsWith(prefix) && name.endsWith(".jsa") && !file.equals(current) && file.isFile()) {
                file.delete(); // one that stays costs space, nothing else
            }
        }
    }

    /**
     * Whether {@code file} belongs to the user running this and nobody else may write it. The JVM maps an archive's
     * contents as classes: one that another user could plant (a jar in /tmp, a shared folder) would run their code
     * as ours. Where permissions cannot be read (not POSIX) there is no archive.
     */
    static boolean onlyMine(File file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> permissions = attributes.permissions();
            return attributes.owner().getName().equals(System.getProperty("user.name"))
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isArchive(File file) {
        byte[] start = new byte[MAGIC.length];
        try (InputStream in = new FileInputStream(file)) {
            int read = 0;
            while (read < start.length) {
                int n = in.read(start, read, start.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return Arrays.equals(start, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
