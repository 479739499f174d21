package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where a password comes from: the first line of {@code --password-file}, else {@code $LANCHAT_PASSWORD}, else
 * the terminal. Never from an argument, which every user of the computer can read in the process list.
 */
final class Passwords {
    private final Optional<Path> file;
    private final Map<String, String> env;
    private final Terminal terminal;

    Passwords(Optional<Path> file, Map<String, String> env, Terminal terminal) {
        this.file = file;
        this.env = env;
        this.terminal = terminal;
    }

    /** The password a script gave, if it gave one. */
    Optional<String> given() {
        if (file.isPresent()) {
            try {
                String first = Files.readString(file.get(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw CommandFailure.usage(Texts.text("password.fileEmpty", file.get()));
                }
                return Optional.of(first);
            } catch (IOException e) {
                throw CommandFailure.usage(Texts.text("password.fileUnreadable", file.get(), Texts.trouble(e)));
            }
        }
        return Optional.ofNullable(env.get(Context.PASSWORD_VARIABLE)).filter(p -> !p.isEmpty());
    }

    /** The password given, else typed at the terminal; empty if neither can be had. */
    Optional<String> givenOrTyped(String prompt) {
        return given().or(() -> terminal.readPassword(prompt).map(Passwords::text));
    }

    /** For a new account: given, or typed twice at the terminal. */
    Optional<String> newPassword() {
        Optional<String> given = given();
        if (given.isPresent() || !terminal.interactive()) {
            return given;
        }
        Optional<String> first = terminal.readPassword(Texts.text("password.newPrompt")).map(Passwords::text);
        Optional<String> again = terminal.readPassword(Texts.text("password.againPrompt")).map(Passwords::text);
        if (first.isPresent() && !first.equals(again)) {
            throw CommandFailure.usage(Texts.text("password.differ"));
        }
        return first;
    }

    private static String text(char[] typed) {
        String password = new String(typed);
        Arrays.fill(typed, '\0');
        return password;
    }
}
