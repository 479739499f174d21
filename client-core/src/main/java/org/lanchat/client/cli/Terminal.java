package org.lanchat.client.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
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

    /**
     * The terminal of this process: {@link System#console()} when it is a real one. The prompts are written to
     * standard output in {@code prompts}, the charset of the rest of the output: the console's own writer encodes in
     * the charset of the locale Java runs under, which prints Chinese as '?' where {@code zh_CN.UTF-8} is named but
     * not generated (README, "Command line").
     */
    static Terminal system(Charset prompts) {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return none();
        }
        return typed(new Keyboard() {
            @Override
            public String readLine() {
                return console.readLine();
            }

            @Override
            public char[] readPassword() {
                return console.readPassword();
            }
        }, new PrintStream(System.out, true, prompts));
    }

    /** Someone at {@code keyboard}, asked by prompts printed to {@code screen} in the screen's own charset. */
    static Terminal typed(Keyboard keyboard, PrintStream screen) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                ask(prompt);
                return Optional.ofNullable(keyboard.readLine());
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                ask(prompt);
                return Optional.ofNullable(keyboard.readPassword());
            }

            private void ask(String prompt) {
                screen.print(prompt);
                screen.flush();
            }
        };
    }

    /** What is typed: a line, or a password not echoed; null at end of input. */
    interface Keyboard {
        String readLine();

        char[] readPassword();
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
