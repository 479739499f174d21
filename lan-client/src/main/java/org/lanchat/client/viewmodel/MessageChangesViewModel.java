package org.lanchat.client.viewmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatService;
import org.lanchat.protocol.message.Conversation;

/**
 * What the user does to messages of the conversation on screen (PROTOCOL.md §7.19): answer one (the reply being
 * written), edit or delete their own, react. {@link ChatViewModel} owns it and sends the draft as the reply; a
 * refusal shows in the chat's error line.
 */
public final class MessageChangesViewModel {
    private final ChatService client;
    private final Executor ui;
    private final Supplier<Conversation> shown;
    private final Supplier<String> me;
    private final StringProperty error;
    private final ObjectProperty<MessageItem> replyingTo = new SimpleObjectProperty<>();

    MessageChangesViewModel(ChatService client, Executor ui, Supplier<Conversation> shown, Supplier<String> me,
                            StringProperty error) {
        this.client = client;
        this.ui = ui;
        this.shown = shown;
        this.me = me;
        this.error = error;
    }

    /** The message the draft will answer when sent; null for none. */
    public ObjectProperty<MessageItem> replyingToProperty() {
        return replyingTo;
    }

    /** Makes the draft a reply to {@code message} (one the appliance has stored). */
    public void replyTo(MessageItem message) {
        if (message.seq() > 0 && !message.deleted()) {
            replyingTo.set(message);
        }
    }

    /**
     * Whether the user may edit this message: their own, stored, text, not deleted, and inside the edit window the
     * appliance announced (none when it switched editing off). This computer's clock only guides the offer: the
     * appliance's decides, and a refusal shows in the error line.
     */
    public boolean canEdit(MessageItem message) {
        return canDelete(message) && message.text() != null;
    }

    public boolean canDelete(MessageItem message) {
        return message.kind() == MessageItem.Kind.OWN && message.seq() > 0 && !message.deleted() && inEditWindow(message);
    }

    private boolean inEditWindow(MessageItem message) {
        return client.session().flatMap(session -> session.limits().editWindow())
                .map(window -> System.currentTimeMillis() - message.sentAt() < window.toMillis())
                .orElse(true); // an appliance that does not say: offer, and let it answer
    }

    public boolean canReact(MessageItem message) {
        return message.kind() != MessageItem.Kind.NOTICE && message.seq() > 0 && !message.deleted();
    }

    /** Replaces the text of one of the user's messages; a refusal shows as the error line. */
    public void edit(MessageItem message, String text) {
        if (text == null || text.isBlank() || text.equals(message.text())) {
            return;
        }
        report(() -> client.edit(shown.get(), message.seq(), text));
    }

    public void delete(MessageItem message) {
        report(() -> client.delete(shown.get(), message.seq()));
    }

    /** Adds the user's reaction {@code emoji}, or takes it back when they already gave it. */
    public void react(MessageItem message, String emoji) {
        boolean mine = message.reactions().stream()
                .anyMatch(r -> r.emoji().equals(emoji) && r.users().stream().anyMatch(u -> u.equalsIgnoreCase(me.get())));
        report(() -> client.react(shown.get(), message.seq(), emoji, mine));
    }

    private void report(Supplier<CompletableFuture<?>> change) {
        try {
            change.get().whenCompleteAsync((done, failure) -> error.set(failure == null ? ""
                    : Failures.describe(failure)), ui);
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(Failures.describe(e));
        }
    }
}
