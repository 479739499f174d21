package org.lanchat.appliance.net;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.lanchat.appliance.account.AccountService;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.chat.ChatService;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.relay.PresenceHub;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage.Welcome;

/**
 * What a connection needs from the rest of the appliance, gathered so sessions take one argument.
 *
 * @param welcome  the {@code welcome} reply, sent with the request's id filled in
 * @param rosterFrame the roster event a new session gets, shared between sessions
 * @param historyPages permits for building history pages, shared by this appliance's sessions
 * @param workers  virtual-thread executor for blocking work (hashing, database)
 */
public record Services(
        MessageCodec codec,
        Welcome welcome,
        AccountService accounts,
        UserDirectory directory,
        ChatService chat,
        MessageViews views,
        MessageStore messages,
        AvatarService avatars,
        MessageLog messageLog,
        SessionRegistry registry,
        PresenceHub presence,
        RosterFrame rosterFrame,
        Semaphore historyPages,
        ExecutorService workers,
        Duration loginTimeout,
        int maxOutboundBytes) {
}
