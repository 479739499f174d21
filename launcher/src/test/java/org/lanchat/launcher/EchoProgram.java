package org.lanchat.launcher;

/** A program for the launcher to start in tests: prints its Java, a system property and its arguments, exits with 3. */
public final class EchoProgram {
    private EchoProgram() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version().feature());
        System.out.println("property " + System.getProperty("echo.property"));
        System.out.println("args " + String.join(" ", args));
        System.err.println("to stderr");
        System.exit(3);
    }
}
