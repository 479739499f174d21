package org.lanchat.protocol.message;

import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * The two rules of §3.1 the parser cannot enforce as written, checked in one pass over the bytes before
 * the parser sees them: every number literal is at most {@value #MAX_NUMBER_CHARS} characters counted
 * whole (Jackson's number limit counts digits only, so a sign, point or exponent slipped past it), and a
 * body holds at most {@link #maxItems} items.
 *
 * <p>The item bound is what keeps a valid but costly frame cheap: a 1 MiB request with 95,000 distinct
 * member names made the parser intern every name, hundreds of milliseconds per frame, while requests need
 * a dozen items. One item is each object, array, member name, string, number and {@code true},
 * {@code false} or {@code null}, at any depth. The scan counts and measures; it does not judge the syntax,
 * which stays the parser's job (a body the scan lets through may still be invalid JSON).
 */
final class BodyBounds {
    static final int MAX_NUMBER_CHARS = 32;

    private BodyBounds() {
    }

    static void check(byte[] body, int maxItems) {
        int items = 0;
        int n = body.length;
        for (int i = 0; i < n; i++) {
            byte b = body[i];
            if (b == '"') {
                items++;
                i = closingQuote(body, i + 1);
            } else if (b == '{' || b == '[') {
                items++;
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                items++;
                int start = i;
                while (i + 1 < n && isNumberChar(body[i + 1])) {
                    i++;
                }
                if (i - start + 1 > MAX_NUMBER_CHARS) {
                    throw new ProtocolException(ErrorCode.INVALID_JSON,
                            "body holds a number longer than " + MAX_NUMBER_CHARS + " characters");
                }
            } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                items++; // true, false, null, or a word the parser will refuse
                while (i + 1 < n && isLetter(body[i + 1])) {
                    i++;
                }
            }
            if (items > maxItems) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "body holds more than " + maxItems
                        + " items (objects, arrays, member names and values count one each)");
            }
        }
    }

    /** The index of the quote that ends a string starting at {@code from}, or the end of the body. */
    private static int closingQuote(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\\') {
                i++; // the escaped character, whatever it is, does not end the string
            } else if (body[i] == '"') {
                return i;
            }
        }
        return body.length;
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
