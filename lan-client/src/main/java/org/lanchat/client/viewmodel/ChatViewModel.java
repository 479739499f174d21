package org.lanchat.client.viewmodel;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.AvatarImage;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.Session;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.SessionMessage.Sticker;
import org.lanchat.protocol.message.Usernames;

/**
 * The chat window: who is online, the conversations with their unread badges, the messages of the selected
 * one, the draft, and the connection banner. Create it before logging in, so it sees every event of the
 * session from the start.
 */
public final class ChatViewModel {
    /**
     * Rows a conversation keeps in the chat window: the newest. Older ones are in the History window, paged from
     * the appliance; an open window should not hold a week of messages.
     */
    public static final int ROWS_KEPT = 300;
    private final ChatService client;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<String> online = FXCollections.observableArrayList();
    private final IntegerProperty onlineCount = new SimpleIntegerProperty();
    private final ObjectProperty<ConversationItem> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ObservableList<MessageItem>> messages = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    private final StringProperty draft = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty me = new SimpleStringProperty("");
    private final StringProperty applianceName = new SimpleStringProperty("");
    private final ObservableList<Sticker> stickers = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionStatus> status = new SimpleObjectProperty<>(ConnectionStatus.OFFLINE);
    private final ConnectionBanner banner = new ConnectionBanner();
    /** Chatting directly while the appliance is away: the roster is who can be reached directly. */
    private final BooleanProperty direct = new SimpleBooleanProperty();
    private final BooleanBinding rosterStale = status.isNotEqualTo(ConnectionStatus.ONLINE).and(direct.not());
    private final BooleanBinding reconnecting = status.isEqualTo(ConnectionStatus.RECONNECTING);
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    private final ObjectProperty<ClientEvent.SessionEnded> sessionEnded = new SimpleObjectProperty<>();
    private final DisplayNames names;
    private final ConversationRows rows;
    private final ReadingViewModel reading;
    private final NotificationPolicy notifications;
    private final PresenceViewModel presence;
    private Consumer<ChatEntry> attention = entry -> { };
    /** The message the next send answers (PROTOCOL.md §7.19), or null. */
    private final MessageChangesViewModel changes;
    /** The message a search hit opened at: the view scrolls to it and selects it. */
    private final ObjectProperty<MessageItem> openedAt = new SimpleObjectProperty<>();
    private final SearchViewModel search;
    private final RoomsViewModel rooms;

    public ChatViewModel(ChatService client, Executor ui) {
        this(client, ui, ZoneId.systemDefault());
    }

    public ChatViewModel(ChatService client, Executor ui, ZoneId zone) {
        this(client, ui, zone, ReadingViewModel.Timer.on(ui));
    }

    /** @param timer ends typing indicators; a test moves its time by hand */
    public ChatViewModel(ChatService client, Executor ui, ZoneId zone, ReadingViewModel.Timer timer) {
        this(client, client::rooms, ui, zone, timer);
    }

    /** @param rooms the session's rooms; a test gives its own where the service has none */
    ChatViewModel(ChatService client, java.util.function.Supplier<org.lanchat.client.core.Rooms> rooms, Executor ui,
            ZoneId zone, ReadingViewModel.Timer timer) {
        this.client = client;
        this.ui = ui;
        this.zone = zone;
        this.rows = new ConversationRows(ROWS_KEPT, zone);
        this.names = new DisplayNames(client, ui);
        this.reading = new ReadingViewModel(client, ui, timer);
        this.notifications = new NotificationPolicy(names::shown, this::stickerName, rows::title);
        this.presence = new PresenceViewModel(client, ui);
        this.changes = new MessageChangesViewModel(client, ui, this::selectedConversation, me::get, error);
        this.search = new SearchViewModel(client, ui, zone, timer, names, new SearchOpener());
        this.rooms = new RoomsViewModel(rooms, ui, new RoomListing());
        // Busy is "do not disturb" (PROTOCOL.md §7.20): nothing calls the user, mentions included.
        notifications.doNotDisturbProperty().bind(presence.doNotDisturbProperty());
        selected.set(rows.item(Conversation.GROUP));
        messages.set(rows.rows(Conversation.GROUP));
        client.addListener(this::onEvent, ui);
        windowFocused.addListener((o, was, focused) -> showReading());
        draft.addListener((o, was, now) -> {
            if (now != null && !now.isBlank() && !now.equals(was)) {
                reading.typed();
            }
        });
    }

