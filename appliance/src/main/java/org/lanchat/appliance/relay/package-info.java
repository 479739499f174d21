/**
 * Who receives what. {@link org.lanchat.appliance.relay.MessageRouter} is the one seam through which
 * committed messages, presence and an administrator's disconnect reach sessions: today
 * {@link org.lanchat.appliance.relay.LocalRouter} serves this appliance's connections; a router that also
 * publishes to and consumes from NATS can take its place when several appliances share one database.
 * Underneath, {@link org.lanchat.appliance.relay.SessionRegistry} knows every logged-in connection (and so
 * who is online), each I/O thread's connections form a shard that flushes once per pass, and a message is
 * encoded once per point of view with the same bytes going to every recipient.
 */
package org.lanchat.appliance.relay;
