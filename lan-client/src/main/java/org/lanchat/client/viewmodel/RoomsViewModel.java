package org.lanchat.client.viewmodel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.Rooms;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.Usernames;

/**
 * Named rooms in the chat window (PROTOCOL.md §7.23, issue 17): the rooms the user is in, named in the conversation
 * list; the public ones to browse and join; creating, leaving, inviting and removing; and the members of the room on
 * screen. What others do to a room arrives as a {@link RoomEvent}: a room the user joins appears, one they leave or
 * are removed from disappears, a rename or archiving shows at once.
 */
public final class RoomsViewModel {
    /** Where rooms show in the window: the conversation list and what is selected in it. */
    interface Listing {
        /** The room as it is now: listed, named, marked when archived. */
        void named(RoomInfo room);

        /** The user is no longer a member: the room leaves the list (and the screen, when it was open). */
        void gone(Conversation room);

        /** Opens the room, as picking it in the list does. */
        void open(Conversation room);

        /** The rooms the list shows now. */
        List<Conversation> listed();

        /** Who is using the window, to tell the user's own room events from others'. */
        String me();

        /** The room as last heard of (its creator, whether it is archived), or null while it is not yet named. */
        RoomInfo info(Conversation room);
    }

    private final Supplier<Rooms> rooms;
    private final Executor ui;
    private final Listing listing;
    private final ObservableList<RoomInfo> open = FXCollections.observableArrayList();
    private final ObjectProperty<Conversation> shown = new SimpleObjectProperty<>();
    private final ObservableList<String> members = FXCollections.observableArrayList();
    private final StringProperty creator = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final ObjectProperty<RoomInfo> shownRoom = new SimpleObjectProperty<>();
    private final BooleanBinding managing;
    private final BooleanBinding editable;

    /** @param rooms the session's rooms, asked for on each use: a service without rooms refuses by throwing */
    RoomsViewModel(Supplier<Rooms> rooms, Executor ui, Listing listing) {
        this.rooms = rooms;
        this.ui = ui;
        this.listing = listing;
        // The room object names its creator (PROTOCOL.md §6.20): only they may manage it, which the buttons follow.
        this.managing = Bindings.createBooleanBinding(() -> shownRoom.get() != null
                && Usernames.key(shownRoom.get().creator()).equals(Usernames.key(listing.me())), shownRoom);
        // An archived room still lets its creator remove members, but no longer rename or re-topic it (§7.23).
        this.editable = Bindings.createBooleanBinding(() -> managing.get() && !shownRoom.get().archived(), managing,
                shownRoom);
    }

    // ------------------------------------------------------------------ state

    /** The public rooms the user may join ("Browse rooms"), as of the last {@link #refresh()}. */
    public ObservableList<RoomInfo> open() {
        return open;
    }

    /** The room on screen, or null when the group or a private conversation is. */
    public ObjectProperty<Conversation> shownProperty() {
        return shown;
    }

    /** The members of the room on screen, sorted ignoring case as the appliance sends them. */
    public ObservableList<String> members() {
        return members;
    }

    /** The login name of the room on screen's creator, who may remove members. */
    public StringProperty creatorProperty() {
        return creator;
    }

    /** Whether the user created the room on screen, and so may remove its members. */
    public BooleanBinding managingProperty() {
        return managing;
    }

    /** Whether the user may rename, re-topic and archive the room on screen: its creator, while it is not archived. */
    public BooleanBinding editableProperty() {
        return editable;
    }

    /** The room on screen as last heard of (name, topic, creator, archived), or null when no room is. */
    public ObjectProperty<RoomInfo> roomProperty() {
        return shownRoom;
    }

    /**
     * What happened to one of the user's rooms without their asking, in their language ("You were removed from design
     * by bob", "design was archived"); empty when there is nothing to tell. Stays until {@link #dismissNotice()}: the
     * room it speaks of may have left the list, so nothing else on screen would say why.
     */
    public StringProperty noticeProperty() {
        return notice;
    }

    public void dismissNotice() {
        notice.set("");
    }

    /** Why the last room action was refused, in the user's language; empty after one that worked. */
    public StringProperty errorProperty() {
        return error;
    }

    // ------------------------------------------------------------------ actions

    /**
     * Asks for the rooms (after each login, and for "Browse rooms"): those the user is in are named in the list, those
     * the list shows but the user is no longer in leave it, the public others fill "Browse rooms".
     */
    public CompletableFuture<Void> refresh() {
        try {
            rooms.get();
        } catch (UnsupportedOperationException e) {
            return CompletableFuture.completedFuture(null); // a service without rooms (peer mode, a test's) lists none
        }
        return call(rooms -> rooms.list()).thenAccept(list -> list.ifPresent(found -> {
            found.joined().forEach(this::known);
            // Left or removed while this window was not connected: no event told it, the list does.
            listing.listed().stream().filter(room -> found.joined().stream()
                    .noneMatch(joined -> joined.conversation().equals(room))).toList().forEach(listing::gone);
            open.setAll(found.open());
            if (shown.get() != null && listing.listed().contains(shown.get())) {
                // Opened while the appliance was away, its members could not be asked for: the panel said 0.
                loadMembers(shown.get());
            }
        }));
    }

    /** Creates a room (the topic may be blank) and opens it; false, with {@link #errorProperty()} set, when refused. */
    public CompletableFuture<Boolean> create(String name, String topic, boolean privateRoom) {
        if (name == null || name.isBlank()) {
            error.set(Texts.text("rooms.error.nameRequired"));
            return CompletableFuture.completedFuture(false);
        }
        String givenTopic = topic == null || topic.isBlank() ? null : topic.strip();
        return entered(call(rooms -> rooms.create(name.strip(), givenTopic, privateRoom)));
    }

