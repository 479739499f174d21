/**
 * Servers under test as processes: the appliance on a freshly seeded database, nats-server and
 * Mosquitto; and their CPU time and memory read from /proc.
 */
package org.lanchat.bench.server;
