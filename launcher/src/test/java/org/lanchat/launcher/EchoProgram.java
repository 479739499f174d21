package org.lanchat.launcher;

/** A program for the launcher to start in tests: prints its Java, a system property and its arguments, exits with 3. */
public final class EchoProgram {
    private EchoProgram() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version().feature());
        System.out.println("property " + System.getProperty("echo.property"));
        // Outside ASCII as code points: in a C locale the output would turn them into question marks too.
        StringBuilder shown = new StringBuilder();
        for (char c : String.join(" ", args).toCharArray()) {
            shown.append(c < 0x80 ? String.valueOf(c) : String.format("<U+%04X>", (int) c));
        }
        System.out.println("args " + shown);
        System.err.println("to stderr");
        System.exit(3);
    }
}
