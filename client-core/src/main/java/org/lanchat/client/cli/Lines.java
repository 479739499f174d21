package org.lanchat.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;

/**
 * How messages, presence and users are printed: a line for people, or with {@code --json} one JSON object per
 * line for programs ({@code jq}), always with the keys {@code conversation}, {@code seq}, {@code sender},
 * {@code time} (ISO 8601, UTC), {@code text} and {@code kind}: {@code "text"} or {@code "sticker"} (then
 * {@code text} is the sticker's code) for a message, {@code "online"} or {@code "offline"} for presence
 * (then {@code conversation}, {@code seq} and {@code text} are null), {@code "read"} for a read mark (then
 * {@code sender} is the reader, {@code seq} how far they read, {@code text} null) and {@code "typing"} for
 * someone typing ({@code seq} and {@code text} null), and {@code displayName}: the sender's display name
 * (PROTOCOL.md §7.17), null when they have none or it could not be learned. A message received directly from a
 * colleague while the appliance was away has a null {@code seq}. For people, a user with a display name is shown as
 * {@code 张伟 (alice)}. A reply adds {@code replyTo}, the sequence number of the message it answers. An entry that
 * changes a message (PROTOCOL.md §7.19) has the {@code kind} {@code "edit"} ({@code text} is the new text),
 * {@code "delete"} ({@code text} null), {@code "react"} or {@code "unreact"} ({@code text} is the emoji), and
 * {@code target}, the sequence number of the message it changes. A message ({@code "text"} or {@code "sticker"}) has
 * {@code mentionsMe}: {@code true} when it is someone else's and names the listening user ({@code @login}) or, in the
 * group or a room and printed as it arrived, calls {@code @here} (PROTOCOL.md §7.21), else {@code false}; for people such a line
 * starts with a mark. A user's presence state changing (PROTOCOL.md
 * §7.20) has the {@code kind} {@code "state"}, with {@code sender} the user, {@code text} their status text (null
 * for none), {@code conversation} and {@code seq} null, and {@code state}: {@code "available"}, {@code "away"} or
 * {@code "busy"}. For {@code who}, each user also has {@code state} and {@code statusText} (null for none). A search
 * result (PROTOCOL.md §6.19) has the {@code kind} {@code "hit"}, {@code text} its snippet, and {@code messageId}, which
 * {@code lanchat search --before} takes for the next page.
 */
