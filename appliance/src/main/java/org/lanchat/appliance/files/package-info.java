/**
 * The appliance's files are its user's alone: the data directory (0700), the database, keys and backups
 * (0600), whatever the umask of the process that started it.
 */
package org.lanchat.appliance.files;
