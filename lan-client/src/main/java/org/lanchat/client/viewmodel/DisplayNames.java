package org.lanchat.client.viewmodel;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.protocol.message.Usernames;

/**
 * The names the window shows for users (PROTOCOL.md §7.17): a user's display name where they have one, else the
 * login name. Learned from the service for each user the window meets (the roster, the senders of messages) and
 * kept current by {@link ClientEvent.DisplayNameChanged}; {@link #versionProperty()} changes with every name
 * learned, so views that show names redraw. Also sets the user's own name. On the UI thread.
 */
public final class DisplayNames {
    private final ChatService client;
    private final Executor ui;
    private final Map<String, String> byKey = new java.util.HashMap<>();
    /** Users asked about (or known), so each is asked once. */
    private final Set<String> asked = new HashSet<>();
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private final StringProperty error = new SimpleStringProperty("");

    DisplayNames(ChatService client, Executor ui) {
        this.client = client;
        this.ui = ui;
    }

    /** What to show for a user: the display name, or the login name for a user without one (or not known yet). */
    public String shown(String username) {
        return username == null ? "" : byKey.getOrDefault(Usernames.key(username), username);
    }

    /** The display name alone, if the user has one. */
    public Optional<String> displayName(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byKey.get(Usernames.key(username)));
    }

    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Why the last {@link #set} failed, empty after one that succeeded. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Everyone met so far (the roster, senders), as lower-case login names: whom a mention may name. */
    Set<String> met() {
        return Set.copyOf(asked);
    }

    /** Asks once about each user not met before. */
    public void meet(Collection<String> usernames) {
        List<String> fresh = usernames.stream().filter(user -> asked.add(Usernames.key(user))).toList();
        if (fresh.isEmpty()) {
            return;
        }
        client.displayNames(fresh).thenAccept(names -> ui.execute(() -> {
            names.forEach((user, name) -> name.ifPresent(shown -> byKey.put(Usernames.key(user), shown)));
            version.set(version.get() + 1);
        })).exceptionally(failure -> {
            // Not answered (the appliance is away): ask again when the user is met next.
            ui.execute(() -> fresh.forEach(user -> asked.remove(Usernames.key(user))));
            return null;
        });
    }

    void changed(ClientEvent.DisplayNameChanged change) {
        String key = Usernames.key(change.username());
        asked.add(key);
        change.displayName().ifPresentOrElse(name -> byKey.put(key, name), () -> byKey.remove(key));
        version.set(version.get() + 1);
    }

    /** Forgets every name: they may have changed while the session was away. */
    void forget() {
        byKey.clear();
        asked.clear();
        version.set(version.get() + 1);
    }

    /**
     * Sets the user's own display name ({@code me}), or clears it for a blank one. Completes with true when the
     * appliance took it; with false after putting the reason in {@link #errorProperty()}.
     */
    public CompletableFuture<Boolean> set(String me, String displayName) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        client.setDisplayName(displayName == null || displayName.isBlank() ? null : displayName)
                .whenComplete((stored, failure) -> ui.execute(() -> {
                    if (failure != null) {
                        error.set(Failures.describe(failure));
                        done.complete(false);
                        return;
                    }
                    error.set("");
                    changed(new ClientEvent.DisplayNameChanged(me, stored));
                    done.complete(true);
                }));
        return done;
    }
}
