/**
 * Hostile-input tests against the real appliance over real TLS: a catalogue of malformed and malicious
 * requests with the exact answer each must get, slowloris connections, password guessing, forged ids
 * that try to read someone else's private conversation. Their figures go to the reliability report
 * ({@link org.lanchat.reliability.report.Figures}).
 */
package org.lanchat.reliability.hostile;
