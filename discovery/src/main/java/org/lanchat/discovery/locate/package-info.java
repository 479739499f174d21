/**
 * How a client gets to an appliance: {@link org.lanchat.discovery.locate.ApplianceLocator} tries discovery,
 * then the last appliance that worked, then an address the user typed, and says which way it found it;
 * {@link org.lanchat.discovery.locate.DiscoveryDiagnostics} explains what went wrong when none worked.
 */
package org.lanchat.discovery.locate;
