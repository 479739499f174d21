/**
 * Administration of an installed appliance: {@code lanchat-appliance db-setup} (creates the MySQL/MariaDB
 * database and a least-privilege user, writes the config) and {@code lanchat-admin} (accounts, who is
 * online, fingerprint, backup and restore).
 *
 * <p>A running appliance serves the admin commands on a Unix-domain socket ({@link ControlSocket}) that only
 * root and the service's own user can open: the embedded database is locked by the running process, and
 * only the running process knows who is online. When the appliance is stopped the same operations
 * ({@link AdminService}) run in the command's own process against the database directly.
 */
package org.lanchat.appliance.admin;
