/**
 * The {@code lanchat} command line: the client core for people who live in a terminal and for scripts. Each
 * command finds and checks the appliance the way the desktop app does, signs in (with the resume token kept
 * in the client's data directory, or a password that never comes from an argument), does one job and ends
 * with an exit code scripts can test ({@link org.lanchat.client.cli.Exit}).
 */
package org.lanchat.client.cli;
