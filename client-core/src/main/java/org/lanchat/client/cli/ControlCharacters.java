package org.lanchat.client.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What {@code lanchat} writes, as a terminal can safely show it: control characters other than the line break and the
 * tab are written out as {@code <U+001B>}, as {@link Invisibles} writes out what reorders text. An escape sequence in a name or a message could otherwise retitle the
 * window, clear the screen, or rewrite lines already shown so as to forge what a colleague said. The appliance refuses
 * control characters in everything it stores (PROTOCOL.md §3.3), so only a hostile or broken one sends them; this is
 * the one place every line passes, whichever field of whichever reply it came from. In {@code --json} output the C0
 * controls are already JSON escapes, and a C1 one, which JSON allows raw, becomes the same visible code.
 */
final class ControlCharacters extends FilterWriter {
    private static final boolean CRLF = System.lineSeparator().equals("\r\n");

    private ControlCharacters(Writer out) {
        super(out);
    }

    /** {@code writer}, flushing as it did, with every line's controls shown. */
    static PrintWriter shownSafely(PrintWriter writer) {
        return new PrintWriter(new ControlCharacters(writer), true);
    }

    @Override
    public void write(int c) throws IOException {
        if (harmless((char) c)) {
            out.write(c);
        } else {
            out.write(Invisibles.code(c));
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (!harmless(chars[i])) {
                out.write(chars, start, i - start);
                out.write(Invisibles.code(chars[i]));
                start = i + 1;
            }
        }
        out.write(chars, start, offset + length - start);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        write(text.toCharArray(), offset, length);
    }

    private static boolean harmless(char c) {
        if (c == '\n' || c == '\t') {
            return true;
        }
        if (c == '\r') {
            return CRLF; // part of the line separator where it is one; elsewhere it overwrites the line from its start
        }
        return !(c < 0x20 || (c >= 0x7F && c <= 0x9F));
    }
}