    /** Read ticks and typing indicators of the conversation on screen, and the read-marks setting. */
    public ReadingViewModel reading() {
        return reading;
    }

    /** Who is called for which message: muted conversations, do-not-disturb, mentions (PROTOCOL.md §7.21). */
    public NotificationPolicy notifications() {
        return notifications;
    }

    /** The search box over the conversation list (PROTOCOL.md §7.22). */
    public SearchViewModel search() {
        return search;
    }

    /** The message a search hit opened at, for the view to scroll to and select; null until one is chosen. */
    public ObjectProperty<MessageItem> openedAtProperty() {
        return openedAt;
    }

    /** Named rooms: creating, browsing, joining, leaving, and the members of the room on screen (PROTOCOL.md §7.23). */
    public RoomsViewModel rooms() {
        return rooms;
    }

    /** Presence states: the user's own, automatic away, and everyone's beside their names (PROTOCOL.md §7.20). */
    public PresenceViewModel presence() {
        return presence;
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<String> online() {
        return online;
    }

    /** What to show for each user, and setting the user's own display name (PROTOCOL.md §7.17). */
    public DisplayNames displayNames() {
        return names;
    }

    public IntegerProperty onlineCountProperty() {
        return onlineCount;
    }

    public ObservableList<ConversationItem> conversations() {
        return rows.conversations();
    }

    public ObjectProperty<ConversationItem> selectedProperty() {
        return selected;
    }

    /** The rows of the selected conversation (the list object changes with the selection). */
    public ObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return messages;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty meProperty() {
        return me;
    }

    public StringProperty applianceNameProperty() {
        return applianceName;
    }

    public ObservableList<Sticker> stickers() {
        return stickers;
    }

    public ObjectProperty<ConnectionStatus> statusProperty() {
        return status;
    }

    /** The connection banner's text ("Connection lost… reconnecting in 2 s"). */
    public StringProperty bannerProperty() {
        return banner.text();
    }

    public BooleanProperty bannerVisibleProperty() {
        return banner.visible();
    }

    /** While not online the roster is who was online when the connection was lost: show it as unknown. */
    public BooleanBinding rosterStaleProperty() {
        return rosterStale;
    }

    /** Chatting directly with colleagues while the appliance is away (PROTOCOL.md §10): the roster is who can be reached. */
    public BooleanProperty directProperty() {
        return direct;
    }

    /** The room on screen is archived (PROTOCOL.md §7.23): readable, but it takes no new messages. */
    public javafx.beans.value.ObservableValue<Boolean> archivedProperty() {
        return selected.flatMap(ConversationItem::roomProperty).map(room -> room.archived()).orElse(false);
    }

    /** A reconnect is waiting out its backoff: "Reconnect now" can skip the wait. */
    public BooleanBinding reconnectingProperty() {
        return reconnecting;
    }

    public void reconnectNow() {
        client.reconnectNow();
    }

    /** Set by the view: whether the window has the focus (messages arriving otherwise call for attention). */
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    /** Set when the session is over for good (token expired, certificate changed): the view goes back to login. */
    public ObjectProperty<ClientEvent.SessionEnded> sessionEndedProperty() {
        return sessionEnded;
    }

    /** Why the session ended, in the user's language: the failure's sentence, else the reason's (its English is for logs). */
    public static String endedText(ClientEvent.SessionEnded ended) {
        return ended.problem().map(Failures::sentence).orElseGet(() -> switch (ended.reason()) {
            case LOGGED_OUT -> "";
            case TOKEN_INVALID -> Texts.text("coreTexts.error.TOKEN_INVALID");
            case ACCOUNT_DISABLED -> Texts.text("coreTexts.error.ACCOUNT_DISABLED");
            case UNSUPPORTED_VERSION -> Texts.text("coreTexts.error.UNSUPPORTED_VERSION");
            case CERTIFICATE_CHANGED -> Texts.text("coreTexts.ended.certificateChanged");
        });
    }

    /** Called for each message that calls the user ({@link NotificationPolicy}: not theirs, not in front of them, not muted). */
    public void setOnAttention(Consumer<ChatEntry> attention) {
        this.attention = attention;
    }

    public CompletableFuture<AvatarImage> avatar(String username) {
        return client.avatar(username);
    }

    public Conversation selectedConversation() {
        return selected.get().conversation();
    }

    // ------------------------------------------------------------------ actions

    /** Adopts a session that started before this view-model (the login window's). */
    public void start(Session session) {
        adopt(session);
        select(selected.get());
    }

    public void select(ConversationItem item) {
        if (item == null) {
            return;
        }
        if (item != selected.get()) {
            changes.replyingToProperty().set(null); // a reply answers a message of the conversation it was started in
        }
        selected.set(item);
        rooms.show(item.conversation());
        messages.set(rows.rows(item.conversation()));
        item.unreadProperty().set(0);
        showReading();
        client.activate(item.conversation());
        // Anything the core loaded before this view-model listened, merged in by key.
        client.messages(item.conversation()).thenAccept(entries -> onUi(() -> entries.forEach(this::add)));
    }

    /** Opens the private conversation with a user from the roster. */
    public void openPrivate(String username) {
        if (username == null || Usernames.key(username).equals(Usernames.key(me.get()))) {
            return;
        }
        select(rows.item(Conversation.with(username)));
    }

    public void openGroup() {
        select(rows.item(Conversation.GROUP));
    }

    /** Sends the draft, as a reply when one is being written; an empty or blank draft is not sent. Returns whether it was sent. */
    public boolean send() {
        String text = draft.get();
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            MessageItem answering = changes.replyingToProperty().get();
            if (answering != null && answering.seq() > 0) {
                client.reply(selectedConversation(), answering.seq(), text);
            } else {
                client.sendText(selectedConversation(), text);
            }
            changes.replyingToProperty().set(null);
            draft.set("");
            error.set("");
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(Failures.describe(e));
            return false;
        }
    }

