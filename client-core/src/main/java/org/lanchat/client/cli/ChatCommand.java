package org.lanchat.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code lanchat} command: the connection options, the context, and where to print. */
abstract class ChatCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    final Context context;

    ChatCommand(Context context) {
        this.context = context;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The group, or the private conversation with {@code user} when an option named one. */
    static Conversation conversation(String user) {
        try {
            return user == null ? Conversation.GROUP : Conversation.with(user);
        } catch (ProtocolException e) {
            throw CommandFailure.usage(Texts.text("common.notAUserName", user));
        }
    }

    /**
     * The conversation an option chose, once signed in: the room {@code room} names ({@link RoomChoice}), else the
     * private conversation with {@code user}, else the group. Naming both is a usage error.
     */
    static Conversation conversation(SignedIn signedIn, String user, String room) {
        if (room == null) {
            return conversation(user);
        }
        if (user != null) {
            throw CommandFailure.usage(Texts.text("common.userAndRoom"));
        }
        return RoomChoice.resolve(signedIn.client().rooms(), room);
    }

    Access access() {
        return new Access(connection, context, err());
    }
}
