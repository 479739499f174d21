package org.lanchat.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.protocol.message.Conversation;

/**
 * How messages, presence and users are printed: a line for people, or with {@code --json} one JSON object per
 * line for programs ({@code jq}), always with the keys {@code conversation}, {@code seq}, {@code sender},
 * {@code time} (ISO 8601, UTC), {@code text} and {@code kind}: {@code "text"} or {@code "sticker"} (then
 * {@code text} is the sticker's code) for a message, {@code "online"} or {@code "offline"} for presence
 * (then {@code conversation}, {@code seq} and {@code text} are null), {@code "read"} for a read mark (then
 * {@code sender} is the reader, {@code seq} how far they read, {@code text} null) and {@code "typing"} for
 * someone typing ({@code seq} and {@code text} null). A message received directly from a colleague while the
 * appliance was away has a null {@code seq}.
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

    String message(ChatEntry entry) {
        String kind = entry.isSticker() ? "sticker" : "text";
        String body = entry.isSticker() ? entry.sticker() : entry.text();
        Instant at = Instant.ofEpochMilli(entry.sentAt());
        // Sent directly while the appliance was away: no sequence number until the appliance has it.
        boolean direct = entry.delivery() == Delivery.DIRECT;
        if (json) {
            return object(entry.conversation().value(), direct ? null : entry.seq(), entry.from(), at, body, kind);
        }
        return local(at) + " " + entry.conversation().value() + (direct ? " (directly)" : " #" + entry.seq())
                + " <" + entry.from() + "> " + (entry.isSticker() ? "[sticker " + body + "]" : body);
    }

    String presence(String user, boolean online, Instant at) {
        if (json) {
            return object(null, null, user, at, null, online ? "online" : "offline");
        }
        return local(at) + " * " + user + (online ? " is online" : " went offline");
    }

    String read(Conversation conversation, String reader, long seq, Instant at) {
        if (json) {
            return object(conversation.value(), seq, reader, at, null, "read");
        }
        return local(at) + " " + conversation.value() + " #" + seq + " * read by " + reader;
    }

    String typing(Conversation conversation, String user, Instant at) {
        if (json) {
            return object(conversation.value(), null, user, at, null, "typing");
        }
        return local(at) + " " + conversation.value() + " * " + user + " is typing";
    }

    String user(String name) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("user", name);
            return write(line);
        }
        return name;
    }

    private String local(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private static String object(String conversation, Long seq, String sender, Instant time, String text, String kind) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("conversation", conversation);
        line.put("seq", seq);
        line.put("sender", sender);
        line.put("time", time.toString());
        line.put("text", text);
        line.put("kind", kind);
        return write(line);
    }

    private static String write(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always encodes", e);
        }
    }
}
