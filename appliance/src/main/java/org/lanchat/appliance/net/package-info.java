/**
 * The network edge, on Netty: each connection is a short pipeline — TLS, then
 * {@link org.lanchat.appliance.net.FrameInbound} (bytes to frame bodies, using the protocol module's
 * decoder), then {@link org.lanchat.appliance.net.ClientSession} (bodies to requests, each handed to the
 * part that answers it). A session is a few small parts built per connection by
 * {@link org.lanchat.appliance.net.ClientSessions}: the login state machine, the runner of blocking work,
 * the connection's place in the relay, the offline hand-over and the history pager. I/O threads never
 * block: hashing and database work run on virtual threads, sends go to the group-commit log, and replies
 * are written back from wherever they complete.
 */
package org.lanchat.appliance.net;
