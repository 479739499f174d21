package org.lanchat.client.view;

import java.util.Arrays;
import java.util.TreeSet;
import javafx.collections.SetChangeListener;
import org.lanchat.client.viewmodel.NotificationPolicy;

/**
 * Keeps which conversations are muted in the desktop settings ({@value #KEY}): muting is this computer's
 * business, not the appliance's (PROTOCOL.md §7.21), so another computer of the same user rings as before.
 */
final class MutedConversations {
    static final String KEY = "chat.muted";

    private MutedConversations() {
    }

    /** Mutes what was muted last time, and keeps every change from now on. */
    static void remember(NotificationPolicy policy, ClientSettings settings) {
        // Conversation names never contain a space (group, @login): one space-separated line.
        Arrays.stream(settings.text(KEY, "").split(" ")).filter(name -> !name.isBlank()).forEach(policy.muted()::add);
        policy.muted().addListener((SetChangeListener<String>) change ->
                settings.put(KEY, String.join(" ", new TreeSet<>(policy.muted()))));
    }
}
