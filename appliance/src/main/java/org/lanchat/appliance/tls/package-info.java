/**
 * The appliance's identity on the network: a self-signed certificate generated on first start and
 * kept in the data directory. Clients pin its SHA-256 fingerprint rather than trusting a CA.
 */
package org.lanchat.appliance.tls;
