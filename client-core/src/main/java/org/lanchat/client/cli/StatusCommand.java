package org.lanchat.client.cli;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code lanchat status [available|away|busy] [--text TEXT]}: sets the user's presence state (PROTOCOL.md §7.20),
 * or with no state prints it.
 */
@Command(name = "status")
final class StatusCommand extends ChatCommand {
    @Parameters(arity = "0..1", paramLabel = "STATE", descriptionKey = "presence.status.param.state",
            converter = StateConverter.class, completionCandidates = StateConverter.Words.class)
    PresenceState state;

    @Option(names = "--text", paramLabel = "TEXT", descriptionKey = "presence.status.option.text")
    String text;

    StatusCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (state == null && text != null) {
            throw new ParameterException(spec.commandLine(), Texts.text("presence.status.textNeedsState"));
        }
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            ChatClient client = signedIn.client();
            String me = signedIn.session().username();
            UserState shown;
            if (state != null) {
                client.setPresence(state, text).join();
                shown = UserState.of(state, text == null || text.isBlank() ? null : text.strip());
            } else {
                // The roster pushed at login may predate this very login (presence is coalesced): wait for the
                // announcement that lists this user, which carries their state.
                awaitListed(client, me);
                shown = client.online().join().stateOf(me);
            }
            out().println(line(me, shown));
        }
        return Exit.OK;
    }

    private void awaitListed(ChatClient client, String me) {
        CompletableFuture<Void> listed = new CompletableFuture<>();
        client.addListener(event -> {
            if (event instanceof ClientEvent.RosterChanged roster
                    && roster.online().stream().anyMatch(user -> Usernames.key(user).equals(Usernames.key(me)))) {
                listed.complete(null);
            }
        }, Runnable::run);
        if (client.online().join().users().stream().anyMatch(user -> Usernames.key(user).equals(Usernames.key(me)))) {
            return;
        }
        listed.orTimeout(context.clientOptions().requestTimeout().toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static String line(String me, UserState state) {
        String word = Texts.text("presence.state." + state.presenceState().wireName());
        return Optional.ofNullable(state.statusText())
                .map(text -> Texts.text("presence.status.yoursWithText", me, word, text))
                .orElseGet(() -> Texts.text("presence.status.yours", me, word));
    }

    /** Reads a state as the protocol spells it, in any case. */
    static final class StateConverter implements ITypeConverter<PresenceState> {
        @Override
        public PresenceState convert(String value) {
            try {
                return PresenceState.fromWire(value.toLowerCase(Locale.ROOT));
            } catch (ProtocolException e) {
                throw new UsageErrors.Worded(Texts.text("presence.status.unknownState", value));
            }
        }

        static final class Words extends ArrayList<String> {
            Words() {
                for (PresenceState s : PresenceState.values()) {
                    add(s.wireName());
                }
            }
        }
    }
}
