/**
 * Choosing the appliance and deciding to trust it: the appliances discovered on the LAN, the one that worked
 * last time, an address the user types ({@link org.lanchat.client.core.appliance.ApplianceDirectory}); and the
 * first-contact and changed-certificate decisions, taken by the user on the short code
 * ({@link org.lanchat.client.core.appliance.TrustService}). Built on {@code org.lanchat.discovery}.
 */
package org.lanchat.client.core.appliance;
