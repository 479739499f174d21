package org.lanchat.client.cli;

import java.util.List;
import org.lanchat.client.core.Rooms;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lanchat room create|join|leave|invite|members|remove|update|archive}: one named room at a time (PROTOCOL.md §7.23).
 * Every command but {@code create} names the room as {@link RoomChoice} reads it.
 */
@Command(name = "room", synopsisSubcommandLabel = "COMMAND")
final class RoomCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "lanchat.option.help")
    boolean help;

    /** {@code room} with its commands, for {@code lanchat}'s command line. */
    static CommandLine line(Context context) {
        return new CommandLine(new RoomCommand())
                .addSubcommand(new Create(context))
                .addSubcommand(new Join(context))
                .addSubcommand(new Leave(context))
                .addSubcommand(new Invite(context))
                .addSubcommand(new Members(context))
                .addSubcommand(new Remove(context))
                .addSubcommand(new Update(context))
                .addSubcommand(new Archive(context));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), Texts.text("room.which"));
    }

    /** Prints the new room's {@code #id}, which names it in every other command. */
    @Command(name = "create")
    static final class Create extends ChatCommand {
        @Option(names = "--private", descriptionKey = "lanchat.room.create.private")
        boolean privateRoom;

        @Option(names = "--topic", paramLabel = "TOPIC", descriptionKey = "lanchat.room.create.topic")
        String topic;

        @Parameters(arity = "1..*", paramLabel = "NAME", descriptionKey = "lanchat.room.create.name")
        List<String> words;

        Create(Context context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            String name = String.join(" ", words).strip();
            if (name.isEmpty()) {
                throw CommandFailure.usage(Texts.text("room.noName"));
            }
            checkLengths(name, topic);
            try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
                RoomInfo created = signedIn.client().rooms().create(name, topic, privateRoom).join();
                out().println(created.conversation().value());
            }
            return Exit.OK;
        }
    }

    /**
     * The protocol's bounds of a room's name and topic (PROTOCOL.md §5.27), checked before anything connects: the
     * request would not even be built with a longer one.
     */
    static void checkLengths(String name, String topic) {
        if (name != null && name.length() > RoomRequest.MAX_ROOM_NAME_CHARS) {
            throw CommandFailure.usage(Texts.text("room.nameTooLong", name.length(), RoomRequest.MAX_ROOM_NAME_CHARS));
        }
        if (topic != null && topic.length() > RoomRequest.MAX_ROOM_TOPIC_CHARS) {
            throw CommandFailure.usage(Texts.text("room.topicTooLong", topic.length(), RoomRequest.MAX_ROOM_TOPIC_CHARS));
        }
    }

    /** What the commands that act on one existing room share: the room, and signing in to resolve it. */
    abstract static class OnRoom extends ChatCommand {
        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "lanchat.room.name")
        String room;

        OnRoom(Context context) {
            super(context);
        }

        abstract void act(Rooms rooms, Conversation room);

        @Override
        public Integer call() throws InterruptedException {
            try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
                Rooms rooms = signedIn.client().rooms();
                act(rooms, RoomChoice.resolve(rooms, room));
            }
            return Exit.OK;
        }
    }

    /** An {@link OnRoom} command about one user too. */
    abstract static class OnMember extends OnRoom {
        @Parameters(index = "1", paramLabel = "USER", descriptionKey = "lanchat.room.user")
        String user;

        OnMember(Context context) {
            super(context);
        }
    }

    @Command(name = "join")
    static final class Join extends OnRoom {
        Join(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            out().println(rooms.join(room).join().conversation().value());
        }
    }

    @Command(name = "leave")
    static final class Leave extends OnRoom {
        Leave(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            rooms.leave(room).join();
        }
    }

    @Command(name = "invite")
    static final class Invite extends OnMember {
        Invite(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            rooms.invite(room, user).join();
        }
    }

    @Command(name = "remove")
    static final class Remove extends OnMember {
        Remove(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            rooms.remove(room, user).join();
        }
    }

    /** Renames the room or sets its topic; the room's creator alone may. */
    @Command(name = "update")
    static final class Update extends OnRoom {
        @Option(names = "--name", paramLabel = "NEW", descriptionKey = "lanchat.room.update.name")
        String name;

        @Option(names = "--topic", paramLabel = "TOPIC", descriptionKey = "lanchat.room.update.topic")
        String topic;

        Update(Context context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            if (name == null && topic == null) {
                throw CommandFailure.usage(Texts.text("room.updateNothing"));
            }
            checkLengths(name, topic);
            return super.call();
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            rooms.update(room, name, topic).join();
        }
    }

    @Command(name = "archive")
    static final class Archive extends OnRoom {
        Archive(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            rooms.archive(room).join();
        }
    }

    /** One member per line, the creator marked. */
    @Command(name = "members")
    static final class Members extends OnRoom {
        Members(Context context) {
            super(context);
        }

        @Override
        void act(Rooms rooms, Conversation room) {
            RoomMembers members = rooms.members(room).join();
            for (String member : members.members()) {
                out().println(member.equals(members.creator()) ? Texts.text("room.creator", member) : member);
            }
        }
    }
}
