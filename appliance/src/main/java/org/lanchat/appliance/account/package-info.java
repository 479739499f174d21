/**
 * Accounts: argon2id password hashes, the login throttle, resume tokens, and the in-memory directory
 * of who is who. Errors never say whether a username exists.
 */
package org.lanchat.appliance.account;
