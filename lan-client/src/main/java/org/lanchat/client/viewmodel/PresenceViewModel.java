package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;

/**
 * Presence states (PROTOCOL.md §7.20) in the desktop app: the user's own state and status text, chosen here or
 * set to away by {@link AutoAway} while their input is idle, and everyone else's, for the dot and the text beside
 * their names. {@link #doNotDisturbProperty()} is true while the user is busy: sounds and pop-ups stay silent.
 */
public final class PresenceViewModel {
    private final ChatService client;
    private final ObjectProperty<PresenceState> state = new SimpleObjectProperty<>(PresenceState.AVAILABLE);
    private final StringProperty statusText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper doNotDisturb = new ReadOnlyBooleanWrapper();
    private final StringProperty error = new SimpleStringProperty("");
    private final LongProperty awayAfterMinutes = new SimpleLongProperty(AutoAway.DEFAULT_AFTER.toMinutes());
    /** Changes whenever someone's state does, so the view redraws the names. */
    private final LongProperty version = new SimpleLongProperty();
    /** Key: name key; only users online with a state other than the default. */
    private final Map<String, UserState> others = new HashMap<>();
    private final AutoAway autoAway = new AutoAway(AutoAway.DEFAULT_AFTER);
    private String me = "";

    public PresenceViewModel(ChatService client, Executor ui) {
        this.client = client;
        doNotDisturb.bind(state.isEqualTo(PresenceState.BUSY));
        awayAfterMinutes.addListener((o, was, now) -> autoAway.after(Duration.ofMinutes(now.longValue())));
        client.addListener(this::onEvent, ui);
    }

    /** The user's own state, as last chosen or announced; change it with {@link #choose}. */
    public ReadOnlyObjectProperty<PresenceState> stateProperty() {
        return state;
    }

    /** The status text being edited, sent with the next {@link #choose} or {@link #publishText()}. */
    public StringProperty statusTextProperty() {
        return statusText;
    }

    /** True while the user is busy: no sounds, no pop-ups, no window flashing for new messages. Read-only. */
    public ReadOnlyBooleanProperty doNotDisturbProperty() {
        return doNotDisturb.getReadOnlyProperty();
    }

    /** Why the last change was refused, for the user; empty when it was not. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Minutes without input before away is set by itself; 0 turns it off. Kept in the desktop settings. */
    public LongProperty awayAfterMinutesProperty() {
        return awayAfterMinutes;
    }

    /** Changes whenever another user's state does. */
    public ReadOnlyLongProperty versionProperty() {
        return version;
    }

    /** A user's state as last announced; available for anyone online with none and for anyone offline. */
    public UserState of(String username) {
        if (Usernames.key(username).equals(me)) {
            return UserState.of(state.get(), statusText.get().isBlank() ? null : statusText.get().strip());
        }
        return others.getOrDefault(Usernames.key(username), UserState.DEFAULT);
    }

    /** What to show beside a name: the status text, or for a user without one their state if it is not available. */
    public String caption(String username) {
        UserState shown = of(username);
        if (shown.statusText() != null) {
            return shown.statusText();
        }
        return shown.isDefault() ? "" : stateName(shown.presenceState());
    }

    /** The state's name in the user's language ("Busy – do not disturb"). */
    public static String stateName(PresenceState state) {
        return switch (state) {
            case AVAILABLE -> Texts.text("presence.state.available");
            case AWAY -> Texts.text("presence.state.away");
            case BUSY -> Texts.text("presence.state.busy");
        };
    }

    /** The user chose a state (with the status text as edited): theirs until they choose again. */
    public void choose(PresenceState chosen) {
        autoAway.chosen();
        send(chosen);
    }

    /** Sends the edited status text with the current state. */
    public void publishText() {
        send(state.get());
    }

    /**
     * The user's input has been idle for {@code idle}: goes away after the configured time, and comes back on the
     * first input after an away it set itself.
     */
    public void idleFor(Duration idle) {
        if (me.isEmpty()) {
            return;
        }
        autoAway.check(idle, state.get()).ifPresent(this::send);
    }

    /** Whether the current away was set by the idle timer rather than chosen. */
    public boolean isAwayAutomatic() {
        return autoAway.isAutomatic();
    }

    private void send(PresenceState next) {
        String text = statusText.get() == null || statusText.get().isBlank() ? null : statusText.get().strip();
        PresenceState before = state.get();
        state.set(next); // shown at once; the appliance's announcement confirms it
        error.set("");
        client.setPresence(next, text).whenComplete((ok, failure) -> {
            if (failure != null) {
                error.set(Texts.text("presence.error.refused", Failures.describe(failure)));
                if (state.get() == next) {
                    state.set(before);
                }
            }
        });
    }

    private void onEvent(ClientEvent event) {
        switch (event) {
            case ClientEvent.SessionStarted s -> {
                me = Usernames.key(s.session().username());
                if (!s.resumed()) {
                    others.clear();
                    autoAway.chosen();
                }
            }
            case ClientEvent.PresenceStateChanged changed -> {
                if (Usernames.key(changed.username()).equals(me)) {
                    // Set on another device, or restored at login: shown here too.
                    state.set(changed.state().presenceState());
                    statusText.set(changed.state().statusText() == null ? "" : changed.state().statusText());
                } else if (changed.state().isDefault()) {
                    others.remove(Usernames.key(changed.username()));
                } else {
                    others.put(Usernames.key(changed.username()), changed.state());
                }
                version.set(version.get() + 1);
            }
            case ClientEvent.RosterChanged roster -> {
                // Offline is offline, whatever the state: those who left lose theirs.
                if (!roster.left().isEmpty() || roster.joined().isEmpty()) {
                    var online = roster.online().stream().map(Usernames::key).toList();
                    if (others.keySet().retainAll(online)) {
                        version.set(version.get() + 1);
                    }
                }
            }
            default -> {
            }
        }
    }
}