    public void sendSticker(String code) {
        try {
            client.sendSticker(selectedConversation(), code);
            error.set("");
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(Failures.describe(e));
        }
    }

    /** Replying to, editing, deleting and reacting to the messages of the conversation on screen. */
    public MessageChangesViewModel changes() {
        return changes;
    }

    public void retry(MessageItem failed) {
        failed.entry().ifPresent(client::retry);
    }

    /** Sets the user's display name, or clears it when blank; a refusal is shown in {@link #errorProperty()}. */
    public CompletableFuture<Boolean> setDisplayName(String displayName) {
        return names.set(me.get(), displayName).thenApply(ok -> {
            error.set(ok ? "" : names.errorProperty().get());
            return ok;
        });
    }

    public CompletableFuture<Void> logout() {
        return client.logout();
    }

    // ------------------------------------------------------------------ events

    private void onUi(Runnable work) {
        // Futures from the core complete on its thread; hop to the UI executor events already use.
        ui.execute(work);
    }

    private void onEvent(ClientEvent event) {
        reading.onEvent(event);
        switch (event) {
            case ClientEvent.StatusChanged s -> {
                status.set(s.status());
                banner.status(s);
            }
            case ClientEvent.SessionStarted s -> {
                adopt(s.session());
                // Names may have changed while away; the roster and messages that follow are met afresh.
                names.forget();
                names.meet(rows.senders().toList());
                rooms.refresh(); // names for the rooms the conversations name by id
            }
            case ClientEvent.DisplayNameChanged d -> names.changed(d);
            case ClientEvent.PresenceStateChanged p -> { } // the presence view model listens for itself
            case ClientEvent.SessionEnded s -> sessionEnded.set(s);
            case ClientEvent.CaughtUp c -> {
            }
            case ClientEvent.PeerModeChanged p -> {
                banner.peerMode(p);
                direct.set(p.active());
                if (p.active()) {
                    // Who can be reached directly is who is online for this window now.
                    List<String> reachable = new ArrayList<>(p.reachable());
                    reachable.add(me.get());
                    online.setAll(reachable);
                    onlineCount.set(reachable.size());
                }
            }
            case ClientEvent.RosterChanged r -> {
                names.meet(r.online());
                online.setAll(r.online());
                onlineCount.set(r.count());
                long now = System.currentTimeMillis();
                for (String name : r.joined()) {
                    if (!isMe(name)) {
                        rows.addJoined(name, MessageItem.notice("chat.notice.joined", name, names::shown, now, zone));
                    }
                }
                for (String name : r.left()) {
                    if (!isMe(name)) {
                        rows.addLeft(name, MessageItem.notice("chat.notice.left", name, names::shown, now, zone));
                    }
                }
            }
            case ClientEvent.MessageAdded added -> {
                names.meet(List.of(added.entry().from()));
                add(added.entry());
                ChatEntry entry = added.entry();
                boolean inFront = windowFocused.get() && sameConversation(entry.conversation(), selectedConversation());
                if (notifications.arrived(entry, added.live(), inFront, me.get())) {
                    attention.accept(entry);
                }
            }
            case ClientEvent.MessageUpdated updated -> add(updated.entry());
            case ClientEvent.MessageChanged changed -> {
                // Shown through the MessageUpdated of the message it changes.
            }
            case ClientEvent.ConversationChanged changed -> {
                ConversationItem item = rows.item(changed.summary().conversation());
                boolean selectedNow = item == selected.get();
                item.unreadProperty().set(selectedNow ? 0 : changed.summary().unread());
                changed.summary().last().ifPresent(last -> item.previewProperty().set(preview(last)));
            }
            case ClientEvent.ReadMarkChanged read -> {
                // ReadingViewModel's, as is typing
            }
            case ClientEvent.Typing typing -> {
            }
            case ClientEvent.RoomChanged room -> rooms.onEvent(room.event());
            case ClientEvent.ConversationCleared cleared -> {
                rows.clear(cleared.conversation(), cleared.through());
            }
        }
    }

