package org.lanchat.launcher;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which program a jar holds, from its manifest: {@code LanChat-Main-Class} (started once a new enough Java runs),
 * {@code LanChat-Program} (its name, in messages) and {@code LanChat-Startup-Archive} ({@code true}: keep a start-up
 * archive beside the jar, {@link StartupArchive}). Run from a class path instead (tests), the same come from the system
 * properties {@code lanchat.launcher.main-class}, {@code lanchat.launcher.program} and
 * {@code lanchat.launcher.startup-archive}, which the second JVM gets again with the other JVM options; they win over
 * a manifest when they name a main class.
 */
final class Program {
    static final String MAIN_CLASS = "LanChat-Main-Class";
    static final String NAME = "LanChat-Program";
    static final String STARTUP_ARCHIVE = "LanChat-Startup-Archive";

    private final String mainClass;
    private final String name;
    private final boolean startupArchive;
    private final File jar;

    Program(String mainClass, String name, boolean startupArchive, File jar) {
        this.mainClass = mainClass;
        this.name = name;
        this.startupArchive = startupArchive;
        this.jar = jar;
    }

    /** From the system properties when they name a main class, else from the manifest of the jar at {@code location}. */
    static Program of(File location) throws IOException {
        Attributes fromProperties = new Attributes();
        for (String key : new String[] {MAIN_CLASS, NAME, STARTUP_ARCHIVE}) {
            String value = System.getProperty(property(key));
            if (value != null) {
                fromProperties.putValue(key, value);
            }
        }
        if (fromProperties.getValue(MAIN_CLASS) != null || !location.isFile()) {
            return of(fromProperties, location, null);
        }
        try (JarFile jar = new JarFile(location)) {
            Manifest manifest = jar.getManifest();
            return of(manifest == null ? new Attributes() : manifest.getMainAttributes(), location, location);
        }
    }

    /** {@code jar}: the jar whose manifest {@code attributes} are, or {@code null} when they came from elsewhere. */
    static Program of(Attributes attributes, File location, File jar) {
        String mainClass = attributes.getValue(MAIN_CLASS);
        if (mainClass == null || mainClass.isEmpty()) {
            throw new IllegalStateException(location + " names no program to start: its manifest lacks " + MAIN_CLASS
                    + " (or, on a class path, the system property " + property(MAIN_CLASS) + ")");
        }
        String name = attributes.getValue(NAME);
        return new Program(mainClass, name == null || name.isEmpty() ? mainClass : name,
                Boolean.parseBoolean(attributes.getValue(STARTUP_ARCHIVE)), jar);
    }

    /** {@code LanChat-Main-Class} → {@code lanchat.launcher.main-class}. */
    static String property(String attribute) {
        return "lanchat.launcher." + attribute.substring("LanChat-".length()).toLowerCase(Locale.ROOT);
    }

    String mainClass() {
        return mainClass;
    }

    String name() {
        return name;
    }

    boolean startupArchive() {
        return startupArchive;
    }

    /** The program's own jar, which the second JVM runs with {@code -jar}; {@code null} when it runs from a class path. */
    File jar() {
        return jar;
    }
}