final class Lines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String CONTINUATION = "    ";

    private final boolean json;
    private final ZoneId zone;

    Lines(boolean json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    /** Whether these lines are for programs ({@code --json}), which get every event as it comes. */
    boolean forPrograms() {
        return json;
    }

    String message(ChatEntry entry, Optional<String> displayName) {
        return message(entry, displayName, false);
    }

    /** @param mentionsMe whether the message calls the listening user (PROTOCOL.md §7.21) */
    String message(ChatEntry entry, Optional<String> displayName, boolean mentionsMe) {
        if (entry.isChange()) {
            return change(entry, displayName);
        }
        String kind = entry.isSticker() ? "sticker" : entry.hasFile() ? "file" : "text";
        String body = entry.isSticker() ? entry.sticker() : entry.text();
        Instant at = Instant.ofEpochMilli(entry.sentAt());
        // Sent directly while the appliance was away: no sequence number until the appliance has it.
        boolean direct = entry.delivery() == Delivery.DIRECT;
        if (json) {
            Map<String, Object> line = object(entry.conversation().value(), direct ? null : entry.seq(), entry.from(),
                    displayName, at, body, kind);
            if (entry.replyTo() != null) {
                line.put("replyTo", entry.replyTo());
            }
            if (entry.hasFile()) { // text is the file's name; lanchat download SEQ fetches it
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("fileId", entry.attachment().fileId());
                file.put("size", entry.attachment().size());
                file.put("mediaType", entry.attachment().mediaType());
                line.put("file", file);
            }
            line.put("mentionsMe", mentionsMe);
            return write(line);
        }
        return (mentionsMe ? Texts.text("mentions.mark") + " " : "") + local(at) + " " + conversation(entry.conversation()) + " "
                + (direct ? Texts.text("lines.directly") : "#" + entry.seq()) + " <" + shown(entry.from(), displayName) + "> "
                + (entry.replyTo() == null ? "" : Texts.text("lines.replyTo", String.valueOf(entry.replyTo())) + " ")
                + (entry.deleted() ? Texts.text("lines.deleted") : entry.isSticker() ? Texts.text("lines.sticker", body)
                        : entry.hasFile() ? Texts.text("lines.file", Invisibles.visible(body), entry.attachment().size())
                        : continued(body));
    }

    /**
     * A text of several lines with its later lines indented, so they read as part of the message above rather than as
     * lines of their own, and with its invisible controls shown.
     */
    private static String continued(String text) {
        return Invisibles.visible(text).replaceAll("\\R", System.lineSeparator() + CONTINUATION);
    }

    /** An edit, a delete or a reaction: what it did to which message, never its fallback text. */
    private String change(ChatEntry entry, Optional<String> displayName) {
        ChatEntry.Change change = entry.change();
        Instant at = Instant.ofEpochMilli(entry.sentAt());
        String text = switch (change.kind()) {
            case EDIT -> entry.text();
            case DELETE -> null;
            case REACT, UNREACT -> change.emoji();
        };
        if (json) {
            Map<String, Object> line = object(entry.conversation().value(), entry.seq(), entry.from(), displayName, at,
                    text, change.kind().name().toLowerCase(Locale.ROOT));
            line.put("target", change.target());
            return write(line);
        }
        String target = String.valueOf(change.target());
        String what = switch (change.kind()) {
            case EDIT -> Texts.text("lines.edited", target, continued(text));
            case DELETE -> Texts.text("lines.deletedTarget", target);
            case REACT -> Texts.text("lines.reacted", target, Invisibles.visible(text));
            case UNREACT -> Texts.text("lines.unreacted", target, Invisibles.visible(text));
        };
        return local(at) + " " + conversation(entry.conversation()) + " #" + entry.seq() + " <"
                + shown(entry.from(), displayName) + "> " + what;
    }

    String presence(String user, Optional<String> displayName, boolean online, Instant at) {
        if (json) {
            return write(object(null, null, user, displayName, at, null, online ? "online" : "offline"));
        }
        return local(at) + " * " + Texts.text(online ? "lines.online" : "lines.offline", shown(user, displayName));
    }

    String read(Conversation conversation, String reader, Optional<String> displayName, long seq, Instant at) {
        if (json) {
            return write(object(conversation.value(), seq, reader, displayName, at, null, "read"));
        }
        return local(at) + " " + conversation(conversation) + " #" + seq + " * "
                + Texts.text("lines.readBy", shown(reader, displayName));
    }

    String typing(Conversation conversation, String user, Optional<String> displayName, Instant at) {
        if (json) {
            return write(object(conversation.value(), null, user, displayName, at, null, "typing"));
        }
        return local(at) + " " + conversation(conversation) + " * " + Texts.text("lines.typing", shown(user, displayName));
    }

    /** A search result: where and when, who, and the snippet; for people as a message line shows them. */
    String hit(SearchHit hit, Optional<String> displayName) {
        Instant at = Instant.ofEpochMilli(hit.sentAt());
        if (json) {
            Map<String, Object> line = object(hit.conversation().value(), hit.seq(), hit.from(), displayName, at,
                    hit.snippet(), "hit");
            line.put("messageId", hit.messageId());
            return write(line);
        }
        return local(at) + " " + conversation(hit.conversation()) + " #" + hit.seq() + " <" + shown(hit.from(), displayName)
                + "> " + continued(hit.snippet());
    }

    /** A user's presence state changing (§7.20). */
    String state(String user, Optional<String> displayName, UserState state, Instant at) {
        if (json) {
            Map<String, Object> line = object(null, null, user, displayName, at, state.statusText(), "state");
            line.put("state", state.presenceState().wireName());
            return write(line);
        }
        String word = Texts.text("presence.state." + state.presenceState().wireName());
        return state.statusText() == null
                ? Texts.text("presence.listen.changed", local(at), shown(user, displayName), word)
                : Texts.text("presence.listen.changedWithText", local(at), shown(user, displayName), word, state.statusText());
    }

    /**
     * A user for {@code who --json}: {@code {"user": NAME, "displayName": NAME or null, "state": STATE, "statusText":
     * TEXT or null}}. (For people, {@code who} prints a table, with {@link #state} in its last column.)
     */
    String user(String name, Optional<String> displayName, UserState state) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("user", name);
        line.put("displayName", displayName.orElse(null));
        line.put("state", state.presenceState().wireName());
        line.put("statusText", state.statusText());
        return write(line);
    }

    /** A presence state for a table cell: "busy — in a meeting"; empty for plain available. */
    static String state(UserState state) {
        if (state.isDefault()) {
            return "";
        }
        String word = Texts.text("presence.state." + state.presenceState().wireName());
        return state.statusText() == null ? word : word + " \u2014 " + state.statusText();
    }

    /**
     * A room for {@code lanchat rooms}: "#12 Design — public, 3 members, joined: weekly sketches"; with {@code --json},
     * the room object of PROTOCOL.md §6.20 and {@code member}, whether the user is in it.
     */
    String room(RoomInfo room, boolean member) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("conversation", room.conversation().value());
            line.put("name", room.name());
            line.put("topic", room.topic());
            line.put("visibility", room.visibility());
            line.put("creator", room.creator());
            line.put("members", room.members());
            line.put("archived", room.archived());
            line.put("member", member);
            return write(line);
        }
        String about = Texts.text("rooms.line", room.conversation().value(), room.name(),
                Texts.text(room.isPrivate() ? "rooms.private" : "rooms.public"), room.members())
                + (member ? Texts.text("rooms.joined") : "") + (room.archived() ? Texts.text("rooms.archived") : "");
        return room.topic() == null ? about : Texts.text("rooms.withTopic", about, Invisibles.visible(room.topic()));
    }

    /**
     * What happened to a room (PROTOCOL.md §6.23): "room 12 * bob joined Design"; with {@code --json} kind {@code room},
     * with its {@code change}, {@code user} (as sender) and the room's {@code name} and {@code topic}. Empty for a change this version
     * does not know.
     */
    Optional<String> room(RoomEvent event, Instant at) {
        if (!List.of(RoomEvent.JOINED, RoomEvent.INVITED, RoomEvent.LEFT, RoomEvent.REMOVED, RoomEvent.UPDATED,
                RoomEvent.ARCHIVED).contains(event.change())) {
            return Optional.empty();
        }
        if (json) {
            Map<String, Object> line = object(event.conversation().value(), null, event.user(), Optional.empty(), at,
                    null, "room");
            line.put("change", event.change());
            line.put("by", event.by());
            line.put("name", event.room().name());
            line.put("topic", event.room().topic());
            return Optional.of(write(line));
        }
        String by = event.by() == null ? Texts.text("listen.room.administrator") : event.by();
        // A change of name or topic says what they are now: "changed the room" alone left the reader to guess.
        String key = "listen.room." + event.change() + (event.change().equals(RoomEvent.UPDATED)
                && event.room().topic() == null ? ".noTopic" : "");
        return Optional.of(local(at) + " " + conversation(event.conversation()) + " * "
                + Texts.text(key, event.user(), event.room().name(), by, Invisibles.visible(event.room().topic())));
    }

    /**
     * The group by its name in the user's language, a private conversation by its (untranslated) value ({@code @eddy}),
     * and a room as "room 12", in words: its value ({@code #12}) would read like the sequence number beside it.
     */
    private static String conversation(Conversation conversation) {
        return conversation.isGroup() ? Texts.text("lines.group")
                : conversation.isRoom() ? Texts.text("lines.room", conversation.roomId()) : conversation.value();
    }

    private static String shown(String user, Optional<String> displayName) {
        return displayName.map(name -> name + " (" + user + ")").orElse(user);
    }

    private String local(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private static Map<String, Object> object(String conversation, Long seq, String sender, Optional<String> displayName,
            Instant time, String text, String kind) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("conversation", conversation);
        line.put("seq", seq);
        line.put("sender", sender);
        line.put("displayName", displayName.orElse(null));
        line.put("time", time.toString());
        line.put("text", text);
        line.put("kind", kind);
        return line;
    }

    private static String write(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always encodes", e);
        }
    }
}
