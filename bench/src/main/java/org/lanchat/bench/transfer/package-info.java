/** The rate of a file transfer through the appliance (PROTOCOL.md §7.24) against a plain TLS copy on loopback. */
package org.lanchat.bench.transfer;
