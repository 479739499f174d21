package org.lanchat.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.Usernames;
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

    /**
     * The group, or the private conversation with {@code user} when an option named one: checked before anything
     * connects, so that a malformed name, or the user's own name when {@code --user} says who that is, is a usage error
     * at once.
     */
    Conversation conversation(String user) {
        Conversation conversation;
        try {
            conversation = user == null ? Conversation.GROUP : Conversation.with(user);
        } catch (ProtocolException e) {
            throw CommandFailure.usage(Texts.text("common.notAUserName", user));
        }
        connection.user().ifPresent(me -> notWithYourself(conversation, me));
        return conversation;
    }

    /**
     * The conversation an option chose, once signed in: the room {@code room} names ({@link RoomChoice}), else the
     * private conversation with {@code user} (not the signed-in user's own), else the group. Naming both is a usage
     * error.
     */
    Conversation conversation(SignedIn signedIn, String user, String room) {
        if (room == null) {
            return notWithYourself(conversation(user), signedIn.session().username());
        }
        if (user != null) {
            throw CommandFailure.usage(Texts.text("common.userAndRoom"));
        }
        return RoomChoice.resolve(signedIn.client().rooms(), room);
    }

    /**
     * A private conversation is with another user: the appliance refuses one with yourself only as "an invalid field",
     * so it is said here, in a sentence of its own, before anything is asked of it.
     */
    Conversation notWithYourself(Conversation conversation, String me) {
        if (conversation.isPrivate() && Usernames.key(conversation.peer()).equals(Usernames.key(me))) {
            throw CommandFailure.usage(withYourself());
        }
        return conversation;
    }

    /** Why naming yourself with {@code --with} names no conversation; {@code send --to} says it its own way. */
    String withYourself() {
        return Texts.text("common.withYourself");
    }

    Access access() {
        return new Access(connection, context, err());
    }
}
