package org.lanchat.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage.SearchHit;

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
 * {@code target}, the sequence number of the message it changes. A search result (PROTOCOL.md §6.21) has the
 * {@code kind} {@code "hit"}, {@code text} its snippet, and {@code messageId}, which {@code lanchat search --before}
 * takes for the next page.
 */
final class Lines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final boolean json;
    private final ZoneId zone;

    Lines(boolean json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    String message(ChatEntry entry, Optional<String> displayName) {
        if (entry.isChange()) {
            return change(entry, displayName);
        }
        String kind = entry.isSticker() ? "sticker" : "text";
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
            return write(line);
        }
        return local(at) + " " + entry.conversation().value() + (direct ? " (directly)" : " #" + entry.seq())
                + " <" + shown(entry.from(), displayName) + "> " + (entry.replyTo() == null ? "" : "(re #" + entry.replyTo() + ") ")
                + (entry.deleted() ? "[message deleted]" : entry.isSticker() ? "[sticker " + body + "]" : body);
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
        String what = switch (change.kind()) {
            case EDIT -> "edited #" + change.target() + ": " + text;
            case DELETE -> "deleted #" + change.target();
            case REACT -> "reacted " + text + " to #" + change.target();
            case UNREACT -> "took back " + text + " on #" + change.target();
        };
        return local(at) + " " + entry.conversation().value() + " #" + entry.seq() + " <"
                + shown(entry.from(), displayName) + "> " + what;
    }

    String presence(String user, Optional<String> displayName, boolean online, Instant at) {
        if (json) {
            return write(object(null, null, user, displayName, at, null, online ? "online" : "offline"));
        }
        return local(at) + " * " + shown(user, displayName) + (online ? " is online" : " went offline");
    }

    String read(Conversation conversation, String reader, Optional<String> displayName, long seq, Instant at) {
        if (json) {
            return write(object(conversation.value(), seq, reader, displayName, at, null, "read"));
        }
        return local(at) + " " + conversation.value() + " #" + seq + " * read by " + shown(reader, displayName);
    }

    String typing(Conversation conversation, String user, Optional<String> displayName, Instant at) {
        if (json) {
            return write(object(conversation.value(), null, user, displayName, at, null, "typing"));
        }
        return local(at) + " " + conversation.value() + " * " + shown(user, displayName) + " is typing";
    }

    /** A search result: where and when, who, and the snippet; for people through the bundle's {@code search.hit}. */
    String hit(SearchHit hit, Optional<String> displayName) {
        Instant at = Instant.ofEpochMilli(hit.sentAt());
        if (json) {
            Map<String, Object> line = object(hit.conversation().value(), hit.seq(), hit.from(), displayName, at,
                    hit.snippet(), "hit");
            line.put("messageId", hit.messageId());
            return write(line);
        }
        return Texts.text("search.hit", local(at), hit.conversation().value(), String.valueOf(hit.seq()),
                shown(hit.from(), displayName), hit.snippet());
    }

    /** A user for {@code who}: {@code {"user": NAME, "displayName": NAME or null}} in JSON. */
    String user(String name, Optional<String> displayName) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("user", name);
            line.put("displayName", displayName.orElse(null));
            return write(line);
        }
        return shown(name, displayName);
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
