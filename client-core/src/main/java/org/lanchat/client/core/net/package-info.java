/**
 * One connection to the appliance as a short pipeline: a {@link org.lanchat.client.core.net.Connector} opens a
 * pinned TLS socket, a reader thread turns its bytes into frames and messages, and
 * {@link org.lanchat.client.core.net.Connection} matches replies to requests by id and hands events on. No
 * session logic lives here: logging in, reconnecting and state are the core's.
 */
package org.lanchat.client.core.net;
