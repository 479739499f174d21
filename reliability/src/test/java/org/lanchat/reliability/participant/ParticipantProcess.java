package org.lanchat.reliability.participant;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A {@link Participant} in a process of its own, so a test can stop it with SIGSTOP or run it in a
 * network namespace. Arguments: {@code --host --port --fingerprint --user --password}. Reads
 * commands on standard input, one per line, and answers on standard output:
 * <ul>
 *   <li>{@code SEND n} — queues n group messages (sent now, or after the next reconnect);</li>
 *   <li>{@code SNAPSHOT path} — waits until its outbox is empty, catches up, writes what it knows as JSON;</li>
 *   <li>{@code QUIT} (or end of input) — exits.</li>
 * </ul>
 * It prints {@code READY} once registered and logged in.
 */
public final class ParticipantProcess {
    private ParticipantProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        Endpoint where = new Endpoint(a.get("--host"), Integer.parseInt(a.get("--port")),
                new CertificateFingerprint(a.get("--fingerprint")));
        Participant me = new Participant(a.get("--user"), a.get("--password"), () -> where, 64);
        registerPatiently(me);
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int sent = 0;
        while ((line = in.readLine()) != null && !line.equals("QUIT")) {
            String[] words = line.split(" ", 2);
            switch (words[0]) {
                case "SEND" -> {
                    int n = Integer.parseInt(words[1]);
                    for (int i = 0; i < n; i++) {
                        me.send(Conversation.GROUP, me.username() + " from afar #" + sent++);
                    }
                    System.out.println("QUEUED " + n);
                }
                case "SNAPSHOT" -> {
                    await().atMost(Duration.ofMinutes(3)).until(() -> me.isConnected() && me.outboxSize() == 0);
                    me.catchUp();
                    new ObjectMapper().writeValue(Path.of(words[1]).toFile(), me.snapshot(false));
                    System.out.println("SNAPSHOT " + me.sessions());
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        me.close();
        System.exit(0);
    }

    /**
     * A cold JVM on a loaded machine can take longer than a scenario's short idle timeout (2 s) between accepting
     * the connection and saying its first words, and the appliance then closes it, as it should. A person would
     * try again; so does this. (With no request in flight when the appliance gave up, nothing was registered.)
     */
    private static void registerPatiently(Participant me) {
        for (int attempt = 1; ; attempt++) {
            try {
                me.register();
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("registration failed, trying again: " + e.getMessage());
            }
        }
    }
}