    private void adopt(Session session) {
        me.set(session.username());
        reading.me(session.username());
        applianceName.set(session.applianceName());
        stickers.setAll(session.stickers());
        sessionEnded.set(null);
    }

    private void add(ChatEntry entry) {
        add(entry, true);
    }

    /** @param trimming false for history a search hit asked for: the user is about to read it */
    private void add(ChatEntry entry, boolean trimming) {
        rows.add(entry, trimming);
        if (sameConversation(entry.conversation(), selectedConversation())) {
            showReading(); // a new row, or an own message acknowledged: now it has a seq
        }
    }

    /** Rooms shown in this window's conversation list. */
    private final class RoomListing implements RoomsViewModel.Listing {
        @Override
        public void named(org.lanchat.protocol.message.RoomMessage.RoomInfo room) {
            rows.named(room);
        }

        @Override
        public void gone(Conversation room) {
            if (sameConversation(room, selectedConversation())) {
                openGroup();
            }
            rows.forget(room);
        }

        @Override
        public void open(Conversation room) {
            select(rows.item(room));
        }

        @Override
        public List<Conversation> listed() {
            return rows.conversations().stream().map(ConversationItem::conversation).filter(Conversation::isRoom).toList();
        }

        @Override
        public String me() {
            return me.get();
        }

        @Override
        public org.lanchat.protocol.message.RoomMessage.RoomInfo info(Conversation room) {
            return rows.item(room).roomProperty().get();
        }
    }

    /** Opens search hits in this window's conversations. */
    private final class SearchOpener implements SearchViewModel.Opener {
        @Override
        public long open(Conversation conversation) {
            if (!sameConversation(conversation, selectedConversation())) {
                select(rows.item(conversation));
            }
            return rows.rows(conversation).stream().flatMap(row -> row.entry().stream()).mapToLong(ChatEntry::seq)
                    .filter(seq -> seq > 0).min().orElse(0);
        }

        @Override
        public void older(Conversation conversation, List<ChatEntry> entries) {
            entries.forEach(entry -> add(entry, false));
        }

        @Override
        public boolean show(Conversation conversation, long seq) {
            MessageItem row = rows.rows(conversation).stream().filter(r -> r.seq() == seq).findFirst().orElse(null);
            openedAt.set(null); // the same message chosen twice is shown twice
            openedAt.set(row);
            return row != null;
        }

        @Override
        public String roomName(Conversation room) {
            return rows.title(room);
        }
    }

    private void showReading() {
        reading.shown(selectedConversation(), messages.get(), windowFocused.get());
    }

    private boolean isMe(String name) {
        return Usernames.key(name).equals(Usernames.key(me.get()));
    }

    private static boolean sameConversation(Conversation a, Conversation b) {
        return ConversationRows.sameConversation(a, b);
    }

    /** A sticker's name from its code, the code itself when the appliance did not list it. */
    private String stickerName(String code) {
        return stickers.stream().filter(s -> s.code().equals(code)).map(Sticker::name).findFirst().orElse(code);
    }

    private String preview(ChatEntry entry) {
        String body = entry.deleted() ? Texts.text("message.deleted")
                : entry.text() != null ? entry.text().replace('\n', ' ')
                : Texts.text("chat.preview.sticker", stickerName(entry.sticker()));
        return body.length() > 60 ? body.substring(0, 59) + "…" : body;
    }
}
