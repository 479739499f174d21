package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.List;
import org.lanchat.protocol.message.Usernames;

/**
 * Who a message's text mentions (PROTOCOL.md §7.21): {@code @login} names one user, {@code @here} the members of
 * the conversation who are online when it is sent. A mention is a convention of the text, decided by each client
 * the same way; the appliance stores and relays the text unchanged.
 *
 * <p>A mention starts at an {@code @} that begins the text or follows a character that cannot end an e-mail
 * address's local part (anything but an ASCII letter or digit and {@code . _ - + @}), so {@code bob@example.com}
 * mentions nobody while {@code 你好@alice} does. The name is the longest run of login characters ({@code A-Z a-z
 * 0-9 . _ -}) after it, less any {@code . _ -} at its end (sentence punctuation: {@code "thanks @alice."}); a run
 * followed by another {@code @} is an address, not a mention. Matching is case-insensitive.
 */
public final class Mentions {
    /** The name of the mention of everyone online in the conversation. */
    public static final String HERE = "here";

    private Mentions() {
    }

    /**
     * One mention in a text.
     *
     * @param start the index of its {@code @}
     * @param end   the index after its name (punctuation after the name excluded)
     * @param name  the name as written, without the {@code @}
     * @param run   the whole run of login characters, which is the name when a login ends in {@code . _ -}
     */
    public record Mention(int start, int end, String name, String run) {
        public boolean here() {
            return name.equalsIgnoreCase(HERE);
        }

        /** Whether this mention names the user {@code login} ({@code @here} names nobody in particular). */
        public boolean names(String login) {
            return !here() && (Usernames.key(name).equals(Usernames.key(login)) || Usernames.key(run).equals(Usernames.key(login)));
        }
    }

    /** The mentions in {@code text}, in order; none for null. */
    public static List<Mention> in(String text) {
        List<Mention> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (!canStartAt(text, at)) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && isLoginChar(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '@') {
                continue; // @alice@example.com: an address
            }
            String run = text.substring(at + 1, end);
            int nameEnd = end;
            while (nameEnd > at + 1 && isTrailingPunctuation(text.charAt(nameEnd - 1))) {
                nameEnd--;
            }
            String name = text.substring(at + 1, nameEnd);
            if (name.equalsIgnoreCase(HERE) || Usernames.hasValidShape(name) || Usernames.hasValidShape(run)) {
                found.add(new Mention(at, nameEnd, name, run));
            }
        }
        return found;
    }

    /** Whether {@code text} names the user {@code login} with {@code @login}. */
    public static boolean names(String text, String login) {
        return in(text).stream().anyMatch(mention -> mention.names(login));
    }

    /** Whether {@code text} mentions {@code @here}. */
    public static boolean mentionsHere(String text) {
        return in(text).stream().anyMatch(Mention::here);
    }

    /**
     * Whether {@code text} calls the user {@code login}: by name always, through {@code @here} only in a conversation
     * of many ({@code shared}: the group or a named room) and only when the message came {@code live} (§7.21: whoever
     * was offline when it was sent was not here; catching up on it later is not being called).
     */
    public static boolean mentionsMe(String text, String login, boolean live, boolean shared) {
        return in(text).stream().anyMatch(mention -> mention.names(login) || (live && shared && mention.here()));
    }

    /** Whether {@code entry} calls the user {@code login} (§7.21): someone else's text message, naming them or @here. */
    public static boolean callsMe(ChatEntry entry, String login, boolean live) {
        return !entry.own() && !entry.isChange() && !entry.isSticker() && !entry.deleted()
                && mentionsMe(entry.text(), login, live, !entry.conversation().isPrivate());
    }

    /** Whether a {@code @} at {@code at} in {@code text} may start a mention (it does not continue an address). */
    public static boolean canStartAt(String text, int at) {
        return at == 0 || !continuesAddress(text.charAt(at - 1));
    }

    /** The characters of a login name (Usernames' rule). */
    public static boolean isLoginChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
    }

    private static boolean continuesAddress(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '@');
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == '_' || c == '-';
    }
}
