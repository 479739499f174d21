package org.lanchat.client.viewmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.Mentions;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.Usernames;

/**
 * What {@code @} in the draft may be completed to (PROTOCOL.md §7.21): in the group everyone known (the roster,
 * whoever wrote) and {@code @here}; in a room its members and {@code @here}; in a private conversation the other
 * member. Typed letters filter by the start
 * of the login name or of the display name, so {@code @张} finds 张伟 as {@code @al} finds alice. Choosing one puts
 * {@code @login } into the draft: the login is what every client matches, a display name may change.
 */
public final class MentionSuggestions {
    /** Rows offered at most: past that, typing another letter is quicker than scrolling. */
    static final int MAX_SHOWN = 8;

    /**
     * One completion.
     *
     * @param login what is inserted after the {@code @} ({@link Mentions#HERE} for everyone online)
     * @param label what the list shows: "张伟 (alice)", "bob", or what {@code @here} does
     */
    public record Suggestion(String login, String label) {
        public boolean here() {
            return login.equals(Mentions.HERE);
        }
    }

    /** The draft after a completion, and where the caret goes. */
    public record Completion(String text, int caret) {
    }

    private final Supplier<Conversation> conversation;
    private final Supplier<Collection<String>> known;
    private final Supplier<Collection<String>> roomMembers;
    private final DisplayNames names;
    private final Supplier<String> me;
    private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
    private final BooleanBinding open = Bindings.isNotEmpty(suggestions);
    /** Where the {@code @} being completed is, and the caret after what was typed; -1 when none. */
    private int at = -1;
    private int caret = -1;

    /**
     * @param conversation the conversation written in
     * @param known        the users the group's completions come from, with their login names' case
     * @param roomMembers  the members of the room written in, when it is one
     * @param me           the user, who is never offered
     */
    public MentionSuggestions(Supplier<Conversation> conversation, Supplier<Collection<String>> known,
            Supplier<Collection<String>> roomMembers, DisplayNames names, Supplier<String> me) {
        this.conversation = conversation;
        this.known = known;
        this.roomMembers = roomMembers;
        this.names = names;
        this.me = me;
    }

    /** For the chat window's draft: the roster, the senders on screen and everyone whose name was learned. */
    public static MentionSuggestions forChat(ChatViewModel chat) {
        return new MentionSuggestions(chat::selectedConversation, () -> {
            List<String> users = new ArrayList<>(chat.online());
            chat.messagesProperty().get().stream().map(MessageItem::from).filter(from -> from != null && !from.isEmpty())
                    .forEach(users::add);
            users.addAll(chat.displayNames().met());
            return users;
        }, () -> chat.selectedConversation().equals(chat.rooms().shownProperty().get()) ? List.copyOf(chat.rooms().members())
                : List.of(), chat.displayNames(), chat.meProperty()::get);
    }

    public ObservableList<Suggestion> suggestions() {
        return suggestions;
    }

    /** Whether there is something to offer: the popup shows while true. */
    public BooleanBinding openProperty() {
        return open;
    }

    /** Looks at the draft around the caret: offers completions while a mention is being typed, none otherwise. */
    public void update(String draft, int caretAt) {
        at = mentionBefore(draft, caretAt);
        caret = caretAt;
        if (at < 0) {
            suggestions.clear();
            return;
        }
        String typed = draft.substring(at + 1, caretAt).toLowerCase(Locale.ROOT);
        List<Suggestion> found = new ArrayList<>();
        for (String login : candidates()) {
            String label = names.displayName(login).map(name -> name + " (" + login + ")").orElse(login);
            boolean byName = names.displayName(login).map(name -> name.toLowerCase(Locale.ROOT).startsWith(typed)).orElse(false);
            if (login.toLowerCase(Locale.ROOT).startsWith(typed) || byName) {
                found.add(new Suggestion(login, label));
            }
        }
        found.sort(Comparator.comparing(s -> s.label().toLowerCase(Locale.ROOT)));
        // @here calls whoever is online where it is sent: the group, or a room's members (§7.21); in a private
        // conversation it names nobody.
        if (!conversation.get().isPrivate() && Mentions.HERE.startsWith(typed)) {
            found.add(new Suggestion(Mentions.HERE, Texts.text("mentions.suggest.here")));
        }
        suggestions.setAll(found.subList(0, Math.min(found.size(), MAX_SHOWN)));
    }

    /** Replaces what was typed after the {@code @} by the suggestion's login and a space; closes the list. */
    public Completion accept(String draft, Suggestion chosen) {
        String inserted = "@" + chosen.login() + " ";
        String after = draft.substring(Math.min(caret, draft.length()));
        if (after.startsWith(" ")) {
            after = after.substring(1); // no double space when completing in the middle of the text
        }
        String text = draft.substring(0, at) + inserted + after;
        int newCaret = at + inserted.length();
        close();
        return new Completion(text, newCaret);
    }

    public void close() {
        at = -1;
        suggestions.clear();
    }

    /** The users this conversation's mentions may name, each once, never the user. */
    private Collection<String> candidates() {
        Conversation where = conversation.get();
        Map<String, String> byKey = new LinkedHashMap<>();
        if (where.isGroup()) {
            known.get().forEach(user -> byKey.putIfAbsent(Usernames.key(user), user));
        } else if (where.isRoom()) {
            // A room's members only: mentioning someone else would call nobody (they cannot read it).
            roomMembers.get().forEach(user -> byKey.putIfAbsent(Usernames.key(user), user));
        } else if (where.isPrivate()) {
            byKey.put(Usernames.key(where.peer()), where.peer());
        }
        byKey.remove(Usernames.key(me.get()));
        return byKey.values();
    }

    /** The index of the {@code @} of the mention the caret is in, or -1. */
    private static int mentionBefore(String draft, int caretAt) {
        if (draft == null || caretAt < 1 || caretAt > draft.length()) {
            return -1;
        }
        int i = caretAt - 1;
        while (i >= 0 && draft.charAt(i) != '@' && !Character.isWhitespace(draft.charAt(i)) && caretAt - i <= Usernames.MAX_LENGTH) {
            i--;
        }
        return i >= 0 && draft.charAt(i) == '@' && Mentions.canStartAt(draft, i) ? i : -1;
    }
}
