/**
 * Chat itself: what a valid send is, the sticker set, and the group-commit {@link
 * org.lanchat.appliance.chat.MessageLog} that assigns sequence numbers and makes every message durable
 * before anyone is told about it.
 */
package org.lanchat.appliance.chat;
