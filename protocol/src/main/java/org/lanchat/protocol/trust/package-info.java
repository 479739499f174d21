/**
 * How a client decides it is talking to the right appliance: the SHA-256 fingerprint of the appliance's
 * certificate, and a short code derived from it that a person can read aloud and compare.
 */
package org.lanchat.protocol.trust;
