/**
 * Whether the appliance a client found is the one it trusts: the client pins the appliance's certificate
 * fingerprint on first contact ({@link org.lanchat.discovery.trust.PinStore}) and checks it during every
 * TLS handshake ({@link org.lanchat.discovery.trust.TlsPinCheck}), before a single byte of application
 * data (a password, say) can be sent. Anyone on the LAN can advertise the appliance's name, id and
 * fingerprint; only the real appliance can complete a handshake with the pinned certificate.
 */
package org.lanchat.discovery.trust;
