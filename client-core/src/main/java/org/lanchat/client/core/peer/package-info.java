/**
 * Peer links: colleagues' clients talking directly, over mutual TLS 1.3, while the appliance does not
 * answer (docs/PROTOCOL.md §7.13, §7.14, §10). Who is on the other side is what the appliance signed, checked
 * against the fingerprint this client pinned, never what the other side says.
 */
package org.lanchat.client.core.peer;
