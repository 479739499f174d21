package org.lanchat.appliance.net;

import java.time.Duration;
import java.util.function.Predicate;
import org.lanchat.appliance.account.Accounts;
import org.lanchat.protocol.message.SessionMessage.Welcome;

/**
 * What logging in needs, shared by every connection.
 *
 * @param welcome      the {@code welcome} reply, sent with the request's id filled in
 * @param loginTimeout how long a connection may stay open without logging in
 * @param limited      whether the limits per account apply to a client at this address (loopback may be exempt)
 */
public record SignIn(Accounts accounts, Welcome welcome, Duration loginTimeout, Predicate<String> limited) {
}
