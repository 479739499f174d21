package org.lanchat.client.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The person at the keyboard, if there is one: asked for a password or a decision only when standard input
 * and output are a terminal, never in a script (which must say everything on the command line).
 */
interface Terminal {

    /** Whether someone can be asked. */
    boolean interactive();

    /** A line typed after {@code prompt}; empty at end of input or when nobody can be asked. */
    Optional<String> readLine(String prompt);

    /** A password typed, not echoed; empty when nobody can be asked. */
    Optional<char[]> readPassword(String prompt);

    /** The terminal of this process: {@link System#console()} when it is a real one. */
    static Terminal system() {
        Console console = System.console();
        boolean real = console != null && isTerminal(console);
        return new Terminal() {
            @Override
            public boolean interactive() {
                return real;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return real ? Optional.ofNullable(console.readLine("%s", prompt)) : Optional.empty();
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return real ? Optional.ofNullable(console.readPassword("%s", prompt)) : Optional.empty();
            }
        };
    }

    /** A terminal nobody sits at: for scripts and tests. */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return Optional.empty();
            }
        };
    }

    /**
     * From Java 22 on, {@link System#console()} answers even when input or output is redirected, and
     * {@code Console.isTerminal()} (not in Java 21, which answers null instead) tells the two apart.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
