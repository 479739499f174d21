/**
 * Finding the appliance without typing addresses: DNS-SD over multicast DNS (JmDNS, kept behind our own
 * small interfaces), and the certificate pin that stops anyone else on the LAN from posing as it.
 */
package org.lanchat.discovery;
