package org.lanchat.discovery.netns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What dig printed for one query, read section by section: dig is the independent judge of what a
 * responder answered.
 *
 * @param questions the reply's own question count (from dig's {@code ;; flags:} line)
 */
record DigReply(String output, int questions, List<Rr> answers, List<Rr> additionals) {
    private static final Pattern FLAGS = Pattern.compile(";; flags:[^;]*; QUERY: (\\d+), ANSWER");
    private static final Pattern RR = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+IN\\s+(\\S+)\\s+(.*)$");

    /** One resource record as dig prints it: owner, TTL, type, data. */
    record Rr(String name, long ttl, String type, String data) {
    }

    static DigReply parse(String output) {
        Matcher flags = FLAGS.matcher(output);
        int questions = flags.find() ? Integer.parseInt(flags.group(1)) : -1;
        List<Rr> answers = new ArrayList<>();
        List<Rr> additionals = new ArrayList<>();
        List<Rr> section = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith(";; ANSWER SECTION:")) {
                section = answers;
            } else if (line.startsWith(";; ADDITIONAL SECTION:")) {
                section = additionals;
            } else if (line.startsWith(";") || line.isBlank()) {
                section = line.isBlank() ? null : section;
            } else if (section != null) {
                Matcher rr = RR.matcher(line.strip());
                if (rr.matches()) {
                    section.add(new Rr(rr.group(1), Long.parseLong(rr.group(2)), rr.group(3), rr.group(4).strip()));
                }
            }
        }
        return new DigReply(output, questions, answers, additionals);
    }

    List<Rr> all() {
        List<Rr> all = new ArrayList<>(answers);
        all.addAll(additionals);
        return all;
    }

    /**
     * A DNS name in dig's presentation form, ASCII only: a space as {@code \032}, a dot inside a label as
     * {@code \.}, every byte of a non-ASCII character as {@code \DDD}. Command lines then carry it intact
     * whatever the platform's encoding.
     */
    static String presentation(String label) {
        StringBuilder text = new StringBuilder();
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '.' || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c <= ' ' || c >= 0x7f) {
                text.append(String.format("\\%03d", c));
            } else {
                text.append((char) c);
            }
        }
        return text.toString();
    }
}
