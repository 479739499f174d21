/**
 * The words every layer of the appliance shares: a message as committed
 * ({@link org.lanchat.appliance.core.StoredMessage}), a conversation as stored
 * ({@link org.lanchat.appliance.core.ConversationKey}) and a request refused for a reason the user can
 * act on ({@link org.lanchat.appliance.core.Refused}); and where work that holds a processor for long runs
 * ({@link org.lanchat.appliance.core.HeavyWork}). It depends on nothing else in the appliance, so
 * the store, the chat rules, the relay and the network edge can all use it without depending on each
 * other.
 */
package org.lanchat.appliance.core;
