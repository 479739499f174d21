/**
 * Fault scenarios: the appliance killed under load, its database cut off or restarted, clients frozen or cut
 * from the network, clients that stop reading, a reconnect storm after a restart. Each ends with the
 * {@link org.lanchat.reliability.invariant.InvariantChecker} and records its figures for the reliability report.
 */
package org.lanchat.reliability.fault;
