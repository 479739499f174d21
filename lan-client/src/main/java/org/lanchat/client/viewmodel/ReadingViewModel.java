package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;
import org.lanchat.protocol.message.Usernames;

/**
 * Who read and who is typing in the conversation on screen, and marking read what the user has in front of them
 * (PROTOCOL.md §7.18). {@link ChatViewModel} owns it and tells it what is shown; the view binds
 * {@link #activityProperty()} under the messages and {@link #readersProperty()} as its tooltip.
 *
 * <p>A private conversation shows "Read" once the other member has read the user's newest message there. A room
 * shows "Read by k" for it, the names on hover: asked for with {@code read_marks} when the conversation is shown,
 * after each of the user's own messages, and again every {@link #READ_BY_REFRESH} while the window has the focus, since
 * the appliance does not push every member's marks (a focused window is where someone watches the count grow).
 */
public final class ReadingViewModel {
    /** Runs a task on the UI thread after a delay; returns what cancels it. */
    @FunctionalInterface
    public interface Timer {
        Runnable after(Duration delay, Runnable task);

        /** Real time, on one daemon thread shared by every window, handing each task to {@code ui}. */
        static Timer on(Executor ui) {
            return (delay, task) -> {
                var scheduled = Clock.THREAD.schedule(() -> ui.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> scheduled.cancel(false);
            };
        }
    }

    /** Started on first use: a view-model test never starts it. */
    private static final class Clock {
        static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lanchat-typing-timer").factory());
    }

    /** How often a room's "Read by k" is asked for again while it is on screen: one small request per watcher. */
    static final Duration READ_BY_REFRESH = Duration.ofSeconds(10);

    private final ChatService client;
    private final Executor ui;
    private final Timer timer;
    private final StringProperty activity = new SimpleStringProperty("");
    private final StringProperty readers = new SimpleStringProperty("");
    private final BooleanProperty sendReadMarks = new SimpleBooleanProperty(true);
    /** Per conversation key: who is typing there, with what ends their indicator. */
    private final Map<String, Map<String, Runnable>> typists = new HashMap<>();
    /** Per private conversation key: how far the other member has read. */
    private final Map<String, Long> peerMarks = new HashMap<>();
    private Conversation shown = Conversation.GROUP;
    /** The seq of the user's newest message in the conversation shown, 0 for none. */
    private long ownNewest;
    private String read = "";
    private boolean focused = true;
    /** Cancels the next "Read by k" refresh; a no-op when none is scheduled. */
    private Runnable nextReadRefresh = () -> { };
    private String me = "";

    ReadingViewModel(ChatService client, Executor ui, Timer timer) {
        this.client = client;
        this.ui = ui;
        this.timer = timer;
        sendReadMarks.addListener((o, was, on) -> client.sendReadMarks(on));
    }

    /** "bob is typing…" while someone types in the conversation shown, else "Read" or "Read by 3", else empty. */
    public StringProperty activityProperty() {
        return activity;
    }

    /** In a room, who has read the user's newest message, for the tooltip. */
    public StringProperty readersProperty() {
        return readers;
    }

    /** The user's setting: whether others may see how far they have read. On by default. */
    public BooleanProperty sendReadMarksProperty() {
        return sendReadMarks;
    }

    void me(String username) {
        me = username;
    }

    /**
     * The conversation on screen and its rows; marks them read when the window has the focus. Called when the
     * selection, the rows or the focus change.
     */
    void shown(Conversation conversation, List<MessageItem> rows, boolean focused) {
        boolean other = !key(conversation).equals(key(shown));
        boolean refocused = focused != this.focused && focused;
        shown = conversation;
        this.focused = focused;
        long newest = 0;
        long own = 0;
        for (MessageItem row : rows) {
            ChatEntry entry = row.entry().orElse(null);
            if (entry != null && entry.seq() > 0) {
                newest = Math.max(newest, entry.seq());
                if (entry.own()) {
                    own = Math.max(own, entry.seq());
                }
            }
        }
        if (focused && newest > 0) {
            client.markRead(conversation, newest);
        }
        if (other || own != ownNewest || refocused) {
            ownNewest = own;
            refreshRead();
        }
        show();
    }

    /** The user typed in the draft of the conversation shown. */
    void typed() {
        client.typing(shown);
    }

    void onEvent(ClientEvent event) {
        switch (event) {
            case ClientEvent.ReadMarkChanged mark when !isMe(mark.reader()) && mark.conversation().isPrivate() -> {
                peerMarks.merge(key(mark.conversation()), mark.seq(), Math::max);
                if (key(mark.conversation()).equals(key(shown))) {
                    refreshRead();
                }
            }
            case ClientEvent.Typing typing when !isMe(typing.user()) -> {
                Map<String, Runnable> here = typists.computeIfAbsent(key(typing.conversation()), k -> new LinkedHashMap<>());
                String user = typing.user();
                Runnable previous = here.remove(user);
                if (previous != null) {
                    previous.run();
                }
                here.put(user, timer.after(typing.expiresIn(), () -> stoppedTyping(typing.conversation(), user)));
                show();
            }
            case ClientEvent.MessageAdded added when !added.entry().own() -> {
                Runnable ending = typists.getOrDefault(key(added.entry().conversation()), Map.of()).get(added.entry().from());
                if (ending != null) {
                    ending.run();
                    stoppedTyping(added.entry().conversation(), added.entry().from());
                }
            }
            default -> {
            }
        }
    }

    private void stoppedTyping(Conversation conversation, String user) {
        Map<String, Runnable> here = typists.get(key(conversation));
        if (here != null) {
            here.remove(user);
        }
        show();
    }

    private void refreshRead() {
        nextReadRefresh.run();
        nextReadRefresh = () -> { };
        Conversation asked = shown;
        long own = ownNewest;
        if (own == 0) {
            setRead("", "");
        } else if (asked.isPrivate()) {
            setRead(peerMarks.getOrDefault(key(asked), 0L) >= own ? Texts.text("reading.read") : "", "");
        } else {
            client.readMarks(asked).thenAccept(marks -> ui.execute(() -> {
                if (key(asked).equals(key(shown)) && own == ownNewest) {
                    List<String> names = marks.stream().filter(m -> m.seq() >= own && !isMe(m.user())).map(ReadMark::user).toList();
                    setRead(names.isEmpty() ? "" : Texts.text("reading.readBy", names.size()), String.join(", ", names));
                    if (focused) {
                        nextReadRefresh = timer.after(READ_BY_REFRESH, () -> {
                            if (key(asked).equals(key(shown)) && own == ownNewest && focused) {
                                refreshRead();
                            }
                        });
                    }
                }
            }));
        }
    }

    private void setRead(String text, String names) {
        read = text;
        readers.set(names);
        show();
    }

    private void show() {
        List<String> typing = List.copyOf(typists.getOrDefault(key(shown), Map.of()).keySet());
        activity.set(switch (typing.size()) {
            case 0 -> read;
            case 1 -> Texts.text("reading.typing.one", typing.getFirst());
            case 2 -> Texts.text("reading.typing.two", typing.get(0), typing.get(1));
            default -> Texts.text("reading.typing.many", typing.size());
        });
    }

    private boolean isMe(String name) {
        return Usernames.key(name).equals(Usernames.key(me));
    }

    private static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }
}
