/**
 * Tests of the Debian package as an administrator meets it: what the built {@code .deb} contains and what
 * lintian says of it, whether systemd accepts the unit and how exposed it rates it, and a real
 * installation on this machine (install, start exactly as the unit would, log in over TLS from another
 * host of a network-namespace LAN, back up, restore, upgrade, remove, purge); what the appliance does
 * under strace against the unit's filters; and the desktop client's app image, started on a virtual display.
 *
 * <p>They run after {@code package} (failsafe, {@code *IT}), need Linux and the Debian tools that
 * {@code .ci/run} installs, and the installation test needs root. Without them they are skipped with
 * the reason, except under {@code CI=true}, where they fail.
 */
package org.lanchat.installer;
