/**
 * Limits on what one address, connection or user may ask of the appliance, so that one client cannot
 * crowd out everyone else: registrations per address per hour, connections per address, and sends per
 * second per connection and per user. A request over a limit is refused with {@code rate_limited} and
 * the time after which it would be admitted (PROTOCOL.md §7.11).
 */
package org.lanchat.appliance.limits;
