/**
 * Named rooms (PROTOCOL §7.23): who may see, join and manage a room, and the remembered member sets that keep a
 * room's fan-out proportional to its size. Messages in rooms go through the same chat code as every conversation.
 */
package org.lanchat.appliance.room;
