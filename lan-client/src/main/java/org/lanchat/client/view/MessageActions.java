package org.lanchat.client.view;

import java.util.List;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * What the user can do to one message in the chat window (PROTOCOL.md §7.19): reply, edit, delete and react, from the
 * message menu, and react from a reaction's chip. The history window offers none of it.
 */
interface MessageActions {
    /** The reactions the menu offers; any other emoji can come from other clients and is shown all the same. */
    List<String> QUICK_REACTIONS = List.of("\uD83D\uDC4D", "\u2764\uFE0F", "\uD83D\uDE02", "\uD83C\uDF89", "\uD83D\uDE2E",
            "\uD83D\uDE22");

    void reply(MessageItem message);

    void edit(MessageItem message);

    void delete(MessageItem message);

    void react(MessageItem message, String emoji);

    boolean canEdit(MessageItem message);

    boolean canDelete(MessageItem message);

    boolean canReact(MessageItem message);
}
