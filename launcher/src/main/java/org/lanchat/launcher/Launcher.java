package org.lanchat.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code Main-Class} of {@code lanchat-appliance.jar} and {@code lanchat.jar}. On Java 21 or newer it hands over to
 * the program's own main class in the same JVM, which is what the Debian package's own runtime always does. On an
 * older {@code java} it runs the same command again on a JDK 21+ from {@code JAVA_HOME} or {@code /usr/lib/jvm}, with
 * the same JVM options, streams and exit code (for the appliance, with a start-up archive beside the jar,
 * {@link StartupArchive}); if there is none it says what to install and exits with 1. Which program a jar holds is
 * written in its manifest ({@link Program}).
 */
public final class Launcher {
    static final int REQUIRED_FEATURE = 21;
    static final File JVM_DIR = new File("/usr/lib/jvm");
    /** Set for the second JVM: if it is somehow old too, it stops instead of starting a third. */
    static final String RELAUNCHED_FROM = "LANCHAT_RELAUNCHED_FROM";
    /** 128 + 15, as a shell reports a process that SIGTERM ended. */
    private static final int STOPPED_BY_SIGTERM = 143;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        Program program = Program.of(ownLocation());
        int running = InstalledJdks.feature(System.getProperty("java.specification.version", ""));
        if (running >= REQUIRED_FEATURE) {
            boolean relaunched = System.getenv(RELAUNCHED_FROM) != null;
            if (relaunched) {
                endWithTheFirstJvm();
            }
            String[] given = !relaunched ? args
                    : ArgumentBytes.restore(args, System.getenv(ArgumentBytes.VARIABLE), ArgumentBytes.argumentCharset());
            // Looked up by name: this class is compiled for Java 8, the program for 21.
            MethodHandles.publicLookup()
                    .findStatic(Class.forName(program.mainClass()), "main", MethodType.methodType(void.class, String[].class))
                    .invokeExact(given);
            return;
        }
        String javaHome = System.getProperty("java.home");
        File newer = System.getenv(RELAUNCHED_FROM) == null
                ? InstalledJdks.find(System.getenv("JAVA_HOME"), JVM_DIR, REQUIRED_FEATURE)
                : null;
        if (newer == null) {
            System.err.println(tooOld(program.name(), running, javaHome));
            System.exit(1);
        }
        List<String> entryPoint = entryPoint(program);
        List<String> jvmOptions = program.jar() != null && program.startupArchive()
                && StartupArchive.worthWriting(Arrays.asList(args))
                ? StartupArchive.options(jvmOptions(), program.jar(), newer)
                : jvmOptions();
        System.exit(relaunch(command(newer, jvmOptions, entryPoint, args), javaHome,
                ArgumentBytes.encode(args, ArgumentBytes.kernelsCopy())));
    }

    /**
     * The JVM an older {@code java} started: it stops as if sent SIGTERM when that one is gone, whichever way. A
     * supervisor or script knows the first one's process id only, and {@code kill -9} of it left this one running (the
     * appliance holding its port). SIGTERM and Ctrl-C reach this JVM through the first one's shutdown hook already.
     * Reflection: this class is compiled for Java 8, which has no {@code ProcessHandle}.
     */
    private static void endWithTheFirstJvm() {
        try {
            Class<?> handle = Class.forName("java.lang.ProcessHandle");
            Object self = handle.getMethod("current").invoke(null);
            Optional<?> first = (Optional<?>) handle.getMethod("parent").invoke(self);
            if (first.isPresent()) {
                CompletableFuture<?> gone = (CompletableFuture<?>) handle.getMethod("onExit").invoke(first.get());
                gone.thenRun(() -> System.exit(STOPPED_BY_SIGTERM));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not knowing the first JVM only means a kill -9 of it leaves this one running, as before.
        }
    }

    /** The one sentence a user or administrator gets when no runtime is new enough. */
    static String tooOld(String program, int running, String javaHome) {
        return program + " needs Java " + REQUIRED_FEATURE + " or newer, but this java is " + running + " ("
                + javaHome + ") and there is none in JAVA_HOME or " + JVM_DIR + ": install one (for example Temurin "
                + REQUIRED_FEATURE + " or 25 from adoptium.net) or set JAVA_HOME to it.";
    }

    /** {@code java} of {@code jdkHome}, then the JVM options, the jar or class to run, and the arguments. */
    static List<String> command(File jdkHome, List<String> jvmOptions, List<String> entryPoint, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(new File(jdkHome, "bin/java").getPath());
        command.addAll(jvmOptions);
        command.addAll(entryPoint);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The JVM options this java was given ({@code -Xmx}, {@code -D...}), so the second JVM runs as asked. */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** The jar this class was loaded from, or the folder of classes when it runs from a class path. */
    private static File ownLocation() throws URISyntaxException {
        return new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * {@code -jar} and the program's jar when started from it, which keeps its manifest's {@code Enable-Native-Access};
     * otherwise this class on the same class path.
     */
    private static List<String> entryPoint(Program program) {
        if (program.jar() != null) {
            return Arrays.asList("-jar", program.jar().getPath());
        }
        return Arrays.asList("-cp", System.getProperty("java.class.path"), Launcher.class.getName());
    }

    /**
     * Runs {@code command} with this process's streams and waits for it. SIGTERM or Ctrl-C here reaches the second
     * JVM as SIGTERM, and this one exits with its code once it has stopped, as if it had been the only one.
     *
     * @param argumentBytes the arguments as typed, where this JVM could not hold them ({@link ArgumentBytes}), or null
     */
    private static int relaunch(List<String> command, String javaHome, String argumentBytes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(RELAUNCHED_FROM, javaHome);
        builder.environment().remove(ArgumentBytes.VARIABLE);
        if (argumentBytes != null) {
            builder.environment().put(ArgumentBytes.VARIABLE, argumentBytes);
        }
        Process program = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            program.destroy();
            try {
                Runtime.getRuntime().halt(program.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lanchat-launcher-stop"));
        return program.waitFor();
    }
}