    /** Joins a public room from "Browse rooms" and opens it. */
    public CompletableFuture<Boolean> join(RoomInfo room) {
        return entered(call(rooms -> rooms.join(room.conversation())));
    }

    public CompletableFuture<Boolean> leave(Conversation room) {
        return call(rooms -> rooms.leave(room).thenApply(done -> room)).thenApply(left -> {
            left.ifPresent(listing::gone);
            return left.isPresent();
        });
    }

    /** Makes {@code username} a member of the room on screen. */
    public CompletableFuture<Boolean> invite(String username) {
        Conversation room = shown.get();
        if (room == null || username == null || username.isBlank()) {
            return CompletableFuture.completedFuture(false);
        }
        return call(rooms -> rooms.invite(room, username.strip()).thenApply(done -> room))
                .thenApply(Optional::isPresent);
    }

    /** The creator removes {@code username} from the room on screen. */
    public CompletableFuture<Boolean> remove(String username) {
        Conversation room = shown.get();
        if (room == null || username == null) {
            return CompletableFuture.completedFuture(false);
        }
        return call(rooms -> rooms.remove(room, username).thenApply(done -> room)).thenApply(Optional::isPresent);
    }

    /** The creator renames the room on screen and sets its topic (blank clears it); false, with the refusal, when refused. */
    public CompletableFuture<Boolean> update(String name, String topic) {
        Conversation room = shown.get();
        if (room == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (name == null || name.isBlank()) {
            error.set(Texts.text("rooms.error.nameRequired"));
            return CompletableFuture.completedFuture(false);
        }
        return call(rooms -> rooms.update(room, name.strip(), topic == null ? "" : topic.strip()))
                .thenApply(updated -> {
                    updated.ifPresent(this::known);
                    return updated.isPresent();
                });
    }

    /** The creator archives the room on screen; the {@code archived} event that follows marks it in the list. */
    public CompletableFuture<Boolean> archive() {
        Conversation room = shown.get();
        if (room == null) {
            return CompletableFuture.completedFuture(false);
        }
        return call(rooms -> rooms.archive(room).thenApply(done -> room)).thenApply(Optional::isPresent);
    }

    /** The conversation on screen changed: for a room its members are asked for, for anything else the panel empties. */
    void show(Conversation conversation) {
        Conversation room = conversation != null && conversation.isRoom() ? conversation : null;
        if (room != null && room.equals(shown.get())) {
            return;
        }
        shown.set(room);
        shownRoom.set(room == null ? null : listing.info(room));
        members.clear();
        creator.set("");
        if (room != null) {
            loadMembers(room);
        }
    }

    /** What the appliance says happened to a room (§6.23). */
    void onEvent(RoomEvent event) {
        boolean aboutMe = event.user() != null && Usernames.key(event.user()).equals(Usernames.key(listing.me()));
        boolean out = RoomEvent.LEFT.equals(event.change()) || RoomEvent.REMOVED.equals(event.change());
        if (out && aboutMe) {
            if (RoomEvent.REMOVED.equals(event.change())) {
                // Leaving is the user's own doing; being removed is not, and the room vanishes: say why.
                notice.set(event.by() == null ? Texts.text("rooms.notice.removedByAdmin", event.room().name())
                        : Texts.text("rooms.notice.removed", event.room().name(), event.by()));
            }
            if (event.conversation().equals(shown.get())) {
                show(null);
            }
            listing.gone(event.conversation());
            return;
        }
        if (RoomEvent.ARCHIVED.equals(event.change())) {
            notice.set(Texts.text("rooms.notice.archived", event.room().name()));
        }
        known(event.room());
        open.removeIf(room -> room.conversation().equals(event.conversation()));
        if (event.conversation().equals(shown.get())) {
            loadMembers(event.conversation());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The room as the appliance now describes it: named in the list, and on screen when it is the one shown. */
    private void known(RoomInfo room) {
        listing.named(room);
        if (room.conversation().equals(shown.get())) {
            shownRoom.set(room);
        }
    }

    private CompletableFuture<Boolean> entered(CompletableFuture<Optional<RoomInfo>> answer) {
        return answer.thenApply(room -> {
            room.ifPresent(entered -> {
                listing.named(entered);
                open.removeIf(other -> other.conversation().equals(entered.conversation()));
                listing.open(entered.conversation());
                known(entered);
            });
            return room.isPresent();
        });
    }

    private void loadMembers(Conversation room) {
        call(rooms -> rooms.members(room)).thenAccept(answer -> answer
                .filter(list -> list.room().equals(shown.get())) // another room was opened meanwhile
                .ifPresent(this::showMembers));
    }

    private void showMembers(RoomMembers list) {
        creator.set(list.creator());
        if (shownRoom.get() == null) {
            shownRoom.set(listing.info(list.room())); // named by the rooms list only after it was opened
        }
        members.setAll(List.copyOf(list.members()));
    }

    /** Runs a call on the rooms; completes on the UI executor, empty (and the refusal shown) when it failed. */
    private <T> CompletableFuture<Optional<T>> call(java.util.function.Function<Rooms, CompletableFuture<T>> request) {
        CompletableFuture<T> sent;
        try {
            sent = request.apply(rooms.get());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Optional<T>> shownResult = new CompletableFuture<>();
        sent.whenComplete((value, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set(Failures.describe(failure));
                shownResult.complete(Optional.empty());
            } else {
                error.set("");
                shownResult.complete(Optional.ofNullable(value));
            }
        }));
        return shownResult;
    }
}
