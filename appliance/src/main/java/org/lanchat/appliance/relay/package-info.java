/**
 * Who receives what. {@link org.lanchat.appliance.relay.MessageRouter} is the one seam through which
 * committed messages reach sessions: today {@link org.lanchat.appliance.relay.LocalRouter} delivers to
 * this appliance's connections; a router that also publishes to and consumes from NATS can take its
 * place when several appliances share one database. A message is encoded once per point of view and
 * the same bytes go to every recipient.
 */
package org.lanchat.appliance.relay;
