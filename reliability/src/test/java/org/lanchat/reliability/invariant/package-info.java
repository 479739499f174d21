/**
 * The one invariant every fault scenario must keep, checked from both ends: the database, and what each client
 * was acknowledged and holds.
 */
package org.lanchat.reliability.invariant;
