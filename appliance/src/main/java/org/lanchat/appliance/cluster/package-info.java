/**
 * Several appliances serving one chat: they share one MySQL/MariaDB database, which stays the only truth, and
 * tell each other over NATS what they committed, who is online on each, and which users an administrator
 * disconnected. {@link org.lanchat.appliance.cluster.ClusterRouter} is the
 * {@link org.lanchat.appliance.relay.MessageRouter} that does it; the bus is only ever a shortcut: every
 * committed message also reaches every member from the database ({@link org.lanchat.appliance.cluster.CommitSequencer}),
 * so a lost, late or reordered bus message delays a delivery but never loses or duplicates one.
 */
package org.lanchat.appliance.cluster;
